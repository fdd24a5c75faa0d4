"""A routine written in TOML, loaded, checked and compiled; its schedule printed per stretch.

Run it: ``python examples/toml_routine.py [path/to/routine.toml]`` (default: neck_release.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

from backstretch import DocumentError, compile_routine, format_ms, load_routine

HERE = Path(__file__).parent


def main(path: Path) -> int:
    try:
        routine = load_routine(path)  # every problem at once, each at a $.path
    except DocumentError as error:
        for problem in error.problems:
            print(f"{path}: {problem}", file=sys.stderr)
        return 1
    timeline = compile_routine(routine)
    print(f"{routine.title}: {format_ms(timeline.total_ms)}")
    for chapter in timeline.chapters:
        length = format_ms(chapter.duration_ms)
        print(f"  {format_ms(chapter.start_ms):>5}  {chapter.title} ({length})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "neck_release.toml"))
