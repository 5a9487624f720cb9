"""The store's change counters: how often what a whole-store answer is made of has changed.

Triggers (migration 0007) bump a counter in every transaction that changes what it counts,
so an answer computed when a counter stood at N is still right while it stands at N:

- ``alert_inputs``: incidents, their links to events, articles added, removed or re-dated,
  claims removed, events' claims changed (what the stored alerts and their claims are made
  of);
- ``actor_links``: actors, their links to events, claims' speakers (the actor counts).

:class:`AnswerMemo` keeps such answers in memory, for a Database that is asked the same
whole-store question over and over (the web API's alerts and actors).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Literal, TypeVar

from sqlalchemy import Connection, select

from forewarn.store.schema import change_counters

__all__ = ["AnswerMemo", "Counter", "change_count"]

Counter = Literal["alert_inputs", "actor_links"]
Answer = TypeVar("Answer")

# Answers kept per memo: a desk asks a handful of distinct whole-store questions.
MEMO_SIZE = 32


def change_count(connection: Connection, counter: Counter) -> int:
    """The counter's value as ``connection`` sees it."""
    return int(
        connection.execute(
            select(change_counters.c.value).where(change_counters.c.name == counter)
        ).scalar_one()
    )


class AnswerMemo:
    """Answers keyed by their question and the counter's value when they were computed.

    The caller reads the counter first, in the snapshot it will compute in: what it reads
    after is at least as new, so an answer is never filed under a count older than its data.
    Answers are shared between callers: :meth:`get` hands out what ``copy`` makes of them.
    """

    def __init__(self) -> None:
        self._answers: dict[Hashable, object] = {}
        self._lock = threading.Lock()

    def get(
        self,
        key: Hashable,
        count: int,
        compute: Callable[[], Answer],
        copy: Callable[[Answer], Answer],
    ) -> Answer:
        with self._lock:
            found = self._answers.get((key, count))
        if found is None:
            found = compute()
            with self._lock:
                if len(self._answers) >= MEMO_SIZE:
                    del self._answers[next(iter(self._answers))]  # the oldest
                self._answers[(key, count)] = found
        return copy(found)  # type: ignore[arg-type]
