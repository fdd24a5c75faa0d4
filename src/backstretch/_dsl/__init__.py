"""The routine DSL: its nodes, the conditions vocabulary, whole-tree checks and bounds."""
