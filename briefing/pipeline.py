"""The stages wired in order: articles in, an episode and its transcript out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import cachedir, tts

from briefing.facts import cache as factcache
from briefing.facts import nlp

from briefing import length

from briefing.mix import assemble as mix

from briefing.script import render as script

from briefing.publish import id3, site

from briefing.sources import articles as sources

from briefing.publish import staging

from briefing.publish import state

from briefing.publish import transcript
from briefing.config import Settings
from briefing.sources.fetch import Fetch, HttpFetch
from briefing.files import check_writable_folder
from briefing.models import Article, Episode, Facts, Script, Take
from briefing.tts.probe import Probe, reachable

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Result:
    episode: Episode
    files: tuple[Path, ...]  # every file written: the MP3 first, then transcripts


def _facts(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress, fetch: Fetch | None, warn: Progress
) -> list[Facts]:
    articles = sources.load(inputs, fetch or HttpFetch(deadline=settings.download_timeout), progress)
    return [extract(article, settings, warn) for article in articles]


def extract(article: Article, settings: Settings, warn: Progress = lambda _: None) -> Facts:
    """One article's facts, its dates resolved against the run's date if it has none;
    warnings (not French…) go to ``warn``."""
    found = factcache.extract(
        article, today=settings.today, summary_sentences=settings.summary_sentences, store=factcache.store_for(settings.part("facts"))
    )
    for warning in found.warnings:
        warn(warning)
    return found


def read_facts(
    inputs: Sequence[str | Path], settings: Settings, fetch: Fetch | None = None, warn: Progress = lambda _: None
) -> list[Facts]:
    """The facts of every input (``briefing facts``). Nothing is written."""
    return _facts(inputs, settings, lambda _: None, fetch, warn)


def write_script(
    inputs: Sequence[str | Path],
    settings: Settings,
    progress: Progress = lambda _: None,
    fetch: Fetch | None = None,
    warn: Progress = lambda _: None,
) -> Script:
    """Read and extract every input, then render the briefing's script. Nothing is written."""
    return script.render(_facts(inputs, settings, progress, fetch, warn), settings.part("script"))


def make(
    inputs: Sequence[str | Path],
    settings: Settings,
    progress: Progress = lambda _: None,
    fetch: Fetch | None = None,
    probe: Probe = reachable,
    warn: Progress = lambda _: None,
    minutes: float | None = None,
) -> Result:
    """Make the briefing of ``inputs``. Every input is checked before any audio is made.

    With ``minutes`` (by default, the settings'), each story's summary is as long as brings the briefing
    closest to that length, for the voice that will speak it. The output
    folder is checked first: a folder that cannot be written stops the run
    before any work.
    """
    check_writable_folder(settings.output)
    minutes = settings.minutes if minutes is None else minutes
    if minutes is None:
        return produce(write_script(inputs, settings, progress, fetch, warn), settings, progress, probe, warn=warn)
    articles = sources.load(inputs, fetch or HttpFetch(deadline=settings.download_timeout), progress)
    voices = choose_voices(settings, probe, progress)
    told = fit(articles, settings, voices.engine.name, minutes, warn)
    return produce(script.render(told, settings.part("script")), settings, progress, probe, voices, warn=warn)


def choose_voices(settings: Settings, probe: Probe = reachable, progress: Progress = lambda _: None) -> tts.Voices:
    """The run's voices, chosen before the script is written (to size it for them)."""
    return tts.choose(settings.part("voice"), (), tts.open_cache(settings.part("voice")), probe, progress)


def fit(
    articles: Sequence[Article],
    settings: Settings,
    engine: str,
    minutes: float,
    warn: Progress = lambda _: None,
    most: int = length.MAX_SENTENCES,
) -> list[Facts]:
    """The articles' facts, their summaries sized (``most`` sentences at the
    most) so the briefing lasts about ``minutes``."""

    parsed: list[Facts] = []

    def extract_all(sentences: int) -> list[Facts]:
        # Each article is parsed once, at the longest summary; only the summary depends on its length.
        if not parsed:
            longest = replace(settings, summary_sentences=most)
            parsed.extend(extract(article, longest, warn) for article in articles)
        return [found if sentences == most else factcache.sized(found, sentences) for found in parsed]

    return length.fit(extract_all, lambda told: script.render(told, settings.part("script")), engine, minutes, settings, most)


def read(
    inputs: Sequence[str | Path],
    settings: Settings,
    progress: Progress = lambda _: None,
    fetch: Fetch | None = None,
    probe: Probe = reachable,
    warn: Progress = lambda _: None,
) -> Result:
    """Make an episode that reads ``inputs`` in full, paragraph by paragraph."""
    check_writable_folder(settings.output)
    the_script = script.render_reading(_facts(inputs, settings, progress, fetch, warn), settings.part("script"))
    return produce(the_script, settings, progress, probe, warn=warn)


def produce(
    the_script: Script,
    settings: Settings,
    progress: Progress = lambda _: None,
    probe: Probe = reachable,
    voices: tts.Voices | None = None,
    warn: Progress = lambda _: None,
) -> Result:
    """Voice, mix and publish a script: the MP3, its transcripts, the folder's index.

    ``probe`` tells whether Google's voice answers (asked at most once, and
    not at all when every chunk is in the cache), unless ``voices`` are given.

    The episode's files are all made out of sight, then put in place
    together (``briefing.staging``). A file name that an episode of the
    folder's feed has, or had, is never written again: the script gets a free one.
    """
    folder = settings.output
    check_writable_folder(folder)
    staging.recover(folder)
    the_script = _unpublished(the_script, folder, warn)
    cache = tts.open_cache(settings.part("voice"))
    takes = voice(the_script, settings, progress, probe, voices, cache)
    with staging.Staging(folder) as staged:
        episode = stage(takes, the_script, settings, staged, progress)
        files = staged.commit()
    files.append(site.write_index(folder, settings.part("publish")))
    prune_cache(settings, cache)
    return Result(episode=episode, files=tuple(files))


def voice(
    the_script: Script,
    settings: Settings,
    progress: Progress = lambda _: None,
    probe: Probe = reachable,
    voices: tts.Voices | None = None,
    cache: tts.Cache | None = None,
) -> list[Take]:
    """One take per segment of the script, through ``cache``; the voices' speaking rates recorded.

    A voice that holds much memory while it speaks (kokoro's worker processes)
    is given the language model's: the run is done reading.
    """
    voices = voices or tts.choose(settings.part("voice"), the_script.segments, cache, probe, progress)
    if tts.needs_room(voices, the_script.segments, cache):
        nlp.release()
    takes = tts.speak(the_script, voices, cache, progress, settings.rate)
    length.record(takes, settings)
    return takes


def stage(takes: Sequence[Take], the_script: Script, settings: Settings, staged: staging.Staging,
          progress: Progress = lambda _: None) -> Episode:
    """The episode mixed and encoded, with its transcripts, into ``staged`` (nothing is in place yet)."""
    progress("mixing")
    into = staged.path(f"{the_script.stem}.mp3")
    episode = mix.assemble(takes, settings.part("mix"), title=the_script.title, stem=the_script.stem, into=into)
    id3.write(into, episode, settings.part("publish"))
    transcript.write(episode, settings.part("publish"), staged.path)
    return episode


def prune_cache(settings: Settings, cache: tts.Cache | None) -> None:
    """Bring the cache folder back under its limit, when ``cache`` grew."""
    if cache is not None and cache.added:
        cachedir.prune(settings.cache_dir, settings.cache_max_mb * 1_000_000)


def _unpublished(the_script: Script, folder: Path, warn: Progress) -> Script:
    """The script, under another name if its own is a published episode's in ``folder``'s feed."""
    if not (folder / state.STATE_NAME).exists():
        return the_script
    used = state.load(folder).used_stems
    if the_script.stem not in used:
        return the_script
    stem = state.free_stem(the_script.stem, used)
    warn(f"{folder / the_script.stem}.mp3 is an episode of the podcast feed in {folder}, never replaced: "
         f"this one is {stem}.mp3")
    return replace(the_script, stem=stem)
