"""The vocabulary of conditions: names, aliases, suggestions, a routine's own, and that an unknown
condition never passes quietly."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstretch import (
    CONDITIONS,
    BackstretchError,
    Caution,
    Condition,
    RoutineError,
    Step,
    Stretch,
    UnknownConditionError,
    check_routine,
    compile_routine,
    dumps_routine,
    loads_routine,
)
from backstretch import Routine as RoutineNode
from backstretch._dsl.conditions import SHARED
from backstretch.cli import main
from tools import SEED, run_cli


def test_the_vocabulary_names_what_real_contraindications_need() -> None:
    names = [c.name for c in CONDITIONS]
    assert sorted(names) == names
    for needed in (
        "knee",
        "wrist",
        "shoulder",
        "hip",
        "neck",
        "lower-back",
        "pregnancy",
        "osteoporosis",
        "high-blood-pressure",
        "recent-surgery",
    ):
        assert needed in names
    spellings = [name for c in CONDITIONS for name in (c.name, *c.aliases)]
    assert len(set(spellings)) == len(spellings)  # no alias means two things
    assert all(c.description.endswith(".") for c in CONDITIONS)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("knee", "knee"),
        ("Knees", "knee"),
        (" lower back ", "lower-back"),
        ("Lower_Back", "lower-back"),
        ("asthma", "lung"),
        ("hypertension", "high-blood-pressure"),
        ("carpal tunnel", "wrist"),
    ],
)
def test_aliases_and_spellings_mean_their_condition(written: str, meant: str) -> None:
    assert meant == SHARED.get(written)
    assert compile_routine(SEED, conditions={meant}) == compile_routine(SEED, conditions={written})


def test_a_caution_that_names_an_alias_names_its_condition() -> None:
    assert ("knee", "lung") == Caution("Not for you.", conditions=["asthma", "knees"]).conditions


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        (["kne"], "conditions: no condition is called 'kne'; did you mean 'knee'?"),
        (["shoulderr"], "conditions: no condition is called 'shoulderr'; did you mean 'shoulder'?"),
        (
            ["knee", "xyzzy", "pregnacy"],
            "conditions: no condition is called 'pregnacy'; did you mean 'pregnancy'?\n"
            "conditions: no condition is called 'xyzzy'; 'backstretch conditions' lists them",
        ),
    ],
)
def test_an_unknown_condition_is_refused_with_the_nearest_name(
    conditions: list[str], message: str
) -> None:
    with pytest.raises(UnknownConditionError) as caught:
        compile_routine(SEED, conditions=conditions)
    assert message == str(caught.value)
    assert isinstance(caught.value, ValueError)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -_", min_size=1, max_size=12))
def test_unknown_conditions_never_pass(name: str) -> None:
    """Any name the vocabulary does not know is refused: a safety feature never fails quietly."""
    if SHARED.get(name) is None:
        with pytest.raises(UnknownConditionError):
            compile_routine(SEED, conditions={name})
    else:
        compile_routine(SEED, conditions={name})


TINNITUS = Condition("tinnitus", "Ringing in the ears.", aliases=["ear-ringing"])
LOUD = RoutineNode(
    "Loud",
    [
        Stretch(
            "Humming Breath",
            [Step("Hum as you breathe out.")],
            cautions=[
                Caution("Leave it out if humming rings in your ears.", conditions=["tinnitus"])
            ],
        ),
        Stretch("Quiet Breath", [Step("Breathe out slowly.")]),
    ],
    extra_conditions=[TINNITUS],
)


def test_a_routine_declares_conditions_of_its_own() -> None:
    timeline = compile_routine(LOUD, conditions={"ear ringing"})
    assert ["Quiet Breath"] == [c.title for c in timeline.chapters]
    assert timeline.options is not None
    assert ("tinnitus",) == timeline.options.conditions
    assert {"tinnitus": ("Humming Breath",)} == LOUD.named_conditions
    assert LOUD == loads_routine(dumps_routine(LOUD, format="toml"), format="toml")
    with pytest.raises(UnknownConditionError):  # another routine does not know it
        compile_routine(SEED, conditions={"tinnitus"})


def test_the_check_refuses_unknown_and_clashing_condition_names() -> None:
    routine = RoutineNode(
        "Bad",
        [
            Stretch(
                "Kneel",
                [Step("Kneel down.")],
                cautions=[Caution("Not with sore knees.", conditions=["kneee", "vampire"])],
            )
        ],
        extra_conditions=[Condition("knee", "My knee."), Condition("ears", "Ringing.")],
        cautions=[Caution("Careful.", conditions=["ear"])],
    )
    with pytest.raises(RoutineError) as caught:
        check_routine(routine)
    assert [
        "$.extra_conditions[0].name: 'knee' already names the shared condition 'knee'; use "
        "that, or give yours another name",
        "$.cautions[0].conditions[0]: no condition is called 'ear'; did you mean 'ears'?",
        "$.body[0].cautions[0].conditions[0]: no condition is called 'kneee'; did you mean 'knee'?",
        "$.body[0].cautions[0].conditions[1]: no condition is called 'vampire'; name a shared "
        "one ('backstretch conditions' lists them), or declare it in the routine's "
        "extra_conditions with a description",
    ] == [str(p) for p in caught.value.problems]


def test_the_cli_refuses_a_misspelled_condition_with_status_2() -> None:
    result = run_cli("compile", "pilates-for-back-pain", "--avoid", "kne")
    assert (
        2,
        "",
        "backstretch: error: --avoid: no condition is called 'kne'; did you mean 'knee'?\n",
    ) == (
        result.returncode,
        result.stdout,
        result.stderr,
    )


def test_the_cli_lists_the_vocabulary_and_a_routines_conditions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert 0 == main(["conditions"])
    lines = capsys.readouterr().out.splitlines()
    assert len(CONDITIONS) == len(lines)
    assert (
        "knee                 Pain, injury or weakness in a knee: kneeling and deep knee bends. "
        "(also: knees, bad-knee, bad-knees)"
    ) in lines
    assert 0 == main(["conditions", "knee-strength"])
    out = capsys.readouterr().out
    assert out.endswith(
        "\nKnee Strength: conditions it knows: balance (Step-Ups); recent-surgery (the whole "
        "routine)\n"
    )
    assert 0 == main(["show", "pilates-for-back-pain"])
    assert capsys.readouterr().out.endswith("\nconditions it knows: knee (Child's Pose)\n")


def test_a_hostile_condition_or_swap_name_gives_a_short_error() -> None:
    """A megabyte of name is quoted shortened, never echoed whole."""
    with pytest.raises(UnknownConditionError) as caught:
        compile_routine(SEED, conditions=["kn" + "e" * 1_000_000])
    quoted = repr("kn" + "e" * 55)[:57] + "..."  # shown(): 60 characters at most
    assert (
        f"conditions: no condition is called {quoted}; 'backstretch conditions' lists them"
        == str(caught.value)
    )
    with pytest.raises(ValueError, match=r"^swap: no stretch of this routine is called") as swap:
        compile_routine(SEED, swap=["s" * 1_000_000])
    assert len(str(swap.value)) < 300
    with pytest.raises(TypeError) as text:
        compile_routine(SEED, swap="Lunges")
    assert (
        "swap must be a collection of stretch names like {\"Child's Pose\"}, got 'Lunges'"
        == str(text.value)
    )


# One reader of every spelling: what the check accepts, the compiler matches (issue 25).

HEAD_SHAKE = {
    "version": 1,
    "type": "routine",
    "title": "Ears",
    "extra_conditions": [
        {
            "type": "condition",
            "name": "tinnitus",
            "description": "Ringing in the ears.",
            "aliases": ["ear-ringing"],
        }
    ],
    "body": [
        {
            "type": "stretch",
            "name": "Head Shake",
            "cautions": [
                {"type": "caution", "text": "Not with ringing ears.", "conditions": ["ear-ringing"]}
            ],
            "body": [{"type": "step", "text": "Shake your head gently.", "duration": "3s"}],
        },
        {
            "type": "stretch",
            "name": "Kneel",
            "cautions": [
                {"type": "caution", "text": "Not with sore knees.", "conditions": ["knee-"]}
            ],
            "body": [{"type": "step", "text": "Kneel on both knees.", "duration": "3s"}],
        },
        {
            "type": "stretch",
            "name": "Sit",
            "cautions": [
                {"type": "caution", "text": "Mind your back.", "conditions": ["lower--back"]}
            ],
            "body": [{"type": "step", "text": "Sit tall.", "duration": "3s"}],
        },
    ],
}


def _played(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert 0 == main(argv)
    events = json.loads(capsys.readouterr().out)["events"]
    return sorted({e["stretch"] for e in events if e["stretch"] and e["duration_ms"]})


@pytest.mark.parametrize(
    ("avoid", "played"),
    [
        ("tinnitus", ["Kneel", "Sit"]),
        ("ear-ringing", ["Kneel", "Sit"]),
        ("Ear Ringing", ["Kneel", "Sit"]),
        ("knee", ["Head Shake", "Sit"]),
        ("sore knees", ["Head Shake", "Sit"]),
        ("knee surgery", ["Head Shake", "Sit"]),
        ("lower-back", ["Head Shake", "Kneel"]),
        ("bad back", ["Head Shake", "Kneel"]),
    ],
)
def test_a_caution_names_its_condition_in_any_spelling_the_check_accepts(
    avoid: str, played: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A routine's own alias in a caution, and "knee-" or "lower--back", mean their condition for
    the compiler exactly as for the check."""
    path = tmp_path / "ears.json"
    path.write_text(json.dumps(HEAD_SHAKE), encoding="utf-8")
    assert 0 == main(["check", str(path)])
    assert (
        "conditions it knows: knee (Kneel); lower-back (Sit); tinnitus (Head Shake)"
        in capsys.readouterr().out.splitlines()
    )
    assert played == _played(["compile", str(path), "--avoid", avoid], capsys)


def test_a_routine_caution_names_the_routines_own_alias() -> None:
    routine = RoutineNode(
        "Loud",
        list(LOUD.body),
        extra_conditions=[TINNITUS],
        cautions=[Caution("Not for ringing ears.", conditions=["ear ringing"])],
    )
    timeline = compile_routine(routine, conditions={"tinnitus"})
    assert [] == list(timeline.chapters)
    assert ("tinnitus",) == routine.conditions


@pytest.mark.parametrize(
    ("declared", "meant"),
    [
        ("knee pain", {"knee"}),
        ("Sore knees", {"knee"}),
        ("knee injury", {"knee"}),
        ("my bad back", {"lower-back"}),
        ("Lower back pain", {"lower-back"}),
        ("knee surgery", {"knee-surgery", "knee", "recent-surgery"}),
        ("knee replacement", {"knee-replacement", "knee"}),
        ("hip replacement", {"hip-replacement", "hip"}),
        ("heart problems", {"heart"}),
    ],
)
def test_phrases_and_implications_resolve(declared: str, meant: set[str]) -> None:
    assert frozenset(meant) == SHARED.resolve([declared])


@pytest.mark.parametrize("declared", ["knee-surgery", "knee replacement", "knee pain"])
def test_a_knee_operation_leaves_out_the_kneeling_pose(declared: str) -> None:
    titles = [c.title for c in compile_routine(SEED, conditions={declared}).chapters]
    assert ["Legs Up A Wall", "Lunges"] == titles


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("knee twinge", "knee"),
        ("hips and knees", "hip"),
        ("elbow surgery", "elbow"),
        ("sciatca", "sciatica"),
    ],
)
def test_suggestions_prefer_a_shared_word_to_a_near_spelling(typed: str, suggested: str) -> None:
    with pytest.raises(UnknownConditionError) as caught:
        compile_routine(SEED, conditions={typed})
    assert str(caught.value).endswith(f"did you mean {suggested!r}?")


def test_a_routines_own_condition_may_imply_others() -> None:
    dizzy = Condition("tinnitus", "Ringing in the ears.", implies=["balance", "balanse"])
    routine = RoutineNode(
        "Ears",
        [
            Stretch(
                "Stand On One Leg",
                [Step("Stand on one leg.")],
                cautions=[Caution("Hold a chair if you feel unsteady.", conditions=["balance"])],
            ),
            Stretch("Sit", [Step("Sit tall.")]),
        ],
        extra_conditions=[dizzy],
    )
    with pytest.raises(RoutineError) as caught:
        check_routine(routine)
    assert [
        "$.extra_conditions[0].implies[1]: no condition is called 'balanse'; did you mean "
        "'balance'?"
    ] == [str(p) for p in caught.value.problems]
    fixed = attrs.evolve(routine, extra_conditions=[attrs.evolve(dizzy, implies=["balance"])])
    timeline = compile_routine(fixed, conditions={"tinnitus"})
    assert ["Sit"] == [c.title for c in timeline.chapters]
    assert timeline.options is not None
    assert ("balance", "tinnitus") == timeline.options.conditions
    assert fixed == loads_routine(dumps_routine(fixed, format="json"), format="json")


def test_the_cli_lists_what_a_condition_counts_as(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["conditions"])
    assert (
        "knee-surgery         An operation on a knee in the last months, keyhole surgery "
        "included. (also: knee-operation, knee-arthroscopy) (counts as: knee, recent-surgery)"
    ) in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("aliases", object(), "Condition.aliases must be a list of names like ['knees'], got <"),
        ("implies", "knee", "Condition.implies must be a list of names like ['knees'], got 'knee'"),
        ("aliases", ["Ear Ringing"], "Condition.aliases must be a lowercase word like 'knee' or"),
    ],
)
def test_a_condition_names_the_field_it_refuses(field: str, value: object, message: str) -> None:
    with pytest.raises(BackstretchError) as caught:
        Condition("tinnitus", "Ringing in the ears.", **{field: value})
    assert str(caught.value).startswith(message)
