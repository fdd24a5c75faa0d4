"""Programs: sessions over days and weeks, progression, the pain rule, the schedule and the next
session (above the compiler)."""
