"""Sphinx configuration: MyST Markdown pages, the furo theme, API pages from the docstrings.

Build: ``sphinx-build -W --keep-going -b html docs build/docs`` (warnings are errors; CI runs it).
"""

from __future__ import annotations

import importlib.metadata

project = "backstretch"
author = "The backstretch developers"
copyright = "2026, the backstretch developers"
release = importlib.metadata.version("backstretch")
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": False}

html_theme = "furo"
html_title = "backstretch"
