"""What players read: the message table, Event and Timeline with their rules, and the timeline
JSON codec."""
