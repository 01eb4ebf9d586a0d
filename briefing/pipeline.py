"""The stages wired in order: articles in, an episode and its transcript out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import facts, mix, script, sources, transcript, tts
from briefing.config import Settings
from briefing.models import Episode, Script
from briefing.tts.probe import Probe, reachable

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Result:
    episode: Episode
    files: tuple[Path, ...]  # every file written: the MP3 first, then transcripts


def write_script(inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None) -> Script:
    """Read and extract every input, then render the script. Nothing is written."""
    facts_list = []
    for source in inputs:
        progress(f"reading {source}")
        facts_list.append(facts.extract(sources.read(source), settings.summary_sentences))
    return script.render(facts_list, settings)


def make(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, probe: Probe = reachable
) -> Result:
    """Make the briefing of ``inputs``. Every input is checked before any audio is made.

    ``probe`` tells whether Google's voice answers (asked at most once).
    """
    the_script = write_script(inputs, settings, progress)
    cache = tts.open_cache(settings)
    voices = tts.choose(settings, the_script.segments, cache, probe, progress)
    takes = tts.speak(the_script, voices, cache, progress)
    progress("mixing")
    episode = mix.assemble(takes, settings)
    return Result(episode=episode, files=(episode.mp3, *transcript.write(episode, settings)))
