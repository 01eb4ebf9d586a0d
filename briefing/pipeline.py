"""The stages wired in order: articles in, an episode and its transcript out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import facts, mix, script, sources, transcript, tts
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


def write_script(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, warn: Progress = lambda _: None
) -> Script:
    """Read and extract every input, then render the script. Nothing is written."""
    facts_list = []
    for source in inputs:
        progress(f"reading {source}")
        facts_list.append(read_facts(source, settings, warn))
    return script.render(facts_list, settings)


def make(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, warn: Progress = lambda _: None
) -> Result:
    """Make the briefing of ``inputs``. Every input is checked before any audio is made."""
    the_script = write_script(inputs, settings, progress, warn)
    engine = tts.get_engine(settings.engine, settings)
    progress(f"voicing {len(the_script.segments)} segments with {engine.name}")
    takes = tts.speak(the_script, engine)
    progress("mixing")
    episode = mix.assemble(takes, settings)
    return Result(episode=episode, files=(episode.mp3, *transcript.write(episode)))
