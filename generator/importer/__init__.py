"""Draft a briefing's front matter from a raw news article (`briefing import`), by rules alone."""
