"""Languages: the catalogs against the code, timelines in German and Spanish, routine translations,
invariant 14 (times never depend on the language) on generated routines, and the CLI, players and
exports in the timeline's language."""

from __future__ import annotations

import io
import re
import string
import wave
from pathlib import Path

import attrs
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

import backstretch
from backstretch import (
    LANGUAGES,
    MESSAGES,
    WORDS,
    Caution,
    Event,
    Hold,
    InvalidValueError,
    Kind,
    Message,
    PerSide,
    Role,
    Routine,
    RoutineError,
    Side,
    Step,
    Stretch,
    Timeline,
    catalog,
    compile_routine,
    render_message,
    seconds,
    strategies,
    translation_report,
)
from backstretch._compiler.localize import routine_texts
from backstretch._extract import entries
from backstretch._play.plain import play_line
from backstretch.cli import main
from backstretch.exports import write_to_bytes, write_to_string
from backstretch.speech import Clip, EspeakNg, espeak_voice
from tools import SEED, require, run_cli

SRC = Path(backstretch.__file__).parent
LOCALE = SRC / "locale"
FOREIGN = tuple(language for language in LANGUAGES if language != "en")


def _catalog(language: str) -> dict[tuple[str, str], str]:
    with (LOCALE / language / "LC_MESSAGES" / "backstretch.po").open("rb") as file:
        read = read_po(file)
    return {(m.context or "", str(m.id)): str(m.string) for m in read if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# The catalogs against the code.


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_the_library_writes_is_in_every_catalog_translated(language: str) -> None:
    catalog_ = _catalog(language)
    missing = [(c, e) for c, e, _ in entries() if not catalog_.get((c, e), "").strip()]
    assert [] == missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalog_has_an_entry_the_code_no_longer_has(language: str) -> None:
    known = {(context, english) for context, english, _ in entries()}
    assert [] == sorted(set(_catalog(language)) - known)


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_the_same_in_every_language(language: str) -> None:
    wrong = [
        (key, translated)
        for key, translated in _catalog(language).items()
        if _fields(translated) != _fields(key[1])
    ]
    assert [] == wrong


def test_english_catalog_is_the_sources_themselves() -> None:
    assert all(english == said for (_, english), said in _catalog("en").items())


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_compiled_catalog_is_exactly_its_po(language: str) -> None:
    """The .mo in the package is what `pybabel compile` makes of the .po in the repository."""
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "backstretch.po").open("rb") as file:
        made = io.BytesIO()
        write_mo(made, read_po(file))
    assert made.getvalue() == (folder / "backstretch.mo").read_bytes()


def test_the_template_is_what_babel_extracts_from_the_code() -> None:
    """`pybabel extract -F locale/babel.cfg` over the package gives exactly the .pot's entries."""
    with (LOCALE / "babel.cfg").open() as file:
        from babel.messages.frontend import parse_mapping_cfg

        method_map, options_map = parse_mapping_cfg(file)  # type: ignore[no-untyped-call]
    extracted = [
        (message[4], message[2]) for message in extract_from_dir(str(SRC), method_map, options_map)
    ]
    with (LOCALE / "backstretch.pot").open("rb") as file:
        template = {(m.context, m.id) for m in read_po(file) if m.id}
    assert {(context, english) for context, english, _ in entries()} == template
    assert set(extracted) == template


def test_every_player_word_is_used_somewhere() -> None:
    """No unused keys: each word of WORDS is asked for by name in the players' code, or built
    from a table of kinds, sides or phases that the code fills in."""
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for path in SRC.rglob("*")
        if path.suffix in (".py", ".html") and path != SRC / "_i18n" / "words.py"
    )
    from backstretch._play.terminal import LABELS
    from backstretch.exports.fit import LABELS as FIT_LABELS
    from backstretch.exports.sheet import _PHASES

    built = {f"label_{key}" for key in LABELS.values()} | set(FIT_LABELS.values())
    built |= {f"side_{side.value}" for side in Side} | {
        f"sheet_phase_{p}" for p in _PHASES.values()
    }
    built |= {f"sheet_hold{least}{one}" for least in ("", "_at_least") for one in ("", "_breath")}
    built |= {"sheet_hold_breaths", "sheet_hold_at_least_breaths"}
    used = {key for key in WORDS if re.search(rf"[\"'.:]{key}\b", code)} | built
    assert [] == sorted(set(WORDS) - used)


@pytest.mark.parametrize("language", FOREIGN)
def test_the_note_to_stop_on_pain_is_in_every_language(language: str) -> None:
    catalog_ = _catalog(language)
    assert catalog_[("player:stop_on_pain", WORDS["stop_on_pain"])] != WORDS["stop_on_pain"]
    note = MESSAGES["safety_note"].template
    assert catalog_[("safety_note", note)] != note


# Timelines in German and Spanish.


def _personal(language: str) -> Timeline:
    """The seed with every personal touch: a condition, a swap, a fit, in ``language``."""
    return compile_routine(
        SEED, language=language, conditions={"knee", "neck"}, fit_to="12m", level="gentle"
    )


#: Runs of words of the library's English templates ("Switch to the", "Next up"), which no
#: German or Spanish text may hold.
ENGLISH = sorted(
    {
        piece.strip(" ,.:;()")
        for spec in MESSAGES.values()
        for piece in re.split(r"\{\w+\}", spec.template)
        if len(piece.strip(" ,.:;()")) >= 4
    }
    | {"left", "right"}
)


@pytest.mark.parametrize("language", FOREIGN)
def test_german_and_spanish_seed_timelines_have_no_english_library_text(language: str) -> None:
    english, foreign = _personal("en"), _personal(language)
    assert len(english.events) == len(foreign.events)
    for ours, theirs in zip(english.events, foreign.events, strict=True):
        if theirs.message is not None:
            assert render_message(theirs.message, language) == theirs.text
        for piece in ENGLISH:
            assert not re.search(rf"\b{re.escape(piece)}\b", theirs.text), (piece, theirs.text)
        if any(c.isalpha() for c in ours.text):  # a countdown's digits are the same everywhere
            assert ours.text != theirs.text
    summary = foreign.personalization
    assert summary is not None
    assert summary.language == language
    assert summary.text != english.personalization.text  # type: ignore[union-attr]
    for ours_, theirs_ in zip(english.stretches, foreign.stretches, strict=True):
        assert ours_.id == theirs_.id
        assert ours_.name != theirs_.name
        assert all(a != b for a, b in zip(ours_.targets, theirs_.targets, strict=True))
    assert [c.title for c in english.chapters] != [c.title for c in foreign.chapters]


def test_the_seed_reads_naturally_in_german_and_spanish() -> None:
    german, spanish = (compile_routine(SEED, language=lang) for lang in ("de", "es"))
    steps = [e.text for e in german.events if e.kind is Kind.STEP and e.side is not None]
    assert steps[0].endswith("mit dem rechten Fuß einen großen Schritt nach vorn.")
    assert steps[1] == "Halte das hintere Bein gestreckt und schieb die linke Ferse zum Boden."
    holds = [e.text for e in german.events if e.kind is Kind.HOLD and e.side is not None]
    assert [
        "Halte den Ausfallschritt, rechter Fuß vorn",
        "Halte den Ausfallschritt, linker Fuß vorn",
    ] == holds
    switch = next(e for e in spanish.events if e.kind is Kind.SWITCH)
    assert "Cambia al lado izquierdo" == switch.text
    reps = [e.text for e in spanish.events if e.kind is Kind.REP][:2]
    assert "Zancada derecha; vuelve de pie (1 de 7)" == reps[0]
    assert "Zancada izquierda; vuelve de pie (1 de 7)" == reps[1]


def test_a_spanish_timeline_has_the_same_times_as_the_english_one() -> None:
    english, spanish = compile_routine(SEED), compile_routine(SEED, language="es")
    assert english.total_ms == spanish.total_ms
    assert [(e.id, e.start_ms, e.duration_ms) for e in english.events] == [
        (e.id, e.start_ms, e.duration_ms) for e in spanish.events
    ]


@pytest.mark.parametrize("name", catalog.names())
def test_every_catalog_routine_is_translated_completely(name: str) -> None:
    routine = catalog.get(name)
    reports = translation_report(routine)
    assert ["de", "es"] == [r.language for r in reports]
    assert all(not r.missing and not r.unused for r in reports)
    english = compile_routine(routine, affected="left")
    for language in FOREIGN:
        foreign = compile_routine(routine, affected="left", language=language)
        assert _shape(english) == _shape(foreign)


def test_a_routine_written_in_german_speaks_german_by_default() -> None:
    routine = Routine(
        "Wadenpause",
        [Stretch("Wadendehnung", [PerSide([Step("Stell den {side} Fuß nach hinten.")])])],
        language="de",
    )
    timeline = compile_routine(routine)
    assert "de" == timeline.options.language  # type: ignore[union-attr]
    steps = [e.text for e in timeline.events if e.kind is Kind.STEP]
    assert ["Stell den links Fuß nach hinten.", "Stell den rechts Fuß nach hinten."] == steps
    assert "Wechsel zur rechten Seite" in [e.text for e in timeline.events]
    english = compile_routine(routine, language="en")
    assert "Switch to the right side" in [e.text for e in english.events]
    # Untranslated, the text stays as written, its sides in the words of its own language.
    assert ["Stell den links Fuß nach hinten."] == [
        e.text for e in english.events if e.kind is Kind.STEP
    ][:1]


def test_compile_refuses_a_language_it_has_no_catalog_for() -> None:
    with pytest.raises(InvalidValueError) as raised:
        compile_routine(SEED, language="fr")
    assert "language must be one the library writes its text in (en, de, es), got 'fr'" == str(
        raised.value
    )


# Routine translations: the model, check and the report.


def _calf(**translations: dict[str, str]) -> Routine:
    return Routine(
        "Calf break",
        [Stretch("Calf", [PerSide([Step("Step your {side} foot back."), Hold(seconds(20))])])],
        translations=translations,
    )


def test_a_missing_translation_falls_back_to_the_text_as_written() -> None:
    routine = _calf(de={"Calf": "Wade", "Step your {side} foot back.": "{side|L|R} zurück."})
    timeline = compile_routine(routine, language="de")
    assert "Calf break" == timeline.title
    assert ["Wade"] == [c.title for c in timeline.chapters]
    steps = [e for e in timeline.events if e.kind is Kind.STEP]
    assert ["L zurück.", "R zurück."] == [e.text for e in steps]
    assert ["{side|L|R} zurück."] * 2 == [e.template for e in steps]
    assert "Halten" in [e.text for e in timeline.events]  # the library's default hold text
    (report,) = translation_report(routine)
    assert ("Calf break",) == report.missing
    assert () == report.unused


@pytest.mark.parametrize(
    ("translations", "message"),
    [
        (
            {"german": {"a": "b"}},
            "Routine.translations has 'german' where a language tag like 'de' belongs",
        ),
        ({"de": ["Calf"]}, "Routine.translations['de'] must map texts to their translations"),
    ],
)
def test_bad_translations_are_refused_naming_what(translations: object, message: str) -> None:
    with pytest.raises(backstretch.BackstretchError) as raised:
        Routine("Calf break", [Stretch("Calf", [Step("x")])], translations=translations)
    assert message == str(raised.value)


def test_translation_problems_are_each_at_their_path() -> None:
    """An empty or invisible translation, one into the routine's own language, and a note
    translated into nothing readable are found by the check, each at its $.path."""
    routine = Routine(
        "Calf break",
        [Stretch("Calf", [Step("x")])],
        safety_note="Stop if your calf hurts.",
        translations={
            "en": {"Calf": "Calf"},
            "de": {"Calf": " ", "x": "\u2060", "Stop if your calf hurts.": "..."},
        },
    )
    with pytest.raises(RoutineError) as raised:
        backstretch.check_routine(routine)
    assert [
        "$.translations['en']: the routine is written in 'en' already; translations are for "
        "other languages",
        "$.translations['de']['Calf']: is empty; leave the text out to fall back to the "
        "routine's own",
        "$.translations['de']['x']: must show something: it holds only characters that show "
        "nothing (spaces, or format characters such as U+200B), got '\\u2060'",
        "$.translations['de']['Stop if your calf hurts.']: must say in words when to stop and "
        "whom to ask, got '...': it has no letters",
    ] == [str(p) for p in raised.value.problems]


def test_a_translation_must_keep_its_placeholders() -> None:
    routine = _calf(de={"Step your {side} foot back.": "Fuß zurück."})
    with pytest.raises(RoutineError) as raised:
        backstretch.check_routine(routine)
    assert [
        "$.translations['de']['Step your {side} foot back.']: the translation 'Fuß zurück.' has "
        "placeholders none; its text has {side}, and a translation keeps them (a side may take "
        "its forms: {side|left|right})"
    ] == [str(p) for p in raised.value.problems]


def test_side_forms_work_in_the_routines_own_text_too() -> None:
    routine = Routine(
        "Calf", [Stretch("Calf", [PerSide([Step("Den {side|linken|rechten} Fuß, {other}")])])]
    )
    steps = [e.text for e in compile_routine(routine).events if e.kind is Kind.STEP]
    assert ["Den linken Fuß, right", "Den rechten Fuß, left"] == steps


def test_check_reports_missing_and_leftover_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "calf.toml"
    document.write_text(
        'version = 1\ntype = "routine"\ntitle = "Calf break"\n\n[[body]]\ntype = "stretch"\n'
        'name = "Calf"\n\n[[body.body]]\ntype = "step"\ntext = "Step back."\n\n'
        '[translations.de]\n"Calf" = "Wade"\n"Step bak." = "Zurück."\n',
        encoding="utf-8",
    )
    assert 0 == main(["check", str(document)])
    lines = capsys.readouterr().out.splitlines()
    assert [
        "translations: de: 2 of 3 texts missing (shown as written in de):",
        "  - 'Calf break'",
        "  - 'Step back.'",
        "translations: de: 1 translated text(s) the routine does not have (written for a text "
        "since changed?):",
        "  - 'Step bak.'",
    ] == lines[2:]


def test_check_of_an_untranslated_routine_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "calf.json"
    main(["dump", "pilates-for-back-pain", "-o", str(document)])
    capsys.readouterr()
    assert 0 == main(["check", str(document)])
    assert [
        "translations: de: complete (44 texts)",
        "translations: es: complete (44 texts)",
    ] == capsys.readouterr().out.splitlines()[2:]


# Invariant 14 on generated routines.


def _shape(timeline: Timeline) -> list[tuple[object, ...]]:
    return [
        (
            e.id,
            e.kind,
            e.role,
            e.side,
            e.rounds,
            e.rep,
            e.part,
            e.target,
            e.tick,
            e.breaths,
            e.start_ms,
            e.duration_ms,
            e.message and e.message.key,
            e.until is None,
            e.template is None,
        )
        for e in timeline.events
    ]


def _mark(text: str) -> str:
    """A stand-in translation: the text in guillemets, its sides given forms of their own."""
    text = re.sub(r"\{(side|other)\}", r"{\1|LINKS|RECHTS}", text)
    return f"«{text}»"


def _filled(template: str, event: Event) -> str:
    """The oracle's own filling of a translated template for an event."""
    if event.side is not None:
        for name, side in (("side", event.side), ("other", event.side.other)):
            word = "LINKS" if side is Side.LEFT else "RECHTS"
            template = template.replace(f"{{{name}|LINKS|RECHTS}}", word)
    if event.rounds:
        count, index = event.rounds[-1].count, event.rounds[-1].index
        template = template.replace("{rounds}", str(count)).replace("{round}", str(index))
    return template


@settings(max_examples=60)  # compiles each routine four times
@given(strategies.routines(), strategies.levels(), strategies.conditions(), st.data())
def test_times_never_depend_on_the_language(
    routine: Routine, level: backstretch.Level, conditions: frozenset[str], data: st.DataObject
) -> None:
    """Invariant 14: compiled in any language, a routine has the same events at the same times
    (its segments the same translated or not; cues have room for the longest language's words);
    a translated text of the author's is its translation with the sides and rounds filled in, an
    untranslated one stays as written."""
    texts = routine_texts(routine)
    chosen = (
        data.draw(st.lists(st.sampled_from(texts), unique=True), label="translated")
        if texts
        else []
    )
    table = {text: _mark(text) for text in chosen}
    translated = attrs.evolve(routine, translations={"de": table})
    fit = data.draw(st.booleans(), label="fit")
    options: dict[str, object] = {"level": level, "conditions": conditions, "affected": "left"}
    english = compile_routine(translated, **options)  # type: ignore[arg-type]
    if fit:
        options["fit_to"] = f"{english.total_ms + 7_000}ms"
        try:
            english = compile_routine(translated, **options)  # type: ignore[arg-type]
        except backstretch.FitError:  # nothing in it can move: no fit to compare
            del options["fit_to"]
    # A translation moves no segment; cues make room for its words (the longest language's).
    untranslated = compile_routine(routine, **options)  # type: ignore[arg-type]
    assert untranslated.segments == english.segments
    german = compile_routine(translated, language="de", **options)  # type: ignore[arg-type]
    spanish = compile_routine(translated, language="es", **options)  # type: ignore[arg-type]
    assert _shape(english) == _shape(german) == _shape(spanish)
    assert english.total_ms == german.total_ms == spanish.total_ms
    for ours, theirs in zip(english.events, german.events, strict=True):
        if theirs.message is not None:
            assert render_message(theirs.message, "de") == theirs.text
            continue
        source = ours.template or ours.text
        if source in table:
            assert _filled(table[source], ours) == theirs.text
        elif ours.kind in (Kind.STEP, Kind.BREAK, Kind.TITLE) and ours.template is None:
            assert ours.text == theirs.text  # not translated: as written
    for ours_, theirs_ in zip(english.stretches, spanish.stretches, strict=True):
        assert ours_.id == theirs_.id
        assert ours_.name == theirs_.name  # Spanish has no translation: as written


# The command line, the players and the exports.


def test_cli_lang_compiles_in_that_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["compile", "pilates-for-back-pain", "--lang", "es"])
    timeline = backstretch.loads_timeline(capsys.readouterr().out)
    assert "es" == timeline.options.language  # type: ignore[union-attr]
    assert "Pilates para el dolor de espalda" == timeline.title


def test_cli_refuses_a_language_it_has_no_catalog_for() -> None:
    result = run_cli("show", "pilates-for-back-pain", "--lang", "fr")
    assert 2 == result.returncode
    assert result.stderr.splitlines()[-1].endswith(
        "argument --lang: invalid choice: 'fr' (choose from 'en', 'de', 'es')"
    )


GERMAN_FAST = ("--lang", "de", "--speed", "2000", "--plain")


def test_plain_play_in_german_says_everything_in_german() -> None:
    result = run_cli("play", "pilates-for-back-pain", *GERMAN_FAST, timeout=60)
    assert 0 == result.returncode, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["deine", "Einheit", "Mittlere", "Stufe:", *lines[0].split()[4:]]
    assert any(
        line.split()[1:] == ["switch", "LINKS", "Wechsel", "zur", "linken", "Seite"]
        for line in lines
    )
    assert lines[-1].split()[1:] == ["end", "Ende", "von", "Pilates", "gegen", "Rückenschmerzen"]
    for piece in ENGLISH:
        assert not any(re.search(rf"\b{re.escape(piece)}\b", line) for line in lines), piece


def test_a_plain_line_gives_the_side_in_its_language() -> None:
    switch = next(e for e in compile_routine(SEED, language="es").events if e.kind is Kind.SWITCH)
    assert "   11:42  switch         IZQUIERDO  Cambia al lado izquierdo" == play_line(switch, "es")


def test_the_terminal_player_draws_in_german() -> None:
    pytest.importorskip("rich")
    from rich.console import Console

    from backstretch._play.terminal import render

    timeline = compile_routine(SEED, language="de")
    hold = next(e for e in timeline.events if e.kind is Kind.HOLD and e.side is Side.RIGHT)
    console = Console(width=100, record=True, color_system=None)
    console.print(render(timeline, hold.start_ms + 1000))
    screen = console.export_text()
    for said in (
        "HALTEN",
        "RECHTS ▶",
        "Dehnung 3 von 3: Ausfallschritte",
        "Halte den Ausfallschritt, rechter Fuß vorn",
        "Danach: Seitenwechsel, links: Wechsel zur linken Seite",
        "Hör auf, wenn der Schmerz zunimmt oder ausstrahlt, und frag eine Fachperson.",
        "Leertaste Pause/weiter",
    ):
        assert said in screen
    assert "Next:" not in screen
    assert "left" not in screen


def test_espeak_speaks_with_the_voice_of_the_timelines_language() -> None:
    require("espeak-ng")
    assert espeak_voice(compile_routine(SEED, language="de")) == "de"
    assert espeak_voice(compile_routine(SEED)) is None  # espeak-ng's default: English
    german = EspeakNg(voice="de").synthesize("Wechsel zur linken Seite", words_per_minute=150)
    again = EspeakNg(voice="de").synthesize("Wechsel zur linken Seite", words_per_minute=150)
    english = EspeakNg().synthesize("Wechsel zur linken Seite", words_per_minute=150)
    assert german == again
    assert german.samples != english.samples


class _Recorder:
    """A synthesizer that records what it is asked to say, as a short tone each."""

    sample_rate = 8000

    def __init__(self) -> None:
        self.said: list[str] = []

    def synthesize(self, text: str, *, words_per_minute: int) -> Clip:
        self.said.append(text)
        return Clip(self.sample_rate, b"\x10\x00" * 80)


def test_the_audio_guide_says_the_german_timeline() -> None:
    from backstretch.exports.audio import render

    recorder = _Recorder()
    wav = render(compile_routine(SEED, language="de"), synthesizer=recorder)
    assert "Wechsel zur linken Seite" in " ".join(recorder.said)
    assert not any("Switch" in said for said in recorder.said)
    with wave.open(io.BytesIO(wav)) as read:
        assert read.getnframes() > 0


def test_the_exports_write_the_timelines_language() -> None:
    german = compile_routine(SEED, language="de", conditions={"knee"})
    sheet = write_to_string(german, ".md")
    assert "Gesamtdauer 11:06 · 2 Dehnungen" in sheet
    for english in ("Total time", "Caution", "You need", "Switch sides", "Left out", "reps"):
        assert english not in sheet
    assert "**7 Wiederholungen** pro Seite, je 0:04, Seiten im Wechsel, zuerst rechts" in sheet
    vtt = write_to_string(german, ".vtt")
    assert vtt.startswith("WEBVTT\nKind: captions\nLanguage: de\n\n")
    assert "RECHTS · Halte den Ausfallschritt, rechter Fuß vorn" in vtt
    svg = write_to_string(german, ".svg")
    assert "Ganze Routine" in svg
    assert "linke Seite" in svg
    assert "Whole routine" not in svg
    srt = write_to_string(german, ".srt")
    assert "LINKS · Wechsel zur linken Seite" in srt


def test_fit_step_names_are_in_the_timelines_language() -> None:
    sdk = pytest.importorskip("garmin_fit_sdk")
    data = write_to_bytes(compile_routine(SEED, language="es"), ".fit")
    messages, errors = sdk.Decoder(sdk.Stream.from_byte_array(bytearray(data))).read()
    assert [] == errors
    names = [step["wkt_step_name"] for step in messages["workout_step_mesgs"]]
    assert "Mantén DERECHO" in names
    assert "Cambio de lado IZQUIERDO" in names
    assert not any("Hold" in name or "Switch" in name for name in names)


def test_personalization_text_follows_the_language() -> None:
    summary = compile_routine(SEED, language="de", conditions={"knee"}).personalization
    assert summary is not None
    assert (
        "Mittlere Stufe: jeder Bereich in seiner Mitte. Kindhaltung ausgelassen (Grund: Knie)."
        == (summary.text)
    )


def test_a_condition_word_with_an_adjective_stays_in_its_own_case_in_german() -> None:
    """The slip "ausgelassen wegen kürzliche Operation" was ungrammatical (wegen takes the
    genitive): the sentences name the conditions after a colon, where every word reads as
    written."""
    left_out = Message(
        "summary_left_out", {"name": "Kindhaltung", "conditions": ("recent-surgery",)}
    )
    assert "Kindhaltung ausgelassen (Grund: kürzliche Operation)" == render_message(left_out, "de")
    nothing = Message("summary_nothing_for", {"conditions": ("recent-surgery", "lower-back")})
    expected = "Für diese Angaben ist nichts in der Routine ausgeschlossen: kürzliche Operation, "
    assert expected + "unterer Rücken" == render_message(nothing, "de")


def test_what_a_self_paced_part_waits_for_reads_as_spanish() -> None:
    """The slip "Hasta sujetas los dos extremos de la toalla" was ungrammatical: "hasta que"
    takes the subjunctive, which the routine's translations of what the person waits for use."""
    timeline = compile_routine(catalog.get("hamstring-release"), language="es")
    waits = [e for e in timeline.events if e.until is not None]
    assert "sujetes los dos extremos de la toalla" == waits[0].until
    assert waits[0].until_message is not None
    assert (
        "Hasta que sujetes los dos extremos de la toalla; luego sigue cuando estés listo"
        == render_message(waits[0].until_message, "es")
    )


def test_render_message_in_every_language() -> None:
    message = Message("rep", {"text": "Lunge", "index": 3, "count": 7})
    assert ["Lunge (3 of 7)", "Lunge (3 von 7)", "Lunge (3 de 7)"] == [
        render_message(message, language) for language in LANGUAGES
    ]
    assert all(e.role is not Role.COUNTDOWN or e.text.isdigit() for e in _personal("de").events)


def test_a_routine_in_a_language_without_a_catalog_compiles_with_english_library_words() -> None:
    """A routine written in French: the library's words in English (its default), the author's
    as written, sides in the forms the author gives; German takes its translations."""
    routine = Routine(
        "Pause mollets",
        [Stretch("Mollets", [PerSide([Step("Le pied {side|gauche|droit} en arrière.")])])],
        language="fr",
        translations={"de": {"Mollets": "Waden"}},
    )
    english = compile_routine(routine)
    assert "en" == english.options.language  # type: ignore[union-attr]
    texts = [e.text for e in english.segments]
    assert ["Le pied gauche en arrière.", "Switch to the right side"] == texts[3:5]
    knees = Stretch("Genoux", [Step("Plie les genoux.")])
    german = compile_routine(attrs.evolve(routine, body=(knees, *routine.body)), language="de")
    next_up = next(e for e in german.events if e.role is Role.NEXT_UP)
    assert "Als Nächstes: Waden" == next_up.text
    assert "Waden" == german.chapters[1].title


def test_joined_cautions_are_translated_one_by_one() -> None:
    """A skip's reason joins the texts of its cautions; each is translated as written, never
    found again by splitting the joined text (where "reach" and "reach reach" would be read as
    three "reach")."""
    kneel = Stretch(
        "Kneel",
        [Step("Kneel down.")],
        cautions=[
            Caution("reach", conditions=["knee"]),
            Caution("reach reach", conditions=["knee"]),
        ],
    )
    routine = Routine(
        "Reach",
        [kneel, Stretch("Stand", [Step("Stand tall.")])],
        translations={"de": {"reach": "[de] reach", "reach reach": "[de] reach reach"}},
    )
    german = compile_routine(routine, conditions={"knee"}, language="de")
    (skip,) = [e for e in german.events if e.kind is Kind.SKIP]
    assert skip.message is not None
    assert "[de] reach [de] reach reach" == skip.message["reason"]


def test_a_self_paced_parts_until_is_translated_through_its_template() -> None:
    reach = Stretch(
        "Reach",
        [PerSide([Hold("20s", text="Lean {side}", until="the {side} side eases")])],
    )
    routine = Routine(
        "Reach",
        [reach],
        translations={
            "de": {"the {side} side eases": "die {side|linke|rechte} Seite nachgibt"},
        },
    )
    german = compile_routine(routine, language="de")
    assert ["die linke Seite nachgibt", "die rechte Seite nachgibt"] == [
        e.until for e in german.events if e.until is not None
    ]
