"""Every ```python block in README.md and docs/*.md runs as a test (Sybil), page by page in one
namespace, like a reader's session, inside a fresh temporary folder so files it writes go there."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser


def _enter_a_temporary_folder(namespace: dict[str, Any]) -> None:
    namespace["__folder"] = tempfile.TemporaryDirectory(prefix="backstretch-docs-")
    namespace["__cwd"] = os.getcwd()
    os.chdir(namespace["__folder"].name)


def _leave_it(namespace: dict[str, Any]) -> None:
    os.chdir(namespace["__cwd"])
    namespace["__folder"].cleanup()


pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser()],
    patterns=["README.md", "*.md"],
    setup=_enter_a_temporary_folder,
    teardown=_leave_it,
    excludes=["CHANGELOG.md"],
).pytest()
