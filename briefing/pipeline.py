"""The stages wired in order: articles in, an episode and its transcript out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import facts, mix, script, site, sources, transcript, tts
from briefing.config import Settings
from briefing.models import Episode, Facts, Script

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Result:
    episode: Episode
    files: tuple[Path, ...]  # every file written: the MP3 first, then transcripts


def read_facts(source: str | Path, settings: Settings, warn: Progress = lambda _: None) -> Facts:
    """Read one article and extract its facts; warnings (not French…) go to ``warn``."""
    found = facts.extract(sources.read(source), today=settings.today, summary_sentences=settings.summary_sentences)
    for warning in found.warnings:
        warn(warning)
    return found


def _facts(inputs: Sequence[str | Path], settings: Settings, progress: Progress, warn: Progress) -> list[Facts]:
    facts_list = []
    for source in inputs:
        progress(f"reading {source}")
        facts_list.append(read_facts(source, settings, warn))
    return facts_list


def write_script(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, warn: Progress = lambda _: None
) -> Script:
    """Read and extract every input, then render the briefing's script. Nothing is written."""
    return script.render(_facts(inputs, settings, progress, warn), settings)


def make(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, warn: Progress = lambda _: None
) -> Result:
    """Make the briefing of ``inputs``. Every input is checked before any audio is made."""
    return produce(write_script(inputs, settings, progress, warn), settings, progress)


def read(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, warn: Progress = lambda _: None
) -> Result:
    """Make an episode that reads ``inputs`` in full, paragraph by paragraph."""
    return produce(script.render_reading(_facts(inputs, settings, progress, warn), settings), settings, progress)


def produce(the_script: Script, settings: Settings, progress: Progress = lambda _: None) -> Result:
    """Voice, mix and publish a script: the MP3, its transcripts, the folder's index."""
    engine = tts.get_engine(settings.engine, settings)
    progress(f"voicing {len(the_script.segments)} segments with {engine.name}")
    takes = tts.speak(the_script, engine)
    progress("mixing")
    episode = mix.assemble(takes, settings, title=the_script.title, stem=the_script.stem)
    files = (episode.mp3, *transcript.write(episode, settings), site.write_index(settings.output, settings))
    return Result(episode=episode, files=files)
