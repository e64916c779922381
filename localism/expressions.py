"""SQL expressions written from one template over a row's columns.

For a formula whose tree of Django expressions costs more to build and compile than its query costs to run
(the haversine, the site search's weighted vectors): a subclass names the columns it reads and writes its SQL
in as_sql, the same SQL as the tree would (each one's tests compare the two, byte for byte).
"""

from __future__ import annotations

from django.db.models import Expression, F


class OverColumns(Expression):
    """An expression over the named columns (`self.columns`, compiled by as_sql); joins as F() makes them."""

    def __init__(self, *names: str):
        super().__init__()
        self.columns = [F(name) for name in names]

    def get_source_expressions(self) -> list:
        return list(self.columns)

    def set_source_expressions(self, exprs) -> None:
        self.columns = list(exprs)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.is_summary = summarize
        # As Func does: the columns once resolved stay (a subquery's annotations are resolved again, in the
        # outer query, where the names may mean nothing).
        clone.columns = [
            column.resolve_expression(query, allow_joins, reuse, summarize, for_save) for column in self.columns
        ]
        return clone
