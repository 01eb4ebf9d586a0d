"""Transcripts of an episode, written beside its MP3, all from the same timing
data: plain text, WebVTT captions (one cue per sentence, timed from the
synthesized audio), Podcasting 2.0 JSON chapters, and an accessible HTML page."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.config import Settings
from briefing.files import write_text
from briefing.models import Episode
from briefing.templating import environment, render


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


def write(episode: Episode, settings: Settings) -> list[Path]:
    """Write every transcript beside the MP3; return their paths."""
    base = episode.mp3.with_suffix("")
    files = {
        base.with_suffix(".txt"): plain_text(episode),
        base.with_suffix(".vtt"): webvtt(episode),
        Path(f"{base}.chapters.json"): chapters_json(episode),
        base.with_suffix(".html"): html_page(episode, settings),
    }
    for path, text in files.items():
        write_text(path, text)
    return list(files)
