"""The settings of briefing, one declaration each.

Read top to bottom, this is the whole of what a user can set: in
``briefing.toml`` (the key), on the command line (the flag, for the commands
named), or both.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from briefing.option import Option
from briefing.tts import registry

# Commands that take a flag.
EPISODE = ("make", "read")  # make an episode
SCRIPTED = ("make", "read", "script")  # render a script
READING = ("make", "read", "script", "facts")  # read articles


def default_cache_dir() -> Path:
    """$BRIEFING_CACHE_DIR, else the user's cache folder (``~/.cache/briefing`` on Linux)."""
    return Path(os.environ.get("BRIEFING_CACHE_DIR") or platformdirs.user_cache_path("briefing"))


MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


def bitrate(value: str) -> str:
    """« 64k », « 64 », « 64K » → « 64k »; ValueError for a rate MP3 does not have."""
    kbps = str(value).strip().lower().removesuffix("k")
    if not kbps.isdigit() or int(kbps) not in MP3_BITRATES:
        raise ValueError(f"{value!r} is not an MP3 bitrate (32k to 320k, e.g. 64k)")
    return f"{int(kbps)}k"


def redis_url(value: str) -> str:
    """A Redis address as Celery takes it (redis://[:password@]host:port/db, or rediss:// over TLS)."""
    if not value.lower().startswith(("redis://", "rediss://")):
        raise ValueError(f"must be a redis:// URL (e.g. redis://127.0.0.1:6379/0), not {value!r}")
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _email(value: str) -> str:
    if value and ("@" not in value or " " in value):
        raise ValueError(f"is not an e-mail address: {value!r}")
    return value


def _url(value: str) -> str:
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError(f"must be an http:// or https:// URL, not {value!r}")
    return value if value.endswith("/") else value + "/"


def _language(value: str) -> str:
    from briefing.resources import resource_dir

    available = sorted(p.name for p in resource_dir("templates").iterdir() if p.is_dir())
    if value not in available:
        raise ValueError(f"no briefing templates for {value!r} (available: {', '.join(available)})")
    return value


def _engine(value: str) -> str:
    if value not in registry.choices():
        raise ValueError(f"unknown voice engine {value!r} (known: {', '.join(registry.choices())})")
    return value


def _fallback(value: str) -> str | None:
    if value != registry.NONE and value not in registry.names():
        raise ValueError(f"unknown voice engine {value!r} (known: {registry.NONE}, {', '.join(registry.names())})")
    return None if value == registry.NONE else value


def _image(value: Path) -> Path:
    from briefing.errors import InputError
    from briefing.files import not_regular

    if value.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        raise ValueError(f"must be a .jpg or .png image, not {str(value)!r}")
    problem = not_regular(value)
    if problem:
        raise InputError(str(value), problem)  # the file is at fault, as it says, not the setting
    return value


OPTIONS: tuple[Option, ...] = (
    # [show]: the podcast
    Option("show", str, "Le Briefing", "The show's name, said in the intro and outro.", key="show.title",
           flag="--show", metavar="NAME", check=_not_empty, commands=SCRIPTED, parts=("script", "mix", "publish")),
    Option("description", str, "Les nouvelles du jour, lues en français.", "The podcast's description in its feed.",
           key="show.description", parts=("publish",)),
    Option("author", str, None, "The podcast's author (itunes:author) and the MP3's artist.", key="show.author",
           optional=True, shown="the show's name", sample="Camille Martin", parts=("publish",)),
    Option("email", str, "", "The owner's e-mail (itunes:owner, podcast:locked).", key="show.email", check=_email,
           sample="vous@example.org", parts=("publish",)),
    Option("language", str, "fr", "The language of the scripts and of the feed.", key="show.language",
           check=_language, parts=("script", "voice", "publish")),
    Option("cover", Path, None, "Cover art (a square PNG or JPEG, 1400 px or more) for the MP3 and the feed.",
           key="show.cover", flag="--cover", metavar="FILE", optional=True, path=True, check=_image, shown="built-in",
           sample="cover.jpg", commands=EPISODE, parts=("publish",)),
    Option("locked", bool, True, "podcast:locked: other platforms may not import the feed.", key="show.locked",
           parts=("publish",)),
    Option("templates", Path, None, "A folder of your own templates (intro.j2, story.j2, outro.j2, page.html.j2), "
           "used before the built-in ones.", key="show.templates", flag="--templates", metavar="DIR", optional=True,
           path=True, sample="my-templates", commands=(*SCRIPTED, "templates"), parts=("script", "publish")),
    # [feed]: where the episodes go
    Option("base_url", str, "http://127.0.0.1:8000/", "Where the output folder is published (briefing serve's "
           "address on your network, for a phone): the feed's links start with it.", key="feed.base_url",
           check=_url, parts=("publish",)),
    Option("output", Path, Path("out"), "The folder for the episodes, their transcripts, the index page and "
           "feed.xml.", key="feed.output", flag="--output", short="-o", metavar="DIR", path=True, commands=EPISODE,
           parts=("mix", "publish", "daily")),
    Option("keep_episodes", int, 30, "Episodes kept in the feed; older ones and their files are removed.",
           key="feed.keep", low=1, high=10_000, parts=("daily",)),
    # [voice]: who speaks
    Option("engine", str, registry.AUTO, f"Voice: {', '.join(f'{v.name} ({v.about})' for v in map(registry.voice, registry.names()))}, "
           f"or {registry.AUTO}: {registry.describe_auto()}.", key="voice.engine", flag="--engine", short="-e",
           metavar="NAME", check=_engine, commands=EPISODE, parts=("voice",)),
    Option("fallback", str, None, "The voice that speaks a segment the engine fails on (after its retries), "
           f"instead of stopping; {registry.AUTO} always falls back on {registry.offline_default().name}.",
           key="voice.fallback", flag="--fallback", metavar="NAME", optional=True, check=_fallback,
           sample=registry.offline_default().name, commands=EPISODE, parts=("voice",)),
    Option("voice", str, None, "The voice's name: espeak's (fr), or kokoro's (jm_kumo; with a voices file, one "
           "of its voices, e.g. ff_siwis).", key="voice.name", flag="--voice", metavar="NAME", optional=True,
           shown="the engine's own", sample="fr", commands=EPISODE, parts=("voice",)),
    Option("rate", float, 1.0, "Speech speed, 0.5 (half) to 2.0 (double), the pitch unchanged; the captions "
           "follow.", key="voice.rate", flag="--rate", metavar="R", low=0.5, high=2.0, commands=EPISODE,
           parts=("voice", "script")),
    Option("workers", int, 4, "Chunks voiced at once: gtts's requests, kokoro's processes (one per core at the "
           "most).", key="voice.workers", flag="--workers", low=1, high=16, commands=EPISODE, parts=("voice",)),
    Option("cache", bool, True, "Keep voiced audio and articles' facts between runs, so nothing is made twice.",
           flag_help="Make every piece of audio and every article's facts again, and keep none of them.",
           key="voice.cache", flag="--no-cache",
           commands=EPISODE, parts=("facts", "script", "voice", "mix", "publish")),
    Option("cache_dir", Path, default_cache_dir, "The cache folder ($BRIEFING_CACHE_DIR also sets it).",
           key="voice.cache_dir", flag="--cache-dir", metavar="DIR", path=True, shown="your cache folder",
           sample="cache", commands=(*EPISODE, "cache"), parts=("facts", "script", "voice", "mix", "publish")),
    Option("cache_max_mb", int, 1000, "The cache folder's size limit in MB; what no run has used for longest "
           "goes first.", key="voice.cache_max_mb", low=10, high=1_000_000, parts=("voice",)),
    # [audio]: the MP3
    Option("bitrate", str, "64k", "MP3 bitrate (constant), 32k to 320k.", key="audio.bitrate", flag="--bitrate",
           metavar="RATE", check=bitrate, commands=EPISODE, parts=("mix",)),
    Option("loudness_lufs", float, -16.0, "Integrated loudness target in LUFS (-30 to -10); true peaks stay under "
           "-1 dBTP.", key="audio.loudness", flag="--loudness", metavar="LUFS", low=-30, high=-10, commands=EPISODE,
           parts=("mix",)),
    # [stories]: what is told
    Option("sources", tuple, (), "Text or HTML files, folders of them, article URLs, RSS/Atom feed files or "
           "URLs (briefing daily).", key="stories.sources", path=True, starter=["articles/"], parts=("daily",)),
    Option("max_stories", int, 8, "Stories per episode at most.", key="stories.max", low=1, high=50,
           parts=("daily",)),
    Option("minutes", float, None, "The length to aim at, in minutes: each story's summary gets as many sentences "
           "(up to sentences) as brings the briefing closest, within 10 %; the last stories are left out when even "
           "one sentence each is too long.", key="stories.minutes", flag="--minutes", low=0.5, high=180,
           optional=True, starter=10, aliases=("stories.target_minutes",), commands=("make",), parts=("daily",)),
    Option("summary_sentences", int, 3, "Summary sentences per story (at most, with minutes), 1 to 10.",
           key="stories.sentences", flag="--sentences", low=1, high=10, commands=("make", "script"),
           parts=("facts",)),
    Option("download_timeout", float, 30.0, "Seconds a URL's download may take in all, however slowly the server "
           "sends it; a slower source is skipped.", key="stories.download_timeout", flag="--download-timeout",
           metavar="S", low=0.1, high=600, commands=READING, parts=("sources",)),
    # [cluster]: briefing editions on many machines
    Option("broker", str, None, "briefing editions: make them on the Celery workers of this Redis "
           "(pip install 'briefing[cluster]'); none: on this machine.", key="cluster.broker", optional=True,
           check=redis_url, sample="redis://127.0.0.1:6379/0", parts=("daily",)),
)

# Settings no one sets from a file or a flag: constants of the run, and the
# environment's.
INTERNAL: tuple[Option, ...] = (
    Option("pause_ms", int, 700, "Silence around the sting between stories, in ms.", parts=("mix",)),
    Option("sample_rate", int, 44100, "The episode's sample rate.", parts=("mix",)),
    Option("true_peak_dbtp", float, -1.0, "The highest true peak allowed, in dBTP.", parts=("mix",)),
)
