"""``backstretch play`` in a real terminal (tmux): read the screen, press keys, check the result."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tools import require

POSITION = re.compile(r"(\d+):(\d\d) / 14:25")


class Terminal:
    """One tmux session on a private server, 100 x 32 unless told, running one command."""

    def __init__(self, tmux: str, command: str, size: tuple[int, int] = (100, 32)) -> None:
        self.tmux = tmux
        self.socket = f"backstretch-test-{uuid.uuid4().hex[:8]}"
        # After the player exits: its status, and whether the terminal got its modes back, on one
        # line written at once (so a test that sees "EXIT=" sees the modes too).
        modes = "stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '"
        # tmux hands a detached session's shell COLUMNS=80 and LINES=24, which rich would trust
        # over the window's real size.
        script = (
            f"export LANG=C.UTF-8; unset COLUMNS LINES; {command}; status=$?; "
            f'echo "EXIT=$status $({modes})"'
        )
        width, height = map(str, size)
        self.run(
            "new-session", "-d", "-x", width, "-y", height, "-s", "play", f"{script}; sleep 60"
        )

    def run(self, *args: str) -> str:
        return subprocess.run(
            [self.tmux, "-u", "-L", self.socket, "-f", os.devnull, *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "play")

    def history(self) -> str:
        """The screen and everything that scrolled off it."""
        return self.run("capture-pane", "-p", "-J", "-S", "-", "-t", "play")

    def press(self, *keys: str) -> None:
        self.run("send-keys", "-t", "play", *keys)

    def wait_for(self, test: Callable[[str], bool], what: str, timeout_s: float = 15) -> str:
        deadline = time.monotonic() + timeout_s
        while True:
            screen = self.screen()
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"the screen never showed {what}:\n{screen}")
            time.sleep(0.05)

    def kill(self) -> None:
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], check=False)


@pytest.fixture
def terminal() -> Iterator[Callable[..., Terminal]]:
    tmux = require("tmux")
    started: list[Terminal] = []

    def start(*args: str, size: tuple[int, int] = (100, 32)) -> Terminal:
        command = shlex.join([sys.executable, "-m", "backstretch", "play", *args])
        started.append(Terminal(tmux, f"cd {shlex.quote(str(Path.cwd()))} && {command}", size))
        return started[-1]

    yield start
    for each in started:
        each.kill()


def position_s(screen: str) -> int:
    found = POSITION.search(screen)
    assert found, screen
    return int(found[1]) * 60 + int(found[2])


def test_screen_keys_and_quit(terminal: Callable[..., Terminal]) -> None:
    term = terminal("pilates-for-back-pain", "--speed", "10")
    screen = term.wait_for(lambda s: "Stretch 1 of 3: Legs Up A Wall" in s, "the first stretch")
    assert "Pilates for Back Pain" in screen
    assert re.search(r"\d:\d\d left", screen), screen  # the segment's countdown
    assert "━" in screen  # the progress bars
    assert "Next: " in screen

    term.press("Space")
    paused = term.wait_for(lambda s: "PAUSED" in s, "PAUSED")
    time.sleep(1.5)  # 15 s of routine time at speed 10, if the clock were still running
    assert position_s(paused) == position_s(term.screen())

    before = position_s(term.screen())
    term.press("n")
    skipped = term.wait_for(lambda s: position_s(s) != before, "the next segment")
    assert "PAUSED" in skipped  # skipping keeps a paused player paused
    term.press("Space")
    term.wait_for(lambda s: "PAUSED" not in s, "playing again")
    term.wait_for(lambda s: position_s(s) > position_s(skipped), "time moving again")

    term.press("Right")
    term.press("q")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "EXIT=0" in done
    assert re.search(r"Stopped at \d+:\d\d of 14:25, in Legs Up A Wall\.", done), done
    assert ["icanon", "echo"] == done.split("EXIT=0")[1].split()  # the terminal is restored
    assert "╭" not in done  # the alternate screen is gone


def test_ctrl_c_restores_the_terminal_and_exits_130(terminal: Callable[..., Terminal]) -> None:
    term = terminal("pilates-for-back-pain", "--speed", "10")
    term.wait_for(lambda s: "Pilates for Back Pain" in s, "the player")
    term.press("C-c")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "EXIT=130" in done
    assert re.search(r"Stopped at \d:\d\d of 14:25", done), done
    assert "Traceback" not in done
    assert ["icanon", "echo"] == done.split("EXIT=130")[1].split()


def test_plays_to_the_end(terminal: Callable[..., Terminal]) -> None:
    term = terminal("pilates-for-back-pain", "--speed", "2000", "--quiet")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "Finished Pilates for Back Pain (14:25). Well done." in done
    assert "EXIT=0" in done


def test_the_full_screen_player_speaks_german(terminal: Callable[..., Terminal]) -> None:
    term = terminal("pilates-for-back-pain", "--lang", "de", "--speed", "10")
    screen = term.wait_for(lambda s: "Dehnung 1 von 3: Beine an die Wand" in s, "the first stretch")
    assert "Pilates gegen Rückenschmerzen" in screen
    assert re.search(r"noch \d:\d\d", screen), screen  # the segment's countdown
    assert "Danach: " in screen
    assert "Hör auf, wenn der Schmerz zunimmt oder ausstrahlt" in screen
    term.press("Space")
    term.wait_for(lambda s: "PAUSIERT" in s, "PAUSIERT")
    term.press("q")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "EXIT=0" in done
    assert re.search(r"Angehalten bei \d+:\d\d von 14:25, in Beine an die Wand\.", done), done


def test_plays_to_the_end_in_spanish(terminal: Callable[..., Terminal]) -> None:
    term = terminal("pilates-for-back-pain", "--lang", "es", "--speed", "2000", "--quiet")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "Has terminado Pilates para el dolor de espalda (14:25). Bien hecho." in done
    assert "EXIT=0" in done


def test_plain_forces_lines_on_a_terminal(terminal: Callable[..., Terminal]) -> None:
    term = terminal("pilates-for-back-pain", "--speed", "2000", "--plain")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "14:25  end" in done
    assert "╭" not in done


def test_without_rich_it_says_so_and_plays_plain_lines(tmp_path: Path) -> None:
    tmux = require("tmux")
    program = (
        "import sys; sys.modules['rich'] = None; from backstretch.cli import main; "
        "sys.exit(main(['play', 'pilates-for-back-pain', '--speed', '2000']))"
    )
    term = Terminal(tmux, shlex.join([sys.executable, "-c", program]))
    try:
        term.wait_for(lambda s: "EXIT=" in s, "the player exit")
        done = term.history()
    finally:
        term.kill()
    assert (
        "backstretch: note: the full-screen player needs rich: pip install 'backstretch[play]'; "
        "playing as plain lines" in done
    )
    assert "14:25  end" in done


def _self_paced_routine(folder: Path) -> Path:
    from backstretch import Hold, Routine, Step, Stretch, dump_routine

    path = folder / "reach.json"
    reach = Stretch("Reach", [Hold("2s", until="the stretch fades"), Step("Stand", duration="3s")])
    dump_routine(Routine("Reach", [reach]), path)
    return path


def test_plain_lines_wait_for_enter_on_a_terminal(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    term = terminal(str(_self_paced_routine(tmp_path)), "--speed", "50", "--plain")
    waiting = term.wait_for(lambda s: "press Enter" in s, "the prompt to continue")
    assert re.search(r"hold +Hold \(until the stretch fades\)", waiting), waiting
    time.sleep(1)  # 50 s of routine time at speed 50: still waiting
    still = term.screen()
    assert not re.search(r"step +Stand", still), still
    assert "EXIT=" not in still
    term.press("Enter")
    done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
    assert "EXIT=0" in done
    assert re.search(r"step +Stand", done), done


def test_plain_lines_go_on_when_nobody_can_press_a_key(tmp_path: Path) -> None:
    routine = str(_self_paced_routine(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "backstretch", "play", routine, "--speed", "1000"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    assert "(until the stretch fades)" in result.stdout
    assert "press Enter" not in result.stdout
    assert re.search(r"step +Stand\n +0:\d\d +end +End of Reach\n$", result.stdout), result.stdout


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "Stop if pain increases or spreads, and ask a professional."),
        ("de", "Hör auf, wenn der Schmerz zunimmt oder ausstrahlt, und frag eine Fachperson."),
    ],
)
def test_a_long_instruction_never_pushes_the_note_off_the_screen(
    terminal: Callable[..., Terminal],
    tmp_path: Path,
    size: tuple[int, int],
    language: str,
    note: str,
) -> None:
    """A 150-word instruction in a small real terminal: the instruction is shortened, the clock
    and the note to stop on pain stay on screen, the note on its last rows."""
    english = " ".join(["Reach forward slowly and breathe, keeping your back long and soft."] * 15)
    german = " ".join(["Lehn dich langsam vor und atme, den Rücken lang und weich."] * 15)
    document = {
        "version": 1,
        "type": "routine",
        "title": "Long Words",
        "translations": {"de": {english: german}},
        "body": [
            {
                "type": "stretch",
                "name": "Reach",
                "body": [{"type": "step", "text": english, "duration": "60s"}],
            }
        ],
    }
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    term = terminal(str(path), "--lang", language, "--speed", "5", size=size)
    screen = term.wait_for(lambda s: "…" in s, "the shortened instruction")
    rows = screen.rstrip("\n").splitlines()
    assert size[1] == len(rows), screen
    foot = " ".join(" ".join(row.strip("│ ") for row in rows[-4:-1]).split())
    assert foot.endswith(note), screen
    assert re.search(r"0:\d\d / 1:\d\d", screen), screen  # the clock stays
    term.press("q")
    term.wait_for(lambda s: "EXIT=0" in s, "the player exit")


def test_a_program_session_asks_its_check_ins_and_logs_the_answers(tmp_path: Path) -> None:
    tmux = require("tmux")
    log = tmp_path / "log.sqlite3"
    command = shlex.join(
        [sys.executable, "-m", "backstretch", "program", "play", "back-care", "--on",
         "2026-06-01", "--log", str(log), "--speed", "300", "--quiet"]
    )  # fmt: skip
    term = Terminal(tmux, f"cd {shlex.quote(str(Path.cwd()))} && {command}")
    try:
        term.wait_for(lambda s: "Before you start" in s and "Type 0 to 10" in s, "pain before")
        term.press("3", "Enter")
        term.wait_for(
            lambda s: "How much pain do you feel now" in s and "Type 0 to 10" in s, "pain after"
        )
        term.press("1", "Enter")
        term.wait_for(lambda s: "1 easy, 2 about right, 3 hard" in s, "effort")
        term.press("1", "Enter")
        done = term.wait_for(lambda s: "EXIT=" in s, "the player exit")
        assert "EXIT=0" in done
        assert "logged: session 1.1, completed" in done
    finally:
        term.kill()
    exported = tmp_path / "log.jsonl"
    subprocess.run(
        [sys.executable, "-m", "backstretch", "program", "log", "back-care", "--log", str(log),
         "--export", str(exported)],
        check=True,
    )  # fmt: skip
    (entry,) = [json.loads(line) for line in exported.read_text().splitlines()]
    assert {
        "when": "2026-06-01T18:00:00",
        "session": "1.1",
        "pain_before": 3,
        "pain_after": 1,
        "effort": "easy",
        "sides": ["right", "left"],
    } == entry
