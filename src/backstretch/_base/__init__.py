"""Leaves of the house: time, kinds and roles, text safety, limits, files, memos."""
