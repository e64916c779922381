"""A real SMTP server on loopback (aiosmtpd) that records what it accepts.

`hold_at(n)` makes it stop before accepting the n-th message until `release()`; a
message whose sender disconnected meanwhile is refused, as a real server would
(it never said 250), so the sender must send it again. `SmtpSink(delay=0.01)` answers
each message that many seconds late, as a busy mail server does.
"""

from __future__ import annotations

import asyncio
import email
import threading
from collections import Counter
from email.message import Message

from aiosmtpd.controller import Controller

from devtools.loadtest import free_port


class _Handler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        sink = self.sink
        with sink.lock:
            number = sink.attempts + 1
            sink.attempts = number
        if sink.hold_number == number:
            sink.held.set()
            await asyncio.get_running_loop().run_in_executor(None, sink.released.wait)
        if sink.delay:
            await asyncio.sleep(sink.delay)
        transport = getattr(server, "transport", None)
        if transport is None or transport.is_closing():
            return "421 Sender went away before the message was accepted"
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with sink.arrived:
            sink.messages.append(message)
            sink.reached.add(message["To"])
            sink.arrived.notify_all()
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self, delay: float = 0):
        self.port = free_port()
        self.delay = delay
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.messages: list[Message] = []
        self.reached: set[str] = set()
        self.attempts = 0
        self.hold_number: int | None = None
        self.held = threading.Event()
        self.released = threading.Event()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.release()
        self.controller.stop()

    def hold_at(self, number: int) -> None:
        self.hold_number = number
        self.held.clear()
        self.released.clear()

    def release(self) -> None:
        self.released.set()

    def recipients(self) -> list[str]:
        with self.lock:
            return [m["To"] for m in self.messages]

    def copies(self, header: str) -> Counter:
        """How many accepted messages carry each value of a header ("To", "Message-ID")."""
        with self.lock:
            return Counter(m[header] for m in self.messages)

    def wait_for_recipients(self, recipients: set[str], timeout: float) -> bool:
        """Wait until each of these addresses was sent at least one message (True), or the timeout passed."""
        with self.arrived:
            return self.arrived.wait_for(lambda: recipients <= self.reached, timeout=timeout)

    def wait_for(self, count: int, timeout: float = 60) -> bool:
        """Wait until count messages were accepted (True), or the timeout passed (False)."""
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)

    @property
    def env(self) -> dict[str, str]:
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "0", "EMAIL_TIMEOUT": "10"}
