"""The staff admin's home page: what is waiting for the person signed in, each with a link to the list.

Each app registers its queues from its hooks.py. A queue counts only what the person may act on: the
county's team see every council's, a council's own staff their council's (`for_council_staff`). Each
queue is one COUNT query, so the page costs the same whatever is waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from localism.registry import Registry


@dataclass(frozen=True)
class WorkQueue:
    key: str
    label: str
    # The admin's permission that shows the queue ("directory.change_listing"): a model permission.
    permission: str
    count: Callable[[object], int]
    url_name: str
    query: str = ""
    order: int = 50
    is_urgent: bool = False


@dataclass(frozen=True)
class WaitingWork:
    queue: WorkQueue
    count: int
    url: str


WORK_QUEUES: Registry[WorkQueue] = Registry("work queues")


def register_work_queue(queue: WorkQueue) -> None:
    WORK_QUEUES.add(queue.key, queue)


def waiting_work(user) -> list[WaitingWork]:
    """The queues this person may work on, with how much is in each (an empty queue is listed too)."""
    found = []
    for queue in WORK_QUEUES.ordered():
        if not user.has_perm(queue.permission):
            continue
        url = reverse(queue.url_name) + (f"?{queue.query}" if queue.query else "")
        found.append(WaitingWork(queue=queue, count=queue.count(user), url=url))
    return found
