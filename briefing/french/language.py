"""Is this text French? A stop-word count against spaCy's stop lists; no model, no download."""

from __future__ import annotations

import functools
import re

MIN_WORDS = 20  # below this, too few words to tell
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LANGUAGES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}


def guess(text: str) -> str | None:
    """The language code whose stop words the text uses most, or None if too short to tell."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    lists = _stop_lists()
    scores = {code: sum(w in stops for w in words) / len(words) for code, stops in lists.items()}
    return max(scores, key=scores.get)


def warning(text: str, source: str) -> str | None:
    """One line saying the text does not look French, or None if it does (or is too short)."""
    code = guess(text)
    if code is None or code == "fr":
        return None
    return f"{source}: the text looks {_LANGUAGES[code]}, not French; its facts may be wrong"


@functools.cache
def stop_words(code: str = "fr") -> frozenset[str]:
    """spaCy's stop words for a language, without loading spaCy.

    The list is a plain module of spaCy's language package. Loaded by path, it
    comes without its package's __init__, which would build that language's
    tokenizer: 2 s for seven languages, for a handful of word lists.
    """
    import importlib.util
    from pathlib import Path

    languages = Path(*importlib.util.find_spec("spacy").submodule_search_locations[:1]) / "lang"
    spec = importlib.util.spec_from_file_location(f"{__name__}._{code}", languages / code / "stop_words.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@functools.cache
def _stop_lists() -> dict[str, frozenset[str]]:
    lists = {code: stop_words(code) for code in _LANGUAGES}
    # Words common to French and another language say nothing about either.
    shared = set().union(*(lists["fr"] & stops for code, stops in lists.items() if code != "fr"))
    return {code: stops - shared for code, stops in lists.items()}
