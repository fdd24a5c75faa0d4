"""The web player page, in headless Chromium: loaded from file://, driven with Playwright's clock
and a fake speechSynthesis; no console errors and no network requests allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from backstretch import Kind, Role, catalog, compile_routine
from backstretch.exports import write_to_file, write_to_string
from backstretch.exports.web import player_module
from tools import FAKE_SPEECH, hand_made, opened_page, seed_timeline

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

TIMELINE = seed_timeline()

#: Counts the beeps, each one an oscillator started, and records each one's pitch in Hz.
COUNT_BEEPS = """
window.__beeps = 0;
window.__pitches = [];
const startTone = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.__beeps += 1;
  window.__pitches.push(this.frequency.value);
  return startTone.apply(this, args);
};
"""


class Session:
    """One page of the player, and everything that went wrong on it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(message.text)

    def text(self, selector: str) -> str:
        return self.page.inner_text(selector)

    def position_ms(self) -> int:
        position: int = self.page.evaluate("window.backstretchPlayer.position()")
        return position

    def fired(self) -> list[str]:
        ids: list[str] = self.page.evaluate("[...window.backstretchPlayer.fired]")
        return ids

    def spoken(self) -> list[str]:
        said: list[str] = self.page.evaluate("[...window.__spoken]")
        return said


@pytest.fixture
def open_player(browser: Browser, tmp_path: Path) -> Iterator[Any]:
    pages: list[Session] = []
    html = tmp_path / "routine.html"
    write_to_file(TIMELINE, html)

    def open_(
        *,
        voice: bool = True,
        scripts: tuple[str, ...] = (),
        width: int = 1280,
        height: int = 900,
        **context: Any,
    ) -> Session:
        page = browser.new_context(
            viewport={"width": width, "height": height}, **context
        ).new_page()
        if voice:
            page.add_init_script(FAKE_SPEECH)
        page.add_init_script(COUNT_BEEPS)
        for script in scripts:
            page.add_init_script(script)
        page.clock.install(time=0)
        session = Session(page)
        page.goto(html.as_uri())
        page.clock.pause_at(10_000)  # from here on, time moves only when a test moves it
        pages.append(session)
        return session

    yield open_
    for session in pages:
        assert [] == session.problems, "console errors or warnings"
        assert [html.as_uri()] == session.requests, "the page loaded something besides itself"
        session.page.context.close()


def side_label(side: str | None) -> str:
    return {"left": "◀ LEFT", "right": "RIGHT ▶", None: ""}[side]


def test_plays_the_seed_routine_start_to_end(open_player: Any) -> None:
    s = open_player()
    assert "Stop if pain increases or spreads" in s.text("#start-screen")
    assert "14:25 · 3 stretches" == s.text("#total")
    s.page.click("#start")
    elapsed = 0
    for segment in TIMELINE.segments:
        # Past a tick inside the segment (ticks come every 100 ms).
        target = segment.start_ms + 150
        s.page.clock.run_for(target - elapsed)
        elapsed = target
        assert segment.text == s.text("#instruction"), segment.id
        assert side_label(segment.side and segment.side.value) == s.page.inner_text("#side").strip()
        assert s.page.is_visible("#side") == (segment.side is not None)
        # Where it is counted comes from the fields: "REPS · REP 3 OF 7", "HOLD · PART 2 OF 3".
        label = s.text("#kind")
        if segment.rep is not None:
            assert f"REP {segment.rep.index} OF {segment.rep.count}" in label, label
        if segment.part is not None:
            assert f"PART {segment.part.index} OF {segment.part.count}" in label, label
        if segment.role is Role.ANNOUNCE and segment.stretch_id is not None:
            needs = TIMELINE.stretch(segment.stretch_id).props
            assert s.page.is_visible("#needs") == bool(needs)
            if needs:
                assert f"You need: {', '.join(needs)}" == s.text("#needs")
    s.page.clock.run_for(TIMELINE.total_ms - elapsed + 500)
    assert s.page.is_visible("#end-screen")
    assert "You finished Pilates for Back Pain (14:25)." == s.text("#end-text")
    # Every event fired exactly once, in timeline order; every one was said but the countdown
    # ticks, which are beeps (known by their role, higher on tick 1).
    assert [e.id for e in TIMELINE.events] == s.fired()
    said = [t for t in s.spoken() if t != "<cancel>"]
    assert [e.text for e in TIMELINE.events if e.role is not Role.COUNTDOWN] == said
    countdowns = [e for e in TIMELINE.events if e.role is Role.COUNTDOWN]
    assert len(countdowns) == s.page.evaluate("window.__beeps")
    high = [e.tick == 1 for e in countdowns]
    assert high == s.page.evaluate("window.__pitches.map((f) => f > 1000)")


def test_pause_next_previous_and_chapter_jump(open_player: Any) -> None:
    s = open_player()
    s.page.click("#start")
    s.page.clock.run_for(30_000)
    assert "Stretch 1 of 3 · Legs Up A Wall" == s.text("#where")
    s.page.click("#toggle")  # pause
    assert "Resume" == s.page.get_attribute("#toggle", "aria-label")
    paused_at = s.position_ms()
    s.page.clock.run_for(20_000)
    assert paused_at == s.position_ms()  # time stands still
    assert "0:30 / 14:25" == s.text("#elapsed")
    s.page.focus("body")
    s.page.keyboard.press(" ")  # resume
    s.page.clock.run_for(1_000)
    assert paused_at + 1_000 == s.position_ms()

    needs = TIMELINE.events[[e.id for e in TIMELINE.events].index("legs-up-a-wall/props")]
    s.page.keyboard.press("ArrowRight")
    assert needs.start_ms == s.position_ms()
    assert ("You need: a wall", "YOU NEED") == (s.text("#instruction"), s.text("#kind"))
    s.page.keyboard.press("ArrowLeft")  # within two seconds: back to the one before
    assert "legs-up-a-wall/announce" == TIMELINE.at(s.position_ms()).id  # type: ignore[union-attr]
    s.page.click("#next-button")
    s.page.clock.run_for(5_000)
    s.page.click("#previous")  # later than two seconds in: restart this one
    assert needs.start_ms == s.position_ms()

    s.page.get_by_role("button", name=re.compile("^Go to Lunges")).click()
    lunges = TIMELINE.chapters[2]
    assert lunges.start_ms == s.position_ms()
    assert "Stretch 3 of 3 · Lunges" == s.text("#where")
    assert "step" == s.page.get_attribute("#chapters li:nth-child(3) button", "aria-current")
    s.page.click("#restart")
    assert 0 == s.position_ms()


def test_a_tab_that_slept_catches_up_without_drift(open_player: Any) -> None:
    s = open_player()
    s.page.click("#start")
    s.page.clock.run_for(10_000)
    s.page.clock.fast_forward(300_000)  # timers do not run meanwhile, like a background tab
    s.page.clock.run_for(100)
    assert 310_100 == s.position_ms()
    assert [e.id for e in TIMELINE.events if e.start_ms <= 310_100] == s.fired()
    assert TIMELINE.at(310_100).text == s.text("#instruction")  # type: ignore[union-attr]
    # It says where you are now, not a burst of everything it missed.
    assert TIMELINE.at(310_100).text == s.spoken()[-1]  # type: ignore[union-attr]
    assert s.spoken().count("3") <= 1


def test_cautions_come_before_the_stretch_and_are_announced(open_player: Any) -> None:
    s = open_player()
    s.page.get_by_role("button", name=re.compile("^Go to Child's Pose")).click()
    s.page.clock.run_for(200)
    assert s.page.is_visible("#cautions")
    assert "alert" == s.page.get_attribute("#cautions", "role")
    assert "Leave this pose out if you have knee problems." in s.text("#cautions")
    announce = TIMELINE.at(TIMELINE.chapters[1].start_ms)
    assert announce is not None
    assert announce.text == s.text("#live")
    assert "polite" == s.page.get_attribute("#live", "aria-live")
    first_step = next(
        e for e in TIMELINE.segments if e.stretch == "Child's Pose" and e.kind is Kind.STEP
    )
    s.page.clock.run_for(first_step.start_ms - TIMELINE.chapters[1].start_ms)
    assert not s.page.is_visible("#cautions")


def test_without_a_voice_the_speech_toggle_is_off(open_player: Any) -> None:
    s = open_player(voice=False)  # headless Chromium has speechSynthesis but no voices
    assert s.page.is_disabled("#voice")
    assert not s.page.is_checked("#voice")
    assert "(no voice is available on this device)" == s.text("#voice-note")
    s.page.click("#start")
    s.page.clock.run_for(5_000)


def test_voice_and_beeps_can_be_turned_off(open_player: Any) -> None:
    s = open_player()
    assert s.page.is_checked("#voice")
    s.page.uncheck("#voice")
    s.page.uncheck("#beeps")
    s.page.click("#start")
    s.page.clock.run_for(90_000)
    assert [] == [t for t in s.spoken() if t != "<cancel>"]
    assert 0 == s.page.evaluate("window.__beeps")


def test_without_beeps_the_countdown_is_said(open_player: Any) -> None:
    s = open_player()
    s.page.uncheck("#beeps")
    s.page.click("#start")
    first_hold = next(e for e in TIMELINE.segments if e.kind is Kind.HOLD)
    s.page.clock.run_for(first_hold.start_ms + 150)
    said = [t for t in s.spoken() if t != "<cancel>"]
    ticks = [
        e.text
        for e in TIMELINE.markers
        if e.is_countdown and first_hold.start_ms - 3000 <= e.start_ms < first_hold.start_ms
    ]
    # "3" and "2" would beep over the words before (in the longest language): left out
    assert ["1"] == ticks
    assert [*ticks, first_hold.text] == said[-3:-1]
    assert 0 == s.page.evaluate("window.__beeps")


FAKE_WAKE_LOCK = """
window.__locks = [];
Object.defineProperty(navigator, "wakeLock", {configurable: true, value: {
  request: async (type) => {
    window.__locks.push(type);
    return {release: async () => { window.__locks.push("release"); }, addEventListener: () => {}};
  },
}});
"""


def test_the_screen_stays_awake_while_playing(open_player: Any) -> None:
    s = open_player(scripts=(FAKE_WAKE_LOCK,))
    s.page.click("#start")
    s.page.clock.run_for(1_000)
    assert ["screen"] == s.page.evaluate("window.__locks")
    s.page.click("#toggle")
    assert ["screen", "release"] == s.page.evaluate("window.__locks")
    s.page.click("#toggle")
    s.page.clock.run_for(1_000)
    assert ["screen", "release", "screen"] == s.page.evaluate("window.__locks")


def test_accessible_names_contrast_and_reduced_motion(open_player: Any) -> None:
    s = open_player(reduced_motion="reduce")
    s.page.click("#start")
    s.page.clock.run_for(1_000)
    for button in s.page.get_by_role("button").all():
        if button.is_visible():
            name = button.get_attribute("aria-label") or button.inner_text()
            assert name.strip(), button.evaluate("b => b.outerHTML")
    assert "0s" == s.page.eval_on_selector("#ring", "e => getComputedStyle(e).transitionDuration")
    contrast = """([selector]) => {
        const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const el = document.querySelector(selector);
        let bg = el, back = "rgba(0, 0, 0, 0)";
        const clear = "rgba(0, 0, 0, 0)";
        while (bg && (back = getComputedStyle(bg).backgroundColor) === clear) bg = bg.parentElement;
        const [a, b] = [lum(getComputedStyle(el).color), lum(bg ? back : "rgb(255, 255, 255)")];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }"""
    for selector in ["#instruction", "#kind", "#where", "#elapsed", "#next", "#toggle", "#side"]:
        if s.page.is_visible(selector):
            assert s.page.evaluate(contrast, [selector]) >= 4.5, selector


def test_keyboard_focus_is_visible(open_player: Any) -> None:
    s = open_player()
    s.page.keyboard.press("Tab")
    style = s.page.evaluate(
        "() => { const e = document.activeElement; const c = getComputedStyle(e);"
        " return [e.id, c.outlineStyle, c.outlineWidth]; }"
    )
    assert ["start", "solid", "3px"] == style


def test_page_up_and_down_go_by_stretch(open_player: Any) -> None:
    s = open_player()
    s.page.click("#start")
    s.page.focus("body")
    s.page.keyboard.press("PageDown")
    assert TIMELINE.chapters[0].start_ms == s.position_ms()
    s.page.keyboard.press("PageDown")
    assert TIMELINE.chapters[1].start_ms == s.position_ms()
    s.page.clock.run_for(5_000)
    s.page.keyboard.press("PageUp")  # more than two seconds in: this stretch again
    assert TIMELINE.chapters[1].start_ms == s.position_ms()
    s.page.keyboard.press("PageUp")
    assert TIMELINE.chapters[0].start_ms == s.position_ms()
    assert "Stretch 1 of 3 · Legs Up A Wall" == s.text("#where")


def test_the_page_plays_with_the_javascript_player_module() -> None:
    """One engine for browsers: the page runs the module as the package ships it, and has no
    engine of its own."""
    page = write_to_string(TIMELINE, "html")
    assert player_module() in page
    assert 1 == page.count("class Player")
    assert "anchorClock" not in page.replace(player_module(), "")


def test_the_page_is_self_contained() -> None:
    page = write_to_string(TIMELINE, "html")
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    assert "default-src 'none'" in page
    assert "<title>Pilates for Back Pain</title>" in page


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 390, 844), ("desktop", 1280, 900)]
)
def test_screenshots(
    open_player: Any, artifacts: Path, device: str, width: int, height: int
) -> None:
    s = open_player(width=width, height=height, device_scale_factor=1)
    s.page.screenshot(path=str(artifacts / f"web-player.{device}.start.png"), full_page=True)
    s.page.click("#start")
    s.page.clock.run_for(670_000)  # in the right lunge, just after "Halfway"
    assert "Hold the lunge, right foot forward" == s.text("#instruction")
    shot = artifacts / f"web-player.{device}.playing.png"
    s.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")
    width_used = s.page.evaluate("document.documentElement.scrollWidth")
    assert width >= width_used  # nothing sideways to scroll


def test_markup_in_texts_stays_text(browser: Browser, tmp_path: Path) -> None:
    """A title or instruction with markup cannot break out of the page: it shows as written."""
    from backstretch import Event

    title = "</script><script>window.__owned = 1</script> & <b>co</b>"
    timeline = hand_made(title, Event("a", 0, 5000, Kind.STEP, "Knees <i>soft</i> & </script>"))
    html = tmp_path / "odd.html"
    write_to_file(timeline, html)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html.as_uri())
    assert title == page.inner_text("#title")
    assert title == page.title()
    page.click("#start")
    assert "Knees <i>soft</i> & </script>" == page.inner_text("#instruction")
    assert page.evaluate("window.__owned") is None
    assert [] == errors
    page.close()


def test_the_header_says_which_time_a_stretch_done_again_is(
    browser: Browser, tmp_path: Path
) -> None:
    from backstretch import Routine, Step, Stretch

    reach = Stretch("Reach", [Step("Reach up", duration="5s")])
    timeline = compile_routine(
        Routine("r", [reach, Stretch("Squat", [Step("Squat", duration="5s")]), reach]),
        language="de",
    )
    page = opened_page(browser, timeline, tmp_path / "again.html")
    page.clock.pause_at(10_000)
    page.click("#start")
    page.clock.run_for(timeline.chapters[2].start_ms + 150)
    assert "Dehnung 3 von 3 · Reach · Durchgang 2 von 2" == page.inner_text("#where")
    page.close()


def test_a_stretch_left_out_is_shown_and_said(browser: Browser, tmp_path: Path) -> None:
    knees = seed_timeline(conditions={"knee"})
    (skip,) = [e for e in knees.events if e.kind is Kind.SKIP]
    page = opened_page(browser, knees, tmp_path / "knees.html")
    page.clock.pause_at(10_000)
    page.click("#start")
    (preview,) = [e for e in knees.events if e.target == "lunges"]
    page.clock.run_for(preview.start_ms + 150)  # said in the hold before, before the note
    assert "» Next up: Lunges" == page.inner_text("#cue")
    page.clock.run_for(skip.start_ms - preview.start_ms)
    assert f"Left out: {skip.text}" == page.inner_text("#note")
    assert skip.text in page.evaluate("window.__spoken")
    page.clock.run_for(15_000)
    assert not page.is_visible("#note")
    page.close()


def test_a_self_paced_part_waits_for_continue(browser: Browser, tmp_path: Path) -> None:
    from backstretch import Hold, PerSide, Routine, Step, Stretch

    reach = Stretch(
        "Seated Reach",
        [PerSide([Hold("20s", text="Lean forward", until="the stretch fades")])],
    )
    timeline = compile_routine(
        Routine("Hamstrings", [reach, Stretch("Sit Up", [Step("Sit up", duration="4s")])])
    )
    first, second = [e for e in timeline.segments if e.open]
    page = opened_page(browser, timeline, tmp_path / "self-paced.html")
    page.clock.pause_at(10_000)
    page.click("#start")
    page.clock.run_for(first.start_ms + 150)
    assert "until the stretch fades" == page.inner_text("#until")
    assert not page.is_visible("#continue")
    assert "Lean forward, until the stretch fades" in page.evaluate("window.__spoken")
    page.clock.run_for(first.duration_ms + 60_000)  # a minute past its nominal end
    assert page.is_visible("#continue")
    assert ("Ready?", first.end_ms) == (
        page.inner_text("#left"),
        page.evaluate("window.backstretchPlayer.position()"),
    )
    fired = page.evaluate("[...window.backstretchPlayer.fired]")
    assert [e.id for e in timeline.events if e.start_ms < first.end_ms] == fired
    page.keyboard.press("Enter")
    page.clock.run_for(150)
    assert not page.is_visible("#continue")
    assert first.end_ms + 150 == page.evaluate("window.backstretchPlayer.position()")
    page.clock.run_for(second.end_ms - first.end_ms)
    assert page.evaluate("window.backstretchPlayer.waiting()")
    # Waiting at the end of the first stretch: the header names it, not the next (issue 27).
    assert "Stretch 1 of 2 \u00b7 Seated Reach" == page.inner_text("#where")
    page.click("#continue")  # the button, too
    page.clock.run_for(timeline.total_ms - second.end_ms + 500)
    assert page.is_visible("#end-screen")
    assert [e.id for e in timeline.events] == page.evaluate("[...window.backstretchPlayer.fired]")
    page.close()


def test_next_while_waiting_goes_on_to_what_follows(browser: Browser, tmp_path: Path) -> None:
    from backstretch import Hold, Routine, Step, Stretch

    timeline = compile_routine(
        Routine(
            "Reach", [Stretch("Reach", [Hold("20s", until="ready"), Step("Stand", duration="4s")])]
        )
    )
    (hold,) = [e for e in timeline.segments if e.open]
    html = tmp_path / "next.html"
    write_to_file(timeline, html)
    page = browser.new_page()
    page.clock.install(time=0)
    page.goto(html.as_uri())
    page.clock.pause_at(10_000)
    page.click("#start")
    page.clock.run_for(hold.end_ms + 5000)
    assert page.evaluate("window.backstretchPlayer.waiting()")
    page.keyboard.press("ArrowRight")
    page.clock.run_for(150)
    assert "Stand" == page.inner_text("#instruction")
    page.close()


@pytest.mark.parametrize("name", [n for n in catalog.names() if n != "pilates-for-back-pain"])
def test_every_catalog_routine_plays_to_the_end(
    browser: Browser, tmp_path: Path, name: str
) -> None:
    """Each built-in routine plays in the page from start to end: breaths read as breathing, a
    circuit's chapters name their round, self-paced parts wait for Enter, every event fires once."""
    timeline = compile_routine(catalog.get(name), affected="right")
    page = opened_page(browser, timeline, tmp_path / f"{name}.html")
    page.clock.pause_at(10_000)
    page.click("#start")

    def position() -> int:
        return int(page.evaluate("window.backstretchPlayer.position()"))

    for segment in timeline.segments:
        page.clock.run_for(segment.start_ms + 150 - position())
        assert segment.text == page.inner_text("#instruction").strip(), segment.id
        if segment.kind is Kind.BREATH:
            assert page.inner_text("#kind").startswith("BREATHE")
        chapter = timeline.chapter_at(segment.start_ms)
        if chapter is not None and chapter.round is not None:
            assert f"round {chapter.round.index} of {chapter.round.count}" in page.content()
        if segment.open:
            page.clock.run_for(segment.end_ms - position() + 1000)
            assert page.evaluate("window.backstretchPlayer.waiting()"), segment.id
            page.keyboard.press("Enter")
    page.clock.run_for(timeline.total_ms - position() + 500)
    assert page.is_visible("#end-screen")
    assert [e.id for e in timeline.events] == page.evaluate("[...window.backstretchPlayer.fired]")
    page.close()


def test_the_page_says_what_the_session_was_made_to_fit(browser: Browser, tmp_path: Path) -> None:
    """The personalization summary on the start screen, and in the player until the first
    stretch starts; gone once it has."""
    timeline = seed_timeline(conditions={"knee"}, level="gentle", fit_to="10m")
    summary = timeline.personalization
    assert summary is not None
    page = opened_page(browser, timeline, tmp_path / "session.html")
    assert summary.text == page.inner_text("#summary")
    assert "Child's Pose left out for knee" in summary.text
    page.clock.pause_at(10_000)
    page.click("#start")
    page.clock.run_for(500)
    assert page.is_visible("#session")
    assert f"Your session: {summary.text}" == page.inner_text("#session")
    page.clock.run_for(timeline.chapters[0].start_ms + 500)
    assert not page.is_visible("#session")
    page.close()


#: Records each utterance's language beside its text.
RECORD_LANGUAGES = """
window.__langs = [];
const speakAs = window.speechSynthesis.speak;
window.speechSynthesis.speak = (utterance) => {
  window.__langs.push(utterance.lang);
  return speakAs(utterance);
};
"""


def test_the_page_plays_in_german_on_screen_and_by_voice(browser: Browser, tmp_path: Path) -> None:
    """A German timeline's page: its lang (the voice speech takes), its own words, and every
    instruction in German, shown and said, start to end."""
    german = seed_timeline(language="de")
    html = tmp_path / "de.html"
    write_to_file(german, html)
    page = browser.new_page()
    page.add_init_script(FAKE_SPEECH)
    page.add_init_script(RECORD_LANGUAGES)
    page.clock.install(time=0)
    page.goto(html.as_uri())
    page.clock.pause_at(10_000)
    assert "de" == page.evaluate("document.documentElement.lang")
    assert "Starten" == page.inner_text("#start")
    assert "14:25 · 3 Dehnungen" == page.inner_text("#total")
    assert page.inner_text("#start-screen").startswith("Hör auf, wenn der Schmerz zunimmt")
    english_words = ("Stretch ", "Next", "Back", "Restart", "Speak the", "Beep", "You need", "REP")
    page.click("#start")
    elapsed = 0
    for segment in german.segments:
        target = segment.start_ms + 150
        page.clock.run_for(target - elapsed)
        elapsed = target
        assert segment.text == page.inner_text("#instruction"), segment.id
        side = {"left": "◀ LINKS", "right": "RECHTS ▶", None: ""}
        assert side[segment.side and segment.side.value] == page.inner_text("#side").strip()
        if segment.rep is not None:
            count = f"WIEDERHOLUNG {segment.rep.index} VON {segment.rep.count}"
            assert f"WIEDERHOLUNGEN · {count}" == page.inner_text("#kind")
        if segment.stretch_id == "lunges":
            assert "Dehnung 3 von 3 · Ausfallschritte" == page.inner_text("#where")
        shown = page.inner_text("body")
        for word in english_words:
            assert word not in shown, (word, segment.id)
    assert "Zum Abschluss" == page.inner_text("#where")
    page.clock.run_for(german.total_ms - elapsed + 500)
    assert "Du hast Pilates gegen Rückenschmerzen geschafft (14:25)." == page.inner_text(
        "#end-text"
    )
    said = [t for t in page.evaluate("window.__spoken") if t != "<cancel>"]
    assert [e.text for e in german.events if e.role is not Role.COUNTDOWN] == said
    assert {"de"} == set(page.evaluate("window.__langs"))
    page.close()


def test_what_a_stretch_needs_is_not_headed_twice(open_player: Any) -> None:
    props = next(e for e in TIMELINE.segments if e.role is Role.PROPS)
    before = TIMELINE.at(props.start_ms - 1)
    assert before is not None
    s = open_player()
    s.page.click("#start")
    s.page.clock.run_for(before.start_ms + 150)
    assert f"Next: {props.text}" == s.page.inner_text("#next")  # "Next: You need: a wall"


def test_a_hold_counted_in_breaths_shows_its_breaths(browser: Browser, tmp_path: Path) -> None:
    from backstretch import Hold, Routine, Stretch

    timeline = compile_routine(Routine("Calm", [Stretch("Rest", [Hold("3 breaths")])]))
    (hold,) = [e for e in timeline.segments if e.kind is Kind.HOLD]
    page = opened_page(browser, timeline, tmp_path / "breaths.html")
    page.clock.pause_at(10_000)
    page.click("#start")
    page.clock.run_for(hold.start_ms + 1000)
    assert "Hold 3 breaths" == page.inner_text("#left")
    page.close()
