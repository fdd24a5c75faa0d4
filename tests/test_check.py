"""The whole-routine check: every problem at once, each at its $.path, in exact words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backstretch import (
    Break,
    Caution,
    DurationRange,
    Hold,
    Modification,
    PerSide,
    Problem,
    Repeat,
    Reps,
    Rest,
    Routine,
    RoutineError,
    Step,
    Stretch,
    check_routine,
    compile_routine,
    seconds,
)


def test_every_problem_is_reported_at_once() -> None:
    routine = Routine(
        "Broken {thing}",
        [
            Stretch("Cat Cow", []),
            Rest(seconds(5), text="Rest your {side} arm"),
            Stretch(
                "cat-cow!",
                [
                    PerSide([]),
                    PerSide([PerSide([Step("x")]), Reps(3, "swing {side}", alternate=True)]),
                    Repeat(2, []),
                    Step("reach with the {side} arm"),
                    Hold(
                        "10s",
                        cue="breathe {sied}",
                        breaks=Break("{other} knee", every="5s", duration="1s"),
                    ),
                ],
                purpose="for the {side}",
                cautions=[Caution("not with a bad {side} knee")],
                modifications=[Modification("use a {prop}", when="{side} is tight")],
            ),
            Stretch("???", [Step("a")]),
        ],
    )
    with pytest.raises(RoutineError) as caught:
        compile_routine(routine)
    assert [
        Problem("$.title", "unknown placeholder {thing} in 'Broken {thing}'; remove the braces"),
        Problem(
            "$.body[0].body",
            "a stretch needs at least one Step, Hold or Reps; add what the person does",
        ),
        Problem(
            "$.body[1].text",
            "{side} in 'Rest your {side} arm' has no side to fill it; it works only inside a "
            "PerSide, a OneSide or alternating Reps",
        ),
        Problem(
            "$.body[2].name",
            "'cat-cow!' has a name like 'Cat Cow' as the stretch at $.body[0], but is not the same "
            "stretch; give each stretch its own name, or use the very same stretch again (names "
            "are compared ignoring case and punctuation)",
        ),
        Problem(
            "$.body[2].purpose",
            "{side} in 'for the {side}' has no side to fill it; it works only inside a PerSide, "
            "a OneSide or alternating Reps",
        ),
        Problem(
            "$.body[2].cautions[0].text",
            "{side} in 'not with a bad {side} knee' has no side to fill it; it works only inside "
            "a PerSide, a OneSide or alternating Reps",
        ),
        Problem(
            "$.body[2].modifications[0].text",
            "unknown placeholder {prop} in 'use a {prop}'; remove the braces",
        ),
        Problem(
            "$.body[2].modifications[0].when",
            "{side} in '{side} is tight' has no side to fill it; it works only inside a PerSide, "
            "a OneSide or alternating Reps",
        ),
        Problem(
            "$.body[2].body[0].body",
            "a PerSide needs at least one Step, Hold or Reps to do on each side",
        ),
        Problem(
            "$.body[2].body[1].body[0]",
            "a PerSide inside a PerSide or OneSide has no side of its own; remove the inner one",
        ),
        Problem(
            "$.body[2].body[1].body[1].alternate",
            "alternating Reps inside a PerSide or OneSide would fight over the side; use "
            "alternate=False there, or move the Reps out of it",
        ),
        Problem("$.body[2].body[2].body", "a Repeat needs at least one node to repeat"),
        Problem(
            "$.body[2].body[3].text",
            "{side} in 'reach with the {side} arm' has no side to fill it; it works only inside "
            "a PerSide, a OneSide or alternating Reps",
        ),
        Problem(
            "$.body[2].body[4].cue",
            "unknown placeholder {sied} in 'breathe {sied}'; {side} works only inside a PerSide, "
            "a OneSide or alternating Reps; elsewhere, remove the braces",
        ),
        Problem(
            "$.body[2].body[4].breaks.text",
            "{other} in '{other} knee' has no side to fill it; it works only inside a PerSide, a "
            "OneSide or alternating Reps",
        ),
        Problem(
            "$.body[3].name",
            "'???' has no letter or digit; a stretch name needs one (it names the stretch's "
            "events)",
        ),
    ] == list(caught.value.problems)
    assert str(caught.value).startswith("16 problems in the routine:\n$.title: unknown placeholder")


def test_a_routine_needs_a_stretch() -> None:
    with pytest.raises(RoutineError) as caught:
        check_routine(Routine("Only rest", [Rest("10s")]))
    assert (
        "1 problem in the routine:\n$.body: a routine needs at least one Stretch; add one, e.g. "
        "Stretch('Neck roll', [...])"
    ) == str(caught.value)


def test_typo_in_a_placeholder_inside_per_side_suggests_the_right_ones() -> None:
    routine = Routine("r", [Stretch("s", [PerSide([Step("lift the {sid} arm")])])])
    with pytest.raises(RoutineError) as caught:
        check_routine(routine)
    assert [
        Problem(
            "$.body[0].body[0].body[0].text",
            "unknown placeholder {sid} in 'lift the {sid} arm'; write {side} or {other}",
        )
    ] == list(caught.value.problems)


def test_a_valid_routine_passes_quietly() -> None:
    check_routine(Routine("r", [Stretch("s", [PerSide([Step("lift the {side} arm")])])]))


def test_routine_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="a routine needs at least one Stretch"):
        compile_routine(Routine("r", []))


def test_a_sound_routine_is_checked_once_per_object(monkeypatch: pytest.MonkeyPatch) -> None:
    """Routines are immutable: the check of one object holds for good (web services compile
    the same routine for every request); an unsound one is checked, and refused, every time."""
    import backstretch._dsl.check as check

    calls: list[object] = []
    real = check.problems

    def counting(routine: Routine) -> Iterator[Problem]:
        calls.append(routine)
        return real(routine)

    monkeypatch.setattr(check, "problems", counting)
    sound = Routine("Once", [Stretch("Twist", [Step("Turn.")])])
    check.check_routine(sound)
    check.check_routine(sound)
    check.check_routine(Routine("Once", [Stretch("Twist", [Step("Turn.")])]))  # equal, not same
    assert 2 == len(calls)
    unsound = Routine("Twice", [Stretch("Twist", [Step("Turn to the {side}.")])])
    for _ in range(2):
        with pytest.raises(RoutineError):
            check.check_routine(unsound)
    assert 4 == len(calls)


def test_a_hold_too_short_for_its_breaks_is_refused() -> None:
    """Breaks split a hold into enough parts for the top of its range; at the bottom of the range
    every part must still last a millisecond, or a part would be an empty segment."""
    hold = Hold(DurationRange(1, 1001), breaks=Break("Shake out", every="1s", duration="1ms"))
    routine = Routine("r", [Stretch("s", [hold])])
    with pytest.raises(RoutineError) as caught:
        check_routine(routine)
    assert [
        Problem(
            "$.body[0].body[0].duration",
            "its breaks (every 0:01) split this hold into 2 parts, but at its shortest it lasts "
            "1 ms, too short to give each part a millisecond; make the hold longer or the breaks "
            "rarer",
        )
    ] == list(caught.value.problems)


def test_round_placeholders_work_only_inside_a_repeat() -> None:
    routine = Routine(
        "r",
        [
            Stretch(
                "s",
                [
                    Step("set {round} of {rounds}"),
                    Repeat(
                        2, [PerSide([Step("{side}, set {rnd}")])], between=Rest("5s", text="{sde}")
                    ),
                ],
            )
        ],
    )
    with pytest.raises(RoutineError) as caught:
        check_routine(routine)
    assert [
        Problem(
            "$.body[0].body[0].text",
            "{round} in 'set {round} of {rounds}' has no round to fill it; it works only inside "
            "a Repeat or a Circuit",
        ),
        Problem(
            "$.body[0].body[0].text",
            "{rounds} in 'set {round} of {rounds}' has no round to fill it; it works only "
            "inside a Repeat or a Circuit",
        ),
        Problem(
            "$.body[0].body[1].between.text",
            "unknown placeholder {sde} in '{sde}'; {side} works only inside a PerSide, a OneSide "
            "or alternating Reps; elsewhere, remove the braces",
        ),
        Problem(
            "$.body[0].body[1].body[0].body[0].text",
            "unknown placeholder {rnd} in '{side}, set {rnd}'; write {side}, {other}, {round} or "
            "{rounds}",
        ),
    ] == list(caught.value.problems)


def test_a_text_too_long_for_its_time_is_a_warning_at_its_path() -> None:
    """Words that cannot be said in their segment at the reference pace: a warning at the text's
    $.path, with by how much; compile_routine(strict_speech=True) refuses the routine."""
    from backstretch import Hold, PerSide, Reps, RoutineError, Step, Stretch, compile_routine
    from backstretch._dsl.sayable import overruns

    routine = Routine(
        "Too Many Words",
        [
            Stretch(
                "Lift",
                [
                    Step("Stand tall.", duration="3s"),
                    PerSide(
                        [Reps(5, "Lift your {side} knee slowly and then lower it", tempo="3s")]
                    ),
                    Hold("20s", text="Keep it there"),
                ],
            )
        ],
    )
    (warning,) = overruns(routine)
    assert "$.body[0].body[1].body[0].text" == warning.path
    assert (
        "'Lift your {side} knee slowly and then lower it' takes 3.7 s to say at the audio "
        "guide's pace, but the rep lasts 3.0 s (0.7 s over): shorten it, or give it more time"
    ) == warning.message
    compile_routine(routine)  # only a warning, unless asked
    with pytest.raises(RoutineError) as caught:
        compile_routine(routine, strict_speech=True)
    assert [warning] == list(caught.value.problems)


def test_a_translation_too_long_for_its_time_is_a_warning_at_its_path() -> None:
    """German often takes longer to say than the English it translates: the translation is
    measured too, with its sides filled in the forms it gives."""
    from backstretch import Reps, Stretch
    from backstretch._dsl.sayable import overruns

    routine = Routine(
        "Steps",
        [Stretch("Step", [Reps(5, "Up with your {side} foot", tempo="2800ms")])],
        translations={
            "de": {"Up with your {side} foot": "Steig mit dem {side|linken|rechten} Fuß hinauf"},
            "es": {"Up with your {side} foot": "Sube con el pie {side|izquierdo|derecho}"},
        },
    )
    (warning,) = overruns(routine)
    assert "$.translations['de']['Up with your {side} foot']" == warning.path
    assert (
        "'Steig mit dem {side|linken|rechten} Fuß hinauf' takes 3.0 s to say (in de) at the audio "
        "guide's pace, but the rep lasts 2.8 s (0.2 s over): shorten it, or give it more time"
    ) == warning.message
