"""Results worked out from an immutable value, remembered for as long as that value lives.

Routines are frozen, so whatever is true of one routine object stays true: an app that compiles
the same routine for every request checks it once. Entries are keyed by identity (hashing a
routine would walk its whole tree) and dropped when the object is collected.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")


class IdentityMemo(Generic[T, V]):
    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[T], dict[Hashable, V]]] = {}

    def get(self, owner: T, key: Hashable = None) -> V | None:
        entry = self._entries.get(id(owner))
        if entry is None or entry[0]() is not owner:
            return None
        return entry[1].get(key)

    def put(self, owner: T, value: V, key: Hashable = None) -> None:
        entry = self._entries.get(id(owner))
        if entry is None or entry[0]() is not owner:
            entry = (weakref.ref(owner, self._forget(id(owner))), {})
            self._entries[id(owner)] = entry
        entry[1][key] = value

    def _forget(self, identity: int) -> Callable[[weakref.ref[T]], None]:
        def forget(_: weakref.ref[T]) -> None:
            self._entries.pop(identity, None)

        return forget
