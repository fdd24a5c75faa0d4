"""Front ends that play a timeline in a terminal."""
