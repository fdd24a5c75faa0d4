"""Every example script runs and does its one job; the web service answers through its own
framework's test client."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backstretch import catalog, compile_routine, loads_timeline
from backstretch.exports import write_to_string
from tools import seed_timeline

EXAMPLES = Path(__file__).parents[1] / "examples"


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_there_are_at_least_four_examples_and_all_are_tested() -> None:
    scripts = sorted(p.name for p in EXAMPLES.glob("*.py"))
    tested = [
        "custom_player.py",
        "desk_break.py",
        "personalize.py",
        "toml_routine.py",
        "web_service.py",
    ]
    assert tested == scripts


def test_desk_break_prints_its_schedule() -> None:
    result = run("desk_break.py", "gentle")
    assert (0, "") == (result.returncode, result.stderr)
    lines = result.stdout.splitlines()
    assert "Desk Break: 2:39" == lines[0]
    assert "  0:11  Desk Break" == lines[2]
    assert any("[LEFT] Tilt your left ear towards your left shoulder." in line for line in lines)
    assert any("[RIGHT] Reach your right arm up and over (1 of 4)" in line for line in lines)


def test_toml_routine_loads_and_compiles() -> None:
    result = run("toml_routine.py")
    assert (0, "") == (result.returncode, result.stderr)
    assert (
        "Neck Release: 2:31\n   0:24  Chin Tucks (0:34)\n   1:03  Side Neck Stretch (1:28)\n"
        == result.stdout
    )


def test_toml_routine_reports_a_broken_document(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    text = (EXAMPLES / "neck_release.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace('tempo = "4s"', "tempo = 4"), encoding="utf-8")
    result = run("toml_routine.py", str(broken))
    assert 1 == result.returncode
    assert f"{broken}: $.body[0].body[0].tempo: " in result.stderr


def test_personalize_shows_three_people_and_a_window() -> None:
    result = run("personalize.py")
    assert (0, "") == (result.returncode, result.stderr)
    assert [
        "in a hurry, supple: 12:00: Legs Up A Wall, Child's Pose, Lunges",
        "bad knee, ten minutes: 10:00: Legs Up A Wall, Lunges",
        "  note: Child's Pose left out (knee): Leave this pose out if you have knee problems.",
        "first time: 11:09: Legs Up A Wall, Child's Pose, Lunges",
        "five minutes: cannot fit this routine into 5:00: at level standard it can take between "
        "11:09 and 17:49",
    ] == result.stdout.splitlines()


def test_custom_player_plays_every_event_in_order_on_the_real_clock() -> None:
    timeline = seed_timeline()
    result = run("custom_player.py", "--speed", "2000")
    assert (0, "") == (result.returncode, result.stderr)
    lines = result.stdout.splitlines()
    assert len(timeline.events) == len(lines)
    assert lines[0].startswith("[0:00] caution: Stop if pain increases or spreads")
    assert "[14:25] end: End of Pilates for Back Pain" == lines[-1]


@pytest.fixture
def client() -> Iterator[object]:
    from starlette.testclient import TestClient

    sys.path.insert(0, str(EXAMPLES))
    try:
        import web_service

        with TestClient(web_service.app) as test_client:
            yield test_client
    finally:
        sys.path.remove(str(EXAMPLES))
        sys.modules.pop("web_service", None)


def test_web_service_lists_and_serves_personalized_timelines(client: object) -> None:
    from starlette.testclient import TestClient

    assert isinstance(client, TestClient)
    listing = client.get("/routines")
    assert 200 == listing.status_code
    assert [
        {"name": "calm-breathing", "title": "Calm Breathing", "total": "4:14"},
        {"name": "chair-mobility", "title": "Chair Mobility Circuit", "total": "14:20.500"},
        {"name": "desk-break", "title": "Desk Break", "total": "5:00"},
        {"name": "hamstring-release", "title": "Hamstring Release", "total": "5:56"},
        {"name": "knee-strength", "title": "Knee Strength", "total": "11:45"},
        {"name": "neck-release", "title": "Neck Release", "total": "6:23.500"},
        {"name": "pilates-for-back-pain", "title": "Pilates for Back Pain", "total": "14:25"},
    ] == (listing.json())
    knee = client.get("/routines/knee-strength/timeline?affected=right&level=deep")
    assert compile_routine(
        catalog.get("knee-strength"), level="deep", affected="right"
    ) == loads_timeline(knee.text)
    served = client.get("/routines/pilates-for-back-pain/timeline?avoid=knee&fit=10m&level=gentle")
    assert (200, "application/json") == (served.status_code, served.headers["content-type"])
    expected = seed_timeline(level="gentle", conditions={"knee"}, fit_to="10m")
    assert expected == loads_timeline(served.text)
    page = client.get("/routines/pilates-for-back-pain/player?avoid=knee,hip")
    assert 200 == page.status_code
    assert page.headers["content-type"].startswith("text/html")
    with_knee = seed_timeline(conditions={"knee", "hip"})
    assert write_to_string(with_knee, ".html") == page.text


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        (
            "/routines/yoga/timeline",
            404,
            "no built-in routine is called 'yoga'; the built-in routines are: calm-breathing, "
            "chair-mobility, desk-break, hamstring-release, knee-strength, neck-release, "
            "pilates-for-back-pain",
        ),
        (
            "/routines/knee-strength/timeline",
            400,
            "'Sitting Leg Raise' works the unaffected side: say which side is affected, e.g. "
            "compile_routine(..., affected='right') (on the command line: --affected right)",
        ),
        (
            "/routines/pilates-for-back-pain/player?fit=1m",
            400,
            "cannot fit this routine into 1:00: at level standard it can take between "
            "11:09 and 17:49",
        ),
        (
            "/routines/pilates-for-back-pain/timeline?level=extreme",
            400,
            "level must be 'gentle', 'standard' or 'deep', got 'extreme'",
        ),
    ],
)
def test_web_service_errors_are_the_librarys_own_words(
    client: object, url: str, status: int, error: str
) -> None:
    from starlette.testclient import TestClient

    assert isinstance(client, TestClient)
    answer = client.get(url)
    assert (status, {"error": error}) == (answer.status_code, answer.json())
