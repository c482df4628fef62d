"""Text: a Document becomes sentences and segments, and each segment the text the engine is
given; every source character is accounted for (spoken or dropped)."""
