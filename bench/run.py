"""Benchmarks: each figure next to a baseline measured in the same run, as a ratio, with its budget.

    python bench/run.py           # the full run (about a minute): sizes up to 1,000,000 events
    python bench/run.py --quick   # small sizes, to check the script still works (CI runs this)

Machines are noisy, so every figure is the best of several runs and is compared with a baseline
that does the least work the same job could do, timed right beside it. The full run exits with
status 1 when a budget is missed; the quick run only checks that everything runs. Results and
how to read them: docs/performance.md.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from backstretch import (
    Cues,
    Event,
    InvalidValueError,
    Kind,
    Limits,
    Message,
    Position,
    Repeat,
    Role,
    Routine,
    Side,
    Step,
    Stretch,
    Timeline,
    catalog,
    compile_routine,
    dumps_timeline,
    loads_timeline,
    seconds,
)

BIG = Limits(max_events=5_000_000, max_total="2000h", max_bytes=10**9)
NO_CUES = Cues.off()


def best(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds, with the garbage collector out of the way."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def steps_routine(count: int) -> Routine:
    """A routine that compiles to ``count`` + 3 events (title, announcement, steps, end)."""
    step = Step("Roll your shoulders back and breathe out", duration=seconds(1))
    return Routine("Bench", [Stretch("Shoulders", [Repeat(count, [step])])])


def compile_bench(routine: Routine) -> Timeline:
    return compile_routine(routine, cues=NO_CUES, safety_note=None, limits=BIG)


def events_directly(count: int) -> list[Event]:
    """The baseline: the same number of Event objects, made directly with all their fields."""
    text = "Roll your shoulders back and breathe out"
    return [
        Event(
            f"shoulders/0/r{i}/0",
            i * 1000,
            1000,
            Kind.STEP,
            text,
            None,
            "Shoulders",
            role=Role.STEP,
            stretch_id="shoulders",
            rounds=(Position(i + 1, count),),
        )
        for i in range(count)
    ]


def synthetic(count: int) -> Timeline:
    """``count`` events, half segments of a second and half cue markers inside them."""
    events = []
    for i in range(count // 2):
        events.append(Event(f"s{i}", i * 1000, 1000, Kind.HOLD, "Hold", Side.LEFT))
        events.append(
            Event(
                f"s{i}/cue", i * 1000 + 500, 0, Kind.CUE, "Breathe", Side.LEFT, role=Role.HOLD_CUE
            )
        )
    total_ms = count // 2 * 1000
    events.append(Event("end", total_ms, 0, Kind.END, "End"))
    return Timeline("Synthetic", total_ms, events)


#: Built-in stretches that work an affected side: left out of the realistic routine, which is
#: compiled without naming a side.
AFFECTED_SIDE: set[str] = set()


def realistic_routine(events: int) -> Routine:
    """The built-in routines' stretches, copied (each copy named anew) until the routine compiles
    to about ``events`` events with the default cues."""
    per_copy: dict[str, int] = {}
    stretches: list[Stretch] = []
    copies = 0
    while sum(per_copy.get(s.name, 0) for s in stretches) < events:
        copies += 1
        for name in catalog.names():
            for stretch in catalog.get(name).stretches:
                if stretch.name in AFFECTED_SIDE:
                    continue
                if stretch.name not in per_copy:
                    single = Routine("one", [stretch], rest_between="10s")
                    try:
                        compiled = compile_routine(single, safety_note=None)
                    except InvalidValueError:  # it works the affected side: a side must be named
                        AFFECTED_SIDE.add(stretch.name)
                        continue
                    per_copy[stretch.name] = len(compiled.events)
                copy = renamed(stretch, f" {copies}")
                per_copy[copy.name] = per_copy[stretch.name] + 2  # its next-up cue and a rest
                stretches.append(copy)
    return Routine("Realistic", stretches, rest_between="10s")


def renamed(stretch: Stretch, suffix: str) -> Stretch:
    """A copy of ``stretch`` and of its alternatives, each name followed by ``suffix``."""
    alternative = stretch.alternative and renamed(stretch.alternative, suffix)
    return attrs.evolve(stretch, name=stretch.name + suffix, alternative=alternative)


def recipe(timeline: Timeline) -> list[tuple[Any, ...]]:
    """Each event's fields as plain values, to make the same Events from in the baseline."""
    return [
        (
            e.id,
            e.start_ms,
            e.duration_ms,
            e.kind,
            e.text,
            e.side,
            e.stretch,
            e.role,
            e.stretch_id,
            e.tick,
            tuple((p.index, p.count) for p in e.rounds),
            None if e.rep is None else (e.rep.index, e.rep.count),
            None if e.part is None else (e.part.index, e.part.count),
            e.target,
            None if e.message is None else (e.message.key, e.message.params),
            e.template,
        )
        for e in timeline.events
    ]


def make_from(fields: list[tuple[Any, ...]]) -> list[Event]:
    """The baseline of the realistic case: every Event made directly, with its positions and
    message, from plain values."""
    made = []
    for (i, start, length, kind, text, side, name, role, key, tick, rounds, rep, part, target,
         message, template) in fields:  # fmt: skip
        made.append(
            Event(
                i,
                start,
                length,
                kind,
                text,
                side,
                name,
                role=role,
                stretch_id=key,
                tick=tick,
                rounds=tuple([Position(*p) for p in rounds]),
                rep=None if rep is None else Position(*rep),
                part=None if part is None else Position(*part),
                target=target,
                message=None if message is None else Message(*message),
                template=template,
            )
        )
    return made


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.missed: list[str] = []

    def add(
        self, what: str, size: str, figure: str, baseline: str, ratio: float | None, budget: float
    ) -> None:
        shown = "" if ratio is None else f"{ratio:.2f}x"
        verdict = "" if ratio is None else ("ok" if ratio <= budget else "MISSED")
        if verdict == "MISSED":
            self.missed.append(f"{what} ({size})")
        limit = "" if ratio is None else f"<= {budget:g}x"
        self.rows.append((what, size, figure, baseline, shown, f"{limit} {verdict}".strip()))

    def print(self) -> None:
        header = ("measure", "size", "figure", "baseline", "ratio", "budget")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(6)]
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def per_event_us(seconds_taken: float, count: int) -> str:
    return f"{seconds_taken / count * 1e6:.2f} us/event"


def bench_compile(table: Table, sizes: list[int], *, quick: bool = False) -> list[float]:
    per_event = []
    for size in sizes:
        routine = steps_routine(size - 3)
        repeat = 1 if size >= 1_000_000 else 3 if size >= 100_000 or quick else 7
        # Small sizes: many compiles per timing, then divided.
        loops = max(1, (5_000 if quick else 100_000) // size)

        def compile_many(routine: Routine = routine, loops: int = loops) -> None:
            for _ in range(loops):
                compile_bench(routine)

        def make_many(size: int = size, loops: int = loops) -> None:
            for _ in range(loops):
                events_directly(size)

        compiled = best(compile_many, repeat) / loops
        baseline = best(make_many, repeat) / loops
        events = len(compile_bench(routine).events)
        assert events == size, (events, size)
        per_event.append(compiled / size)
        table.add(
            "compile",
            f"{size:,} events",
            f"{size / compiled:,.0f} events/s ({per_event_us(compiled, size)})",
            f"{size / baseline:,.0f} events/s",
            compiled / baseline,
            3,
        )
    return per_event


def bench_realistic(table: Table, sizes: list[int]) -> None:
    """The built-in routines repeated to ``sizes`` events, with the default cues: every kind of
    event, messages and positions, against making the same Events directly."""
    for size in sizes:
        routine = realistic_routine(size)
        timeline = compile_routine(routine, limits=BIG)
        fields = recipe(timeline)
        repeat = 3 if size >= 100_000 else 5
        compiled = best(lambda routine=routine: compile_routine(routine, limits=BIG), repeat)
        baseline = best(lambda fields=fields: make_from(fields), repeat)
        count = len(timeline.events)
        table.add(
            "compile (realistic)",
            f"{count:,} events",
            f"{count / compiled:,.0f} events/s ({per_event_us(compiled, count)})",
            f"{count / baseline:,.0f} events/s",
            compiled / baseline,
            3,
        )


def bench_checks(table: Table, size: int) -> None:
    """What the timeline's checks cost: making a Timeline by hand (as the loader does) from
    events already made, against making those events. That is every rule: its shape, and what
    a compile gives beyond it (each message rendered, each cue against what follows), which
    the compiler's own timelines skip (proven by property tests instead)."""
    timeline = compile_routine(realistic_routine(size), limits=BIG)
    fields = recipe(timeline)
    events = timeline.events

    def check() -> None:
        Timeline(
            timeline.title,
            timeline.total_ms,
            events,
            timeline.chapters,
            timeline.stretches,
            timeline.options,
        )

    checked = best(check, 5)
    made = best(lambda: make_from(fields), 5)
    table.add(
        "timeline checks (realistic)",
        f"{len(events):,} events",
        f"{checked * 1000:,.1f} ms ({per_event_us(checked, len(events))})",
        f"{made * 1000:,.1f} ms (making the events)",
        checked / made,
        1.0,
    )


class _Flat:
    """A stand-in synthesizer: a flat tone as long as the words would take at the given rate, so
    the audio guide's own work (placing, mixing, writing) is what the benchmark measures."""

    sample_rate = 8000

    def synthesize(self, text: str, *, words_per_minute: int) -> Any:
        from backstretch.speech import Clip

        frames = self.sample_rate * 60 * max(1, len(text.split())) // words_per_minute
        return Clip(self.sample_rate, b"\x00\x10" * frames)  # loud enough not to be trimmed


def bench_exports(table: Table, sizes: tuple[int, int]) -> None:
    """Every export, at two sizes of the realistic routine: the time per event at the larger
    against the smaller one. Linear work keeps the ratio near 1."""
    from backstretch.exports import audio, write_to_bytes

    timelines = [compile_routine(realistic_routine(size), limits=BIG) for size in sizes]
    # An audio guide lasts at most six hours (audio.MAX_LENGTH_MS): it is timed a size down.
    shorter = [compile_routine(realistic_routine(size // 10), limits=BIG) for size in sizes]
    exports: list[tuple[str, Callable[[Timeline], object], list[Timeline]]] = [
        (suffix, lambda t, suffix=suffix: write_to_bytes(t, suffix), timelines)
        for suffix in (".json", ".vtt", ".srt", ".fit", ".svg", ".md", ".html")
    ]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "guide.wav"
        guide = (".wav", lambda t: audio.write_guide(t, target, synthesizer=_Flat()), shorter)
        exports.append(guide)
        for suffix, export, timed in exports:
            per_event = []
            for timeline in timed:
                taken = best(lambda timeline=timeline, export=export: export(timeline), 3)
                per_event.append(taken / len(timeline.events))
            small, large = (len(t.events) for t in timed)
            table.add(
                f"export {suffix}",
                f"{small:,} -> {large:,} events",
                f"{per_event[1] * 1e6:.2f} us/event",
                f"{per_event[0] * 1e6:.2f} us/event",
                per_event[1] / per_event[0],
                1.5,
            )


def bench_queries(table: Table, sizes: list[int], queries: int) -> dict[str, list[float]]:
    growth: dict[str, list[float]] = {"at": [], "cues_between": []}
    rng = random.Random(7)
    for size in sizes:
        timeline = synthetic(size)
        starts = [e.start_ms for e in timeline.segments]
        marker_starts = [e.start_ms for e in timeline.markers]
        points = [rng.randrange(timeline.total_ms) for _ in range(queries)]

        def bare_at(starts: list[int] = starts, points: list[int] = points) -> None:
            for point in points:
                bisect.bisect_right(starts, point)

        def at(timeline: Timeline = timeline, points: list[int] = points) -> None:
            for point in points:
                timeline.at(point)

        def bare_between(starts: list[int] = marker_starts, points: list[int] = points) -> None:
            for point in points:
                low = bisect.bisect_left(starts, point)
                starts[low : bisect.bisect_left(starts, point + 5000, lo=low)]

        def between(timeline: Timeline = timeline, points: list[int] = points) -> None:
            for point in points:
                timeline.cues_between(point, point + 5000)

        for name, run, bare in [("at", at, bare_at), ("cues_between", between, bare_between)]:
            taken, baseline = best(run, 5), best(bare, 5)
            growth[name].append(taken / queries)
            table.add(
                f"Timeline.{name}()",
                f"{size:,} events",
                f"{taken / queries * 1e9:,.0f} ns/query",
                f"{baseline / queries * 1e9:,.0f} ns (bisect)",
                taken / baseline,
                5,
            )
    return growth


def bench_json(table: Table, size: int) -> None:
    timeline = compile_bench(steps_routine(size - 3))
    text = dumps_timeline(timeline)
    data = json.loads(text)
    repeat = 3
    dumped = best(lambda: dumps_timeline(timeline), repeat)
    bare_dump = best(lambda: json.dumps(data, ensure_ascii=False, indent=1), repeat)
    table.add(
        "timeline JSON dump",
        f"{size:,} events",
        f"{dumped * 1000:,.0f} ms",
        f"{bare_dump * 1000:,.0f} ms (json.dumps)",
        dumped / bare_dump,
        1.5,
    )
    loaded = best(lambda: loads_timeline(text, limits=BIG), repeat)
    bare_load = best(lambda: json.loads(text), repeat)
    table.add(
        "timeline JSON load",
        f"{size:,} events",
        f"{loaded * 1000:,.0f} ms",
        f"{bare_load * 1000:,.0f} ms (json.loads)",
        loaded / bare_load,
        1.5,
    )
    from backstretch._base.files import no_duplicate_keys

    realistic = dumps_timeline(compile_routine(realistic_routine(size), limits=BIG))
    loaded_realistic = best(lambda: loads_timeline(realistic, limits=BIG), repeat)
    bare_realistic = best(lambda: json.loads(realistic), repeat)
    table.add(
        "timeline JSON load, realistic",
        f"{len(json.loads(realistic)['events']):,} events",
        f"{loaded_realistic * 1000:,.0f} ms",
        f"{bare_realistic * 1000:,.0f} ms (json.loads)",
        loaded_realistic / bare_realistic,
        3,
    )
    strict = best(lambda: json.loads(text, object_pairs_hook=no_duplicate_keys), repeat)
    table.rows.append(
        (
            "  (floor: parse, duplicate keys refused)",
            f"{size:,} events",
            f"{strict * 1000:,.0f} ms",
            "",
            f"{strict / bare_load:.2f}x",
            "for reference",
        )
    )
    events = data["events"]

    kinds = {kind.value: kind for kind in Kind}
    roles = {role.value: role for role in Role}

    def objects_only() -> None:
        for e in events:
            Event(
                e["id"],
                e["start_ms"],
                e["duration_ms"],
                kinds[e["kind"]],
                e["text"],
                None,
                e["stretch"],
                role=roles[e["role"]],
                stretch_id=e["stretch_id"],
                rounds=tuple([Position(p["index"], p["count"]) for p in e["rounds"]]),
            )

    floor = best(objects_only, repeat)
    table.rows.append(
        (
            "  (floor: + Event objects alone)",
            f"{size:,} events",
            f"{floor * 1000:,.0f} ms",
            "",
            f"{floor / bare_load:.2f}x",
            "for reference",
        )
    )


def _kept_bytes(make: Callable[[], object]) -> tuple[int, int, object]:
    """The bytes still allocated after ``make()``, the peak while it ran, and what it made."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    made = make()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return after - before, peak - before, made


def bench_memory(table: Table, size: int) -> None:
    """Memory kept per event by a compiled timeline, against the same Events made directly (the
    timeline adds its indexes and shared values on top of them)."""
    cases = [
        ("memory per event (kept)", steps_routine(size - 3), lambda: events_directly(size)),
    ]
    realistic = realistic_routine(size)
    fields = recipe(compile_routine(realistic, limits=BIG))
    cases.append(("memory per event, realistic", realistic, lambda: make_from(_fresh(fields))))
    for what, routine, directly in cases:
        kept, peak, made = _kept_bytes(lambda routine=routine: compile_bench_full(routine))
        assert isinstance(made, Timeline)
        events = len(made.events)
        base, _, _ = _kept_bytes(directly)
        table.add(
            what,
            f"{events:,} events",
            f"{kept / events:.0f} bytes (peak {peak / events:.0f})",
            f"{base / events:.0f} bytes (the Events alone)",
            kept / base,
            1.5,
        )


def _copy(text: str) -> str:
    return (text + ".")[:-1]  # an equal string, made anew


def _fresh(fields: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The recipe with each event's own strings (its id, its text, its message's texts) made anew,
    as a program making the events itself would have them; names and templates stay shared."""
    copied = []
    for row in fields:
        message = row[14]
        if message is not None:
            key, params = message
            message = (key, tuple((k, _copy(v) if type(v) is str else v) for k, v in params))
        copied.append((_copy(row[0]), *row[1:4], _copy(row[4]), *row[5:14], message, row[15]))
    return copied


def compile_bench_full(routine: Routine) -> Timeline:
    """Compiled with the default cues (the realistic routine needs them to be realistic)."""
    cues = None if routine.title == "Realistic" else NO_CUES
    return compile_routine(routine, cues=cues, safety_note=None, limits=BIG)


def bench_import(table: Table, runs: int) -> None:
    code = (
        "import time; t0 = time.perf_counter(); import attrs, cattrs; t1 = time.perf_counter(); "
        "import backstretch; t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
    )
    # As an installed package is imported: from bytecode. One run first writes it (some machines
    # set PYTHONDONTWRITEBYTECODE, and then every import would compile the sources again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout
        base, ours = (float(x) for x in out.split())
        results.append((ours, base))
    ours, base = min(results)
    table.add(
        "import backstretch",
        "",
        f"{ours * 1000:.1f} ms on top",
        f"{base * 1000:.1f} ms (attrs + cattrs)",
        ours / base,
        0.6,
    )


def bench_seed(table: Table, repeat: int) -> None:
    routine = catalog.get("pilates-for-back-pain")
    taken = best(lambda: dumps_timeline(compile_routine(routine, conditions={"knee"})), repeat)
    table.rows.append(
        (
            "seed routine: compile + dump",
            "1 request",
            f"{taken * 1000:.2f} ms",
            f"{1 / taken:,.0f} requests/s on one core",
            "",
            "",
        )
    )
    # Fitting searches layout totals only (no cues, no events): a few measuring walks find the
    # water levels where the counts are right, arithmetic the level among them; then one compile.
    plain = best(lambda: compile_routine(routine), repeat)
    fitted = best(lambda: compile_routine(routine, fit_to="12m"), repeat)
    table.add(
        "seed routine: compile fitted to 12m",
        "1 request",
        f"{fitted * 1000:.1f} ms",
        f"{plain * 1000:.2f} ms unfitted",
        fitted / plain,
        3,
    )
    # Another language re-words every event after compiling (times untouched): a second pass
    # over the events and one more timeline check, so at most a few times one compile.
    german = best(lambda: compile_routine(routine, language="de"), repeat)
    table.add(
        "seed routine: compile in German",
        "1 request",
        f"{german * 1000:.2f} ms",
        f"{plain * 1000:.2f} ms in English",
        german / plain,
        4,
    )


def bench_program(table: Table, repeat: int) -> None:
    """A program's next session after a year of daily entries: the fold over the log (every
    progression step tried, the pain rule) and one compile, against that compile alone."""
    import datetime

    from backstretch import LogEntry, SessionLog, next_session

    program = catalog.program("knee-in-stages")
    start = datetime.datetime(2026, 1, 1, 9)
    log = SessionLog(
        LogEntry(start + datetime.timedelta(days=day), pain_after=day % 7, effort="easy")
        for day in range(365)
    )
    on = datetime.date(2027, 1, 2)
    taken = best(lambda: next_session(program, log, on=on, affected="left"), repeat)
    alone = best(lambda: compile_routine(catalog.get("knee-strength"), affected="left"), repeat)
    table.add(
        "program: next session after a year's log",
        "365 entries",
        f"{taken * 1000:.2f} ms",
        f"{alone * 1000:.2f} ms one compile",
        taken / alone,
        5,
    )


def growth_line(name: str, sizes: list[int], figures: list[float], unit: float, label: str) -> str:
    shown = ", ".join(f"{s:,}: {f * unit:.2f}" for s, f in zip(sizes, figures, strict=True))
    spread = max(figures) / min(figures)
    return f"{name} ({label}) by size: {shown}; largest / smallest = {spread:.2f}"


def bench_javascript(table: Table, size: int) -> None:
    """The JavaScript player module loading (and checking) a realistic timeline, against
    JSON.parse of the same text, in Node (the row says so where Node is missing)."""
    node = shutil.which("node")
    if node is None:
        table.rows.append(("JavaScript load, realistic", "", "node not installed", "", "", ""))
        return
    text = dumps_timeline(compile_routine(realistic_routine(size), limits=BIG))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "timeline.json"
        path.write_text(text, encoding="utf-8")
        script = Path(__file__).parent / "js_load.mjs"
        result = subprocess.run(
            [node, str(script), str(path)], capture_output=True, text=True, check=True
        )
    figures = json.loads(result.stdout)
    table.add(
        "JavaScript load, realistic",
        f"{figures['events']:,} events",
        f"{figures['load_ms']:,.0f} ms",
        f"{figures['parse_ms']:,.0f} ms (JSON.parse)",
        figures["load_ms"] / figures["parse_ms"],
        4,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes; check it runs")
    quick = parser.parse_args(argv).quick
    compile_sizes = [10, 1_000, 3_000] if quick else [10, 1_000, 100_000, 1_000_000]
    query_sizes = [1_000, 3_000] if quick else [1_000, 10_000, 100_000, 1_000_000]
    json_size = 3_000 if quick else 100_000

    print(f"backstretch benchmarks{' (quick)' if quick else ''}")
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.platform()}")
    print(f"processor: {platform.processor() or 'unknown'}")
    print()
    table = Table()
    compile_growth = bench_compile(table, compile_sizes, quick=quick)
    bench_realistic(table, [3_000] if quick else [10_000, 100_000])
    bench_checks(table, 3_000 if quick else 100_000)
    bench_exports(table, (300, 1_000) if quick else (3_000, 30_000))
    query_growth = bench_queries(table, query_sizes, 2_000 if quick else 20_000)
    bench_json(table, json_size)
    bench_javascript(table, json_size)
    bench_memory(table, json_size)
    bench_import(table, 3 if quick else 10)
    bench_seed(table, 5 if quick else 30)
    bench_program(table, 5 if quick else 20)
    table.print()
    print()
    large = [s for s in compile_sizes if s >= 1_000]
    print(growth_line("compile", large, compile_growth[-len(large) :], 1e6, "us/event"))
    for name, figures in query_growth.items():
        print(growth_line(name, query_sizes, figures, 1e9, "ns/query"))
    if quick:
        print("\nquick run: figures only; budgets are judged on the full run")
        return 0
    if table.missed:
        print(f"\nmissed budgets: {', '.join(table.missed)}")
        return 1
    print("\nevery budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
