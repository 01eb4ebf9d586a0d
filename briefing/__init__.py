"""briefing: French news articles in, a spoken podcast-style briefing out."""

__version__ = "0.1.0"
