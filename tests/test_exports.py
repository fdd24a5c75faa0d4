"""Exports, each checked by a real consumer of its format: webvtt-py and Chromium for WebVTT, srt
for SRT, Garmin's FIT SDK for FIT, an XML parser and Chromium for SVG; goldens pin the bytes."""

from __future__ import annotations

import itertools
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import srt
import webvtt
from garmin_fit_sdk import Decoder, Stream
from hypothesis import given, settings

from backstretch import (
    Caution,
    Cues,
    Event,
    Hold,
    InvalidValueError,
    Kind,
    NotInstalledError,
    PerSide,
    Position,
    Repeat,
    Reps,
    Rest,
    Routine,
    Side,
    Step,
    Stretch,
    Timeline,
    compile_routine,
    dumps_timeline,
    strategies,
)
from backstretch._base.text import speaking_ms
from backstretch.exports import FORMATS, format_for, write_to_bytes, write_to_file, write_to_string
from backstretch.exports._captions import captions, main_line
from tools import GOLDEN, assert_golden, hand_made, seed_timeline

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

DOCS = Path(__file__).parent.parent / "docs"
TIMELINE = seed_timeline()
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("golden", "suffix", "options"),
    [
        ("pilates-for-back-pain.timeline.json", ".json", {}),
        ("pilates-for-back-pain.captions.vtt", ".vtt", {}),
        ("pilates-for-back-pain.chapters.vtt", ".vtt", {"chapters": True}),
        ("pilates-for-back-pain.captions.srt", ".srt", {}),
        ("pilates-for-back-pain.workout.fit", ".fit", {}),
        ("pilates-for-back-pain.svg", ".svg", {}),
        ("pilates-for-back-pain.sheet.md", ".md", {}),
        ("pilates-for-back-pain.html", ".html", {}),
    ],
)
def test_seed_routine_exports_are_pinned(golden: str, suffix: str, options: Any) -> None:
    data = write_to_bytes(TIMELINE, suffix, **options)
    assert_golden(GOLDEN / golden, data)
    assert data == write_to_bytes(TIMELINE, suffix, **options)  # deterministic


def test_the_docs_show_the_current_svg() -> None:
    assert (GOLDEN / "pilates-for-back-pain.svg").read_bytes() == (
        DOCS / "images" / "pilates-for-back-pain.svg"
    ).read_bytes()


# Captions: WebVTT and SRT.


def ms(stamp: str) -> int:
    hours, minutes, rest = stamp.replace(",", ".").split(":")
    seconds, millis = rest.split(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def assert_tiles(timeline: Timeline, spans: list[tuple[int, int]]) -> None:
    """Our own strict timing check: sorted, each ends after it starts, no gap, no overlap, and
    the last ends at the total (players' parsers accept far worse than this)."""
    assert spans, "no captions"
    assert 0 == spans[0][0]
    for (start, end), (next_start, _) in itertools.pairwise(spans):
        assert start < end == next_start
    assert spans[-1][0] < spans[-1][1] == timeline.total_ms


def assert_segments_in_order(timeline: Timeline, texts: list[str]) -> None:
    """Every segment's text (with its side) shows, in timeline order."""
    firsts = [text.splitlines()[0] for text in texts]
    shown = iter(firsts)
    for segment in timeline.segments:
        assert main_line(segment) in shown, segment


def test_webvtt_py_reads_the_captions() -> None:
    text = write_to_string(TIMELINE, "vtt")
    read = webvtt.from_string(text).captions
    spans = [(ms(c.start), ms(c.end)) for c in read]
    assert_tiles(TIMELINE, spans)
    assert_segments_in_order(TIMELINE, [c.text for c in read])
    assert [(c.start_ms, c.end_ms, "\n".join(c.lines)) for c in captions(TIMELINE)] == [
        (ms(c.start), ms(c.end), c.text) for c in read
    ]
    lunge = next(c for c in read if c.identifier == "lunges/0/right/5")
    assert "RIGHT · Hold the lunge, right foot forward" == lunge.text
    assert any(c.text.endswith("\n3") for c in read)  # the get-ready countdown, under its step


def test_webvtt_chapters_track_has_one_cue_per_stretch() -> None:
    read = webvtt.from_string(write_to_string(TIMELINE, "vtt", chapters=True)).captions
    assert [(c.title, c.start_ms, c.end_ms) for c in TIMELINE.chapters] == [
        (c.text, ms(c.start), ms(c.end)) for c in read
    ]
    assert ["Legs Up A Wall", "Child's Pose", "Lunges"] == [c.text for c in read]


def test_webvtt_escapes_its_markup() -> None:
    timeline = hand_made("T", Event("a-->b\nc", 0, 2000, Kind.STEP, "Knees <&> toes\n  apart"))
    assert (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "a->b c\n00:00:00.000 --> 00:00:02.000\nKnees &lt;&amp;&gt; toes apart\n"
        == write_to_string(timeline, "vtt")
    )
    read = webvtt.from_string(write_to_string(timeline, "vtt")).captions
    assert ["Knees &lt;&amp;&gt; toes apart"] == [c.text for c in read]  # webvtt-py keeps escapes


def test_subrip_leaves_no_markup_a_player_would_read() -> None:
    """SubRip has no escapes: tags and ASS overrides are written so that they show as written
    and restyle nothing (players read <font>, <b> and {\\an8} in SRT)."""
    text = 'Knees <font color="red">apart</font> {\\an8}up --> & <b>down</b>'
    timeline = hand_made("T", Event("a", 0, 2000, Kind.STEP, text))
    (read,) = srt.parse(write_to_string(timeline, "srt"))
    left, right = "\u2039", "\u203a"  # look-alikes of < and >
    assert (
        f'Knees {left}font color="red"{right}apart{left}/font{right} (\\an8}}up --{right} & '
        f"{left}b{right}down{left}/b{right}"
    ) == read.content
    assert "<" not in read.content
    assert "{\\" not in read.content


def test_chromium_shows_escaped_markup_as_written(browser: Browser) -> None:
    timeline = hand_made("T", Event("a", 0, 2000, Kind.STEP, "Knees <b>&</b> toes"))
    page = browser.new_page()
    assert [["a", 0, 2000, "Knees <b>&</b> toes"]] == read_track(
        page, write_to_string(timeline, "vtt"), "captions"
    )
    page.close()


READ_TRACK = """async ([text, kind]) => {
    const video = document.querySelector("video");
    const track = document.createElement("track");
    track.kind = kind;
    track.src = URL.createObjectURL(new Blob([text], {type: "text/vtt"}));
    video.append(track);
    track.track.mode = "hidden";
    await new Promise((ok, fail) => { track.onload = ok; track.onerror = fail; });
    return Array.from(track.track.cues, c => [c.id, Math.round(c.startTime * 1000),
                                               Math.round(c.endTime * 1000),
                                               c.getCueAsHTML().textContent]);
}"""


def read_track(page: Page, text: str, kind: str) -> list[list[Any]]:
    """The cues as Chromium's own WebVTT parser reads them, behind a <track> of a <video>."""
    page.set_content("<video></video>")
    cues: list[list[Any]] = page.evaluate(READ_TRACK, [text, kind])
    return cues


def test_chromium_parses_the_captions_and_chapters(browser: Browser) -> None:
    """Chromium's own WebVTT parser, behind a <track> of a <video>: the real player."""
    page = browser.new_page()
    cues = read_track(page, write_to_string(TIMELINE, "vtt"), "captions")
    assert [[c.id, c.start_ms, c.end_ms, "\n".join(c.lines)] for c in captions(TIMELINE)] == cues
    chapters = read_track(page, write_to_string(TIMELINE, "vtt", chapters=True), "chapters")
    assert [
        [f"chapter-{n}", c.start_ms, c.end_ms, c.title]
        for n, c in enumerate(TIMELINE.chapters, start=1)
    ] == chapters
    page.close()


def test_srt_package_reads_the_captions_back_to_the_same_bytes() -> None:
    text = write_to_string(TIMELINE, "srt")
    read = list(srt.parse(text))
    assert_tiles(
        TIMELINE,
        [
            (round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000))
            for s in read
        ],
    )
    assert_segments_in_order(TIMELINE, [s.content for s in read])
    assert text == srt.compose(read, reindex=False)
    assert list(range(1, len(read) + 1)) == [s.index for s in read]


@settings(max_examples=40)
@given(strategies.timelines())
def test_captions_of_any_timeline_tile_it_and_parse(timeline: Timeline) -> None:
    vtt_read = webvtt.from_string(write_to_string(timeline, "vtt")).captions
    srt_read = list(srt.parse(write_to_string(timeline, "srt")))
    assert_tiles(timeline, [(ms(c.start), ms(c.end)) for c in vtt_read])
    assert_segments_in_order(timeline, [c.text for c in vtt_read])
    assert [(ms(c.start), ms(c.end)) for c in vtt_read] == [
        (round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000))
        for s in srt_read
    ]


# FIT workouts.


def decode(data: bytes) -> dict[str, Any]:
    """Garmin's SDK: the integrity check on one decoder, the read on a fresh one."""
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit()
    assert checker.check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert [] == errors
    return dict(messages)


def played(steps: list[dict[str, Any]]) -> list[tuple[str, str, int, str]]:
    """The steps a watch plays, in order: each repeat step (back to its first step, the block done
    ``repeat_steps`` times in all) written out; (name, duration type, ms, notes) each. An open
    step lasts until the lap button: 0 ms of planned time."""
    out: list[tuple[str, str, int, str]] = []
    starts: dict[int, int] = {}
    for index, step in enumerate(steps):
        starts[index] = len(out)
        if step["duration_type"] == "repeat_until_steps_cmplt":
            block = out[starts[step["duration_step"]] :]
            out += block * (step["repeat_steps"] - 1)
        else:
            ms = 0 if step["duration_type"] == "open" else round(step["duration_time"] * 1000)
            out.append((step["wkt_step_name"], step["duration_type"], ms, step["notes"]))
    return out


def test_fit_workout_decodes_with_the_sdk_and_adds_up() -> None:
    messages = decode(write_to_bytes(TIMELINE, "fit"))
    assert "workout" == messages["file_id_mesgs"][0]["type"]
    (workout,) = messages["workout_mesgs"]
    assert ("training", "flexibility_training") == (workout["sport"], workout["sub_sport"])
    assert "Pilates for Back Pain" == workout["wkt_name"]
    steps = messages["workout_step_mesgs"]
    assert len(steps) == workout["num_valid_steps"]
    reps = [s for s in TIMELINE.segments if s.kind is Kind.REP]
    others = [s for s in TIMELINE.segments if s.kind is not Kind.REP]
    # The 14 lunges (7 each side) are one step of repetitions; every other segment one step.
    assert len(others) + 1 == len(steps)
    assert TIMELINE.total_ms == sum(ms for _, _, ms, _ in played(steps))
    timed = [s for s in steps if s["duration_type"] == "time"]
    for step, segment in zip(timed, others, strict=True):
        assert (segment.duration_ms, segment.text) == (step["duration_value"], step["notes"])
        rest = segment.kind in (Kind.REST, Kind.BREAK, Kind.SWITCH)
        assert ("rest" if rest else "active") == step["intensity"]
        assert len(step["wkt_step_name"].encode()) <= 32
    (lunges,) = [s for s in steps if s["duration_type"] == "repetition_time"]
    assert ("Reps 7 each side", 14 * 4000) == (lunges["wkt_step_name"], lunges["duration_value"])
    assert lunges["notes"].startswith("Lunge on the right foot")
    assert sum(r.duration_ms for r in reps) == lunges["duration_value"]
    hold = [s for s in timed if s["wkt_step_name"] == "Hold RIGHT"]
    assert [45_000] == [s["duration_value"] for s in hold]


def test_fit_says_repeats_as_repeat_steps() -> None:
    """A Repeat of the same steps is written once, then a repeat step; a watch that plays the
    block that many times plays exactly the timeline's segments."""
    routine = Routine(
        "Circuit",
        [
            Stretch(
                "Press Up",
                [Repeat(3, [Reps(10, "Press up", tempo="2s"), Hold("5s"), Rest("30s")])],
            )
        ],
    )
    timeline = compile_routine(routine, safety_note=None)
    steps = decode(write_to_bytes(timeline, "fit"))["workout_step_mesgs"]
    assert [
        ("Welcome", "time", None),
        ("About", "time", None),
        ("Reps 10", "repetition_time", None),
        ("Hold", "time", None),
        ("Rest", "time", None),
        ("Repeat x3", "repeat_until_steps_cmplt", (2, 3)),
    ] == [
        (
            s["wkt_step_name"],
            s["duration_type"],
            (s["duration_step"], s["repeat_steps"]) if "repeat_steps" in s else None,
        )
        for s in steps
    ]
    watch = played(steps)
    assert timeline.total_ms == sum(ms for _, _, ms, _ in watch)
    assert [20_000, 5000, 30_000] * 3 == [ms for _, _, ms, _ in watch[2:]]


def test_fit_writes_out_rounds_that_differ() -> None:
    """Rounds that are not the same steps (possible in a timeline made by hand) cannot be one
    repeat step: they are written out."""
    rounds = [(Position(1, 2),), (Position(2, 2),)]
    timeline = hand_made(
        "Differ",
        Event("a", 0, 2000, Kind.STEP, "Reach left", rounds=rounds[0]),
        Event("b", 2000, 2000, Kind.STEP, "Reach right", rounds=rounds[1]),
    )
    steps = decode(write_to_bytes(timeline, "fit"))["workout_step_mesgs"]
    assert [("Step", "Reach left"), ("Step", "Reach right")] == [
        (s["wkt_step_name"], s["notes"]) for s in steps
    ]


def test_fit_keeps_a_long_instruction_whole_across_steps() -> None:
    text = " ".join(["Breathe in slowly, then breathe out and let the shoulders drop."] * 10)
    timeline = hand_made("Long", Event("a", 0, 10_001, Kind.HOLD, text, Side.LEFT))
    steps = decode(write_to_bytes(timeline, "fit"))["workout_step_mesgs"]
    assert 3 == len(steps)
    assert text == " ".join(s["notes"] for s in steps)
    assert all(len(s["notes"].encode()) <= 254 for s in steps)
    assert [3334, 3334, 3333] == [s["duration_value"] for s in steps]
    assert ["Hold LEFT 1/3", "Hold LEFT 2/3", "Hold LEFT 3/3"] == [
        s["wkt_step_name"] for s in steps
    ]


@settings(max_examples=25)
@given(strategies.timelines(max_stretches=2))
def test_fit_of_any_timeline_decodes_and_adds_up(timeline: Timeline) -> None:
    steps = decode(write_to_bytes(timeline, "fit"))["workout_step_mesgs"]
    assert timeline.total_ms == sum(ms for _, _, ms, _ in played(steps))


def test_fit_without_the_sdk_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "garmin_fit_sdk", None)
    with pytest.raises(NotInstalledError) as caught:
        write_to_bytes(TIMELINE, "fit")
    assert "FIT workouts need Garmin's FIT SDK: pip install 'backstretch[fit]'" == str(caught.value)


# The SVG picture.


def test_svg_parses_and_draws_every_segment() -> None:
    root = ET.fromstring(write_to_string(TIMELINE, "svg"))
    assert f"{SVG}svg" == root.tag
    assert "Pilates for Back Pain: 14:25" == root.findtext(f"{SVG}title")
    drawn = [r for r in root.iter(f"{SVG}rect") if r.get("data-kind")]
    in_chapters = sum(
        1
        for c in TIMELINE.chapters
        for s in TIMELINE.segments
        if c.start_ms <= s.start_ms < c.end_ms
    )
    assert len(TIMELINE.segments) + in_chapters == len(drawn)
    fills = {
        (r.get("data-kind"), r.findtext(f"{SVG}title", "").split(" ")[2].rstrip(":")): r.get("fill")
        for r in drawn
        if r.get("data-kind") == "hold"
    }
    assert "url(#hatch)" == fills[("hold", "right")]
    assert "#1f6fb2" == fills[("hold", "left")]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Lunges (4:11)", "Child's Pose (3:09)", "Legs Up A Wall (6:08)"} <= set(labels)
    assert "14:00" in labels
    assert any("Stop if pain increases or spreads." in (label or "") for label in labels)


@pytest.mark.parametrize(("device", "width"), [("phone", 390), ("desktop", 1200)])
def test_svg_renders_in_chromium(
    browser: Browser, artifacts: Path, device: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.set_content(f"<body style='margin:0'>{write_to_string(TIMELINE, 'svg')}</body>")
    box = page.locator("svg").bounding_box()
    assert box is not None
    assert min(width, 960) == round(box["width"])  # it scales to the screen, up to 960 px
    assert len(TIMELINE.segments) < page.locator("rect[data-kind]").count()
    shot = artifacts / f"pilates-for-back-pain.svg.{device}.png"
    page.locator("svg").screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    page.close()


# The printable sheet.


def test_sheet_puts_cautions_before_the_steps_of_each_stretch() -> None:
    text = write_to_string(TIMELINE, "md")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    for chapter in TIMELINE.chapters:
        (section,) = [
            s for s in sections if s.startswith(f"{TIMELINE.chapters.index(chapter) + 1}. ")
        ]
        first_step = section.index("\n1. ")
        for caution in TIMELINE.segments:
            if caution.kind is Kind.CAUTION and caution.stretch == chapter.title:
                assert section.index(caution.text) < first_step
    assert text.startswith("# Pilates for Back Pain\n\nTotal time 14:25 · 3 stretches\n")
    assert "> **Safety.** Stop if pain increases or spreads" in text
    assert "8. The same on the left side." in text
    assert "**7 reps** on each side, 0:04 each, alternating sides, right first" in text


def test_sheet_summarises_repeats_and_needs() -> None:
    """A repeat is one block ("3 rounds of:"), not every round written out; what a stretch needs
    is listed before its steps."""
    routine = Routine(
        "Circuit",
        [
            Stretch(
                "Press Up",
                [Repeat(3, [Reps(10, "Press up", tempo="2s"), Hold("5s"), Rest("30s")])],
                props=["a mat"],
            )
        ],
    )
    text = write_to_string(compile_routine(routine), "md")
    assert (
        "- **You need:** a mat\n\n"
        "1. **3 rounds** of:\n"
        "   1. **10 reps**, 0:02 each: Press up\n"
        "   2. **Hold 0:05**: Hold.\n"
        "   3. **Rest** 0:30: Rest\n"
    ) in text


def test_sheet_writes_sets_once_with_their_rest_and_the_routine_cautions_first() -> None:
    routine = Routine(
        "Neck",
        [
            Stretch(
                "Chin Tuck",
                [
                    Repeat(
                        3,
                        [Reps(10, "Tuck your chin, set {round} of {rounds}", tempo="2s")],
                        between=Rest("30s", text="Rest before set {round}"),
                    )
                ],
            )
        ],
        cautions=[Caution("Stop if pain goes above 3 out of 10.")],
    )
    text = write_to_string(compile_routine(routine), "md")
    assert "> **Caution.** Stop if pain goes above 3 out of 10.\n\n## 1. Chin Tuck" in text
    assert (
        "1. **3 rounds**, with a rest of 0:30 (Rest before set 2\u20133) between rounds of:\n"
        "   1. **10 reps**, 0:02 each: Tuck your chin, set 1\u20133 of 3\n"
    ) in text
    plain = write_to_string(
        compile_routine(
            Routine("Sets", [Stretch("Tuck", [Repeat(2, [Rest("3s", text="Tuck")], between="5s")])])
        ),
        "md",
    )
    assert (
        "1. **2 rounds**, with a rest of 0:05 between rounds of:\n   1. **Rest** 0:03: Tuck\n"
        in plain
    )


def test_sheet_names_what_was_left_out() -> None:
    timeline = seed_timeline(conditions={"knee"})
    text = write_to_string(timeline, "md")
    assert "> **Left out.** Child's Pose left out (knee)" in text
    assert "## 2. Lunges" in text
    assert (
        "**Your session.** Standard level: every range in its middle. Child's Pose left out for "
        "knee.\n" in text
    )


# The API.


def test_format_for_names_the_known_suffixes() -> None:
    assert FORMATS[".vtt"] == format_for("guide.VTT") == format_for("vtt") == format_for(".vtt")
    with pytest.raises(InvalidValueError) as caught:
        format_for("guide.mp4")
    assert (
        "cannot tell the export format from the suffix '.mp4'; use one of "
        ".json, .vtt, .srt, .fit, .svg, .md, .html, .wav" == str(caught.value)
    )


def test_binary_formats_and_unknown_options_are_refused() -> None:
    with pytest.raises(InvalidValueError) as binary:
        write_to_string(TIMELINE, "fit")
    assert "Garmin FIT is a binary format: use write_to_bytes" == str(binary.value)
    with pytest.raises(InvalidValueError) as caught:
        write_to_string(TIMELINE, "srt", chapters=True)
    assert "SRT exports take no option chapters; options: none" == str(caught.value)


def test_write_to_file_picks_the_format_and_writes_atomically(tmp_path: Path) -> None:
    assert FORMATS[".json"] == write_to_file(TIMELINE, tmp_path / "t.json")
    assert dumps_timeline(TIMELINE) == (tmp_path / "t.json").read_text(encoding="utf-8")
    kept = tmp_path / "t.mp4"
    kept.write_text("old", encoding="utf-8")
    with pytest.raises(InvalidValueError):
        write_to_file(TIMELINE, kept)
    assert ["t.json", "t.mp4"] == sorted(p.name for p in tmp_path.iterdir())
    assert "old" == kept.read_text(encoding="utf-8")


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Atomic writes go through a private temporary file; the result must not stay private."""
    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.md"
        write_to_file(TIMELINE, new)
        assert 0o644 == new.stat().st_mode & 0o777
        kept = tmp_path / "kept.md"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_to_file(TIMELINE, kept)
        assert 0o640 == kept.stat().st_mode & 0o777
    finally:
        os.umask(umask)


# Self-paced parts in every export: the nominal time, and what to wait for.

SELF_PACED = compile_routine(
    Routine(
        "Hamstrings",
        [
            Stretch(
                "Seated Reach",
                [
                    PerSide([Hold("30s", text="Lean forward", until="the stretch fades")]),
                    Reps(3, "Curl up", tempo="4s", until="you feel warm"),
                ],
            )
        ],
    )
)
UNTIL = "Until the stretch fades, then continue when you are ready"


def test_captions_say_what_to_wait_for_on_the_nominal_time() -> None:
    cues = webvtt.from_string(write_to_string(SELF_PACED, "vtt")).captions
    holds = [c for c in cues if "Lean forward" in c.text]
    assert [f"LEFT · Lean forward · {UNTIL}", f"RIGHT · Lean forward · {UNTIL}"] == [
        h.text for h in holds
    ]
    assert (
        "Curl up (3 of 3) · Until you feel warm, then continue when you are ready" == cues[-1].text
    )
    assert [30_000, 30_000] == [ms(h.end) - ms(h.start) for h in holds]
    assert_tiles(SELF_PACED, [(ms(c.start), ms(c.end)) for c in cues])


def test_fit_follows_a_self_paced_part_with_a_lap_button_step() -> None:
    steps = decode(write_to_bytes(SELF_PACED, "fit"))["workout_step_mesgs"]
    flat = played(steps)
    opens = [(i, step) for i, step in enumerate(flat) if step[1] == "open"]
    assert [("When ready", "open", 0, UNTIL)] * 2 + [
        ("When ready", "open", 0, "Until you feel warm, then continue when you are ready")
    ] == [step for _, step in opens]
    for index, _ in opens:  # each right after the timed part it ends
        assert flat[index - 1][1] in ("time", "repetition_time")
    assert SELF_PACED.total_ms == sum(ms for _, _, ms, _ in flat)


def test_the_sheet_and_the_picture_say_at_least_and_until() -> None:
    sheet = write_to_string(SELF_PACED, "md")
    assert "**Hold at least 0:30**" in sheet
    assert f"*{UNTIL}.*" in sheet
    assert "*Until you feel warm, then continue when you are ready.*" in sheet
    svg = write_to_string(SELF_PACED, "svg")
    assert f"({UNTIL})" in svg


def test_the_sheet_says_a_rest_waits_and_a_breath_phase_s_own_words() -> None:
    from backstretch import Breath, Reps, Rest, between

    body = [
        Rest(between("5s", "10s")),
        Reps(3, "Rise"),
        Rest("5s", until="your calves are ready"),
        Breath("4s", "6s", inhale_text="Pump your arms as you breathe in"),
    ]
    sheet = write_to_string(compile_routine(Routine("Legs", [Stretch("Calf", body)])), "md")
    assert "1. **Rest** 0:07.500: Rest\n" in sheet  # a range: where the level puts it
    assert (
        "3. **Rest** (at least 0:05): Rest *Until your calves are ready, then continue when you "
        "are ready.*\n"
    ) in sheet
    assert "4. **Breathe** in 0:04 (Pump your arms as you breathe in), out 0:06\n" in sheet


# Every player format shows every skip note (issue 25); no countdown beeps over one (issue 27).

TWO_HOLDS = compile_routine(
    Routine(
        "Two Holds",
        [
            Stretch(
                "Kneel Hold",
                [Hold("20s")],
                cautions=[Caution("Not with sore knees.", conditions=["knee"])],
            ),
            Stretch("Stand Hold", [Hold("20s")]),
        ],
    ),
    conditions={"knee"},
)
(SKIP_ON_A_TICK,) = [e for e in TWO_HOLDS.markers if e.kind is Kind.SKIP]
#: Two stretches left out in a row: their notes fall together.
TWO_LEFT_OUT = compile_routine(
    Routine(
        "Two Left Out",
        [
            Stretch(
                "Kneel Hold",
                [Hold("20s")],
                cautions=[Caution("Not with sore knees.", conditions=["knee"])],
            ),
            Stretch(
                "Knee Circles",
                [Hold("20s")],
                cautions=[Caution("Not after knee surgery.", conditions=["knee"])],
            ),
            Stretch("Stand Hold", [Hold("20s")]),
        ],
    ),
    conditions={"knee"},
)


def test_no_countdown_beeps_over_a_skip_note() -> None:
    """The countdown before the first hold after a stretch left out would fall on its note: the
    ticks that would beep over its words are left out, and counted."""
    said_until = SKIP_ON_A_TICK.start_ms + speaking_ms(SKIP_ON_A_TICK.text)
    ticks = [e.start_ms for e in TWO_HOLDS.markers if e.is_countdown]
    assert not [t for t in ticks if SKIP_ON_A_TICK.start_ms <= t < said_until]
    assert TWO_HOLDS.options is not None
    assert 3 == TWO_HOLDS.options.cues_left_out


@pytest.mark.parametrize("suffix", ["vtt", "srt"])
def test_captions_stack_skip_notes_that_fall_together(suffix: str) -> None:
    text = write_to_string(TWO_LEFT_OUT, suffix)
    read = (
        [c.text for c in webvtt.from_string(text).captions]
        if suffix == "vtt"
        else [s.content for s in srt.parse(text)]
    )
    first, second = [e.text for e in TWO_LEFT_OUT.markers if e.kind is Kind.SKIP]
    with_notes = [t for t in read if first in t.splitlines()]
    assert [["Stand Hold", first, second]] == [t.splitlines() for t in with_notes]


def test_every_export_carries_the_skip_note() -> None:
    for suffix in ("json", "md", "svg", "html"):
        assert SKIP_ON_A_TICK.text in write_to_string(TWO_HOLDS, suffix), suffix
    steps = decode(write_to_bytes(TWO_HOLDS, "fit"))["workout_step_mesgs"]
    notes = [s["notes"] for s in steps if SKIP_ON_A_TICK.text in s["notes"]]
    assert [f"{SKIP_ON_A_TICK.text} Stand Hold"] == notes  # it opens the step it falls in


LAST_LEFT_OUT = compile_routine(
    Routine(
        "Last Left Out",
        [
            Stretch("Stand Hold", [Hold("20s")]),
            Stretch(
                "Kneel Hold",
                [Hold("20s")],
                cautions=[Caution("Not with sore knees.", conditions=["knee"])],
            ),
        ],
    ),
    conditions={"knee"},
)


def test_a_skip_note_of_the_last_stretch_is_in_every_export() -> None:
    """The last stretch left out: its note is shown with the last segment, not at the very end
    where no caption, step or speech has time for it."""
    (skip,) = [e for e in LAST_LEFT_OUT.markers if e.kind is Kind.SKIP]
    assert skip.start_ms < LAST_LEFT_OUT.total_ms
    for suffix in ("vtt", "srt", "md", "svg", "html", "json"):
        assert skip.text in write_to_string(LAST_LEFT_OUT, suffix), suffix
    steps = decode(write_to_bytes(LAST_LEFT_OUT, "fit"))["workout_step_mesgs"]
    assert any(skip.text in s["notes"] for s in steps)


def test_the_sheet_writes_a_mirrored_side_once_even_with_rounds_in_it() -> None:
    """The second side of a PerSide that holds a Repeat is "the same on the right side" when it
    mirrors the first, as docs/exports.md promises (issue 27)."""
    calf = PerSide(
        [
            Step("Stand on your {side} foot", duration="4s"),
            Repeat(3, [Hold("10s", text="Raise the {side} heel"), Rest("5s")]),
        ]
    )
    timeline = compile_routine(
        Routine("R", [Stretch("Calf", [calf])]), cues=Cues.off(), safety_note=None
    )
    sheet = write_to_string(timeline, "md")
    assert (
        "1. *Left:* Stand on your left foot\n"
        "2. *Left:* **3 rounds** of:\n"
        "   1. *Left:* **Hold 0:10**: Raise the left heel.\n"
        "   2. *Left:* **Rest** 0:05: Rest\n"
        "3. **Switch sides** (0:05): Switch to the right side\n"
        "4. The same on the right side.\n"
    ) in sheet
    assert "right heel" not in sheet
