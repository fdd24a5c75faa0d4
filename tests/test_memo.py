"""The identity memo: remembered per object while it lives, never confused by a reused id."""

from __future__ import annotations

import gc

from backstretch import Routine, Step, Stretch
from backstretch._base.memo import IdentityMemo


def routine(title: str) -> Routine:
    return Routine(title, [Stretch("Twist", [Step("Turn.")])])


def test_remembers_per_object_and_key() -> None:
    memo: IdentityMemo[Routine, int] = IdentityMemo()
    first, twin = routine("A"), routine("A")
    memo.put(first, 1)
    memo.put(first, 2, key="other")
    assert (1, 2, None) == (memo.get(first), memo.get(first, "other"), memo.get(first, "x"))
    assert memo.get(twin) is None  # equal is not the same object


def test_forgets_an_object_when_it_is_collected() -> None:
    memo: IdentityMemo[Routine, int] = IdentityMemo()
    gone = routine("B")
    memo.put(gone, 1)
    identity = id(gone)
    del gone
    gc.collect()
    assert identity not in memo._entries
    # Whatever now lives at that address is a stranger to the memo.
    for _ in range(1000):
        fresh = routine("C")
        assert memo.get(fresh) is None
