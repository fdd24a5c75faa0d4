"""Routine documents: JSON, TOML and YAML through one cattrs converter."""
