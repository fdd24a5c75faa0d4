"""From a routine to its timeline: compiling, then localizing."""
