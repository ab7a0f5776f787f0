"""briefing-pages: news articles with structured front matter become a static site of briefings."""

__version__ = "0.1.0"
