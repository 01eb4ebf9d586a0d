"""The stages wired in order: articles in, an episode and its transcript out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import facts, mix, script, sources, transcript, tts
from briefing.config import Settings
from briefing.fetch import Fetch, HttpFetch
from briefing.models import Episode, Facts, Script

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Result:
    episode: Episode
    files: tuple[Path, ...]  # every file written: the MP3 first, then transcripts


def write_script(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, fetch: Fetch | None = None
) -> Script:
    """Read and extract every input, then render the script. Nothing is written."""
    articles = sources.load(inputs, fetch or HttpFetch(), progress)
    return script.render([facts.extract(a, settings.summary_sentences) for a in articles], settings)


def make(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress = lambda _: None, fetch: Fetch | None = None
) -> Result:
    """Make the briefing of ``inputs``. Every input is checked before any audio is made."""
    return voice(write_script(inputs, settings, progress, fetch), settings, progress)


def make_from_facts(facts_list: Sequence[Facts], settings: Settings, progress: Progress = lambda _: None) -> Result:
    """Make the briefing of stories already read and extracted (``briefing daily``)."""
    return voice(script.render(facts_list, settings), settings, progress)


def voice(the_script: Script, settings: Settings, progress: Progress = lambda _: None) -> Result:
    """Speak, mix and write a script: the MP3 and its transcripts."""
    engine = tts.get_engine(settings.engine, settings)
    progress(f"voicing {len(the_script.segments)} segments with {engine.name}")
    takes = tts.speak(the_script, engine)
    progress("mixing")
    episode = mix.assemble(takes, settings)
    return Result(episode=episode, files=(episode.mp3, *transcript.write(episode, settings)))
