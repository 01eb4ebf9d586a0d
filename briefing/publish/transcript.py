"""Transcripts of an episode, written beside its MP3, all from the same timing
data: plain text, WebVTT captions (one cue per sentence, timed from the
synthesized audio), Podcasting 2.0 JSON chapters, and an accessible HTML page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from briefing.config import Settings
from briefing.files import write_text
from briefing.models import Episode
from briefing.script.templating import environment, render


def plain_text(episode: Episode) -> str:
    """The spoken text in written French: one paragraph per segment, in order."""
    return "\n\n".join(segment.text for segment in episode.segments) + "\n"


def timestamp(ms: int) -> str:
    """WebVTT time: « 01:02:03.456 »."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _vtt_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(episode: Episode) -> str:
    """WebVTT captions: one cue per spoken sentence."""
    blocks = ["WEBVTT\nKind: captions\nLanguage: fr"]
    for number, cue in enumerate(episode.cues, start=1):
        blocks.append(f"{number}\n{timestamp(cue.start_ms)} --> {timestamp(cue.end_ms)}\n{_vtt_text(cue.text)}")
    return "\n\n".join(blocks) + "\n"


def chapters_json(episode: Episode) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0), times in seconds."""
    chapters = [
        {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
        for c in episode.chapters
    ]
    return json.dumps({"version": "1.2.0", "chapters": chapters}, ensure_ascii=False, indent=2) + "\n"


def html_page(episode: Episode, settings: Settings) -> str:
    """The episode's page: the audio with captions, chapters and the transcript."""
    env = environment(settings, html=True)
    chapters = []
    cues = list(episode.cues)
    for chapter in episode.chapters:
        inside = [c for c in cues if chapter.start_ms <= c.start_ms < chapter.end_ms]
        chapters.append({"chapter": chapter, "cues": inside})
    return render(
        env,
        "page.html.j2",
        {
            "episode": episode,
            "chapters": chapters,
            "mp3": episode.mp3.name,
            "vtt": episode.mp3.with_suffix(".vtt").name,
            "txt": episode.mp3.with_suffix(".txt").name,
            "timestamp": timestamp,
        },
    )


def render_all(episode: Episode, settings: Settings) -> dict[str, str]:
    """Every transcript of ``episode``, by file name, all rendered before any is
    written (a page template that fails leaves nothing half-done)."""
    stem = episode.mp3.stem
    return {
        f"{stem}.txt": plain_text(episode),
        f"{stem}.vtt": webvtt(episode),
        f"{stem}.chapters.json": chapters_json(episode),
        f"{stem}.html": html_page(episode, settings),
    }


def write(episode: Episode, settings: Settings, place: Callable[[str], Path] | None = None) -> list[Path]:
    """Write every transcript beside the MP3 (each atomically), or to where
    ``place`` says for its name (a staging folder); return their final paths."""
    folder = episode.mp3.parent
    written = []
    for name, text in render_all(episode, settings).items():
        write_text(place(name) if place else folder / name, text)
        written.append(folder / name)
    return written
