"""The benchmark script still runs (its quick mode): no timed assertions here, only that every
figure is printed. The budgets are judged by a full run, reported in docs/performance.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "bench" / "run.py"


def test_the_benchmark_runs_and_prints_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert (0, "") == (result.returncode, result.stderr)
    out = result.stdout
    for measure in [
        "compile ",
        "compile (realistic)",
        "timeline checks (realistic)",
        "Timeline.at()",
        "Timeline.cues_between()",
        "timeline JSON dump",
        "timeline JSON load",
        "timeline JSON load, realistic",
        "JavaScript load, realistic",
        "memory per event (kept)",
        "memory per event, realistic",
        "import backstretch",
        "seed routine: compile + dump",
        "seed routine: compile fitted to 12m",
        "seed routine: compile in German",
        "compile (us/event) by size:",
        "at (ns/query) by size:",
    ]:
        assert measure in out, measure
    assert out.rstrip().endswith("quick run: figures only; budgets are judged on the full run")
