"""The ``briefing`` command. It wires the stages together and reports; no logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from briefing import __version__, pipeline, tts
from briefing.config import Settings
from briefing.errors import BriefingError

app = typer.Typer(
    name="briefing",
    help="Turn French news articles into a spoken, podcast-style briefing.\n\n"
    "Example: briefing make examples/minsk-oreshnik.txt -o out/",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Turn French news articles into a spoken, podcast-style briefing."""


@app.command("make")
def make_command(
    articles: Annotated[list[Path], typer.Argument(help="Article files (UTF-8 or Windows-1252 plain text).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the MP3 and its transcript.")] = Path("out"),
    engine: Annotated[
        str, typer.Option("--engine", "-e", help="Voice: gtts (Google, online), espeak (offline) or auto (gtts when Google answers, else espeak).")
    ] = "auto",
    fallback: Annotated[
        Optional[str], typer.Option(help="Engine that voices a segment the main one fails on, e.g. espeak (auto always falls back to espeak).")
    ] = None,
    tld: Annotated[str, typer.Option(help="gtts accent, as Google's domain ending: fr (France), ca (Québec).")] = "fr",
    slow: Annotated[bool, typer.Option("--slow", help="gtts: read slowly.")] = False,
    workers: Annotated[int, typer.Option(help="gtts: requests sent at once.", min=1, max=16)] = 4,
    timeout: Annotated[float, typer.Option(help="gtts: seconds to wait to connect, and to read, per request.", min=0.1)] = 10.0,
    voice: Annotated[str, typer.Option(help="espeak: the voice's name.")] = "fr",
    rate: Annotated[int, typer.Option(help="espeak: speaking rate, in words per minute.", min=80, max=450)] = 160,
    cache_dir: Annotated[
        Optional[Path], typer.Option(help="Folder of voiced audio kept between runs (default: your cache folder, or $BRIEFING_CACHE_DIR).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Make every chunk again and keep nothing.")] = False,
    sentences: Annotated[int, typer.Option(help="Sentences of summary per story.", min=1, max=10)] = 3,
    show: Annotated[str, typer.Option(help="The show's name, spoken in the intro and outro.")] = "Le Briefing",
    templates: Annotated[
        Optional[Path], typer.Option(help="Folder of your own templates (intro.j2, story.j2, outro.j2), used before the built-in ones.")
    ] = None,
    bitrate: Annotated[str, typer.Option(help="MP3 bitrate (constant), e.g. 64k, 96k, 128k.")] = "64k",
    loudness: Annotated[float, typer.Option(help="Integrated loudness target in LUFS.", min=-30.0, max=-10.0)] = -16.0,
    cover: Annotated[Optional[Path], typer.Option(help="Cover image (PNG or JPEG) embedded in the MP3.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the paths written.")] = False,
) -> None:
    """Make a briefing MP3, its transcripts (.txt, .vtt, .html) and chapters (.chapters.json) from articles.

    Example: briefing make examples/minsk-oreshnik.txt -o out/ --engine gtts --tld ca
    """
    settings = Settings(
        engine=engine, fallback=fallback, voice=voice, words_per_minute=rate, summary_sentences=sentences,
        show=show, templates=templates, output=output, bitrate=_bitrate(bitrate), loudness_lufs=loudness, cover=cover,
        gtts_tld=tld, gtts_slow=slow, workers=workers, gtts_timeout=timeout, cache=not no_cache,
        **({"cache_dir": cache_dir} if cache_dir else {}),
    )
    progress = (lambda _: None) if quiet else _progress
    result = pipeline.make([str(a) for a in articles], settings, progress)
    if not quiet:
        seconds = result.episode.duration_ms / 1000
        _progress(f"done: {len(result.episode.chapters)} chapters, {int(seconds // 60)} min {seconds % 60:04.1f} s")
    for path in result.files:
        typer.echo(str(path))


def _bitrate(value: str) -> str:
    kbps = value.lower().removesuffix("k")
    if not kbps.isdigit() or int(kbps) not in (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320):
        raise typer.BadParameter(f"{value!r} is not an MP3 bitrate (32k to 320k, e.g. 64k)", param_hint="--bitrate")
    return f"{int(kbps)}k"


@app.command("engines")
def engines_command() -> None:
    """List the voice engines, whether each can speak right now, and their options.

    Example: briefing engines
    """
    rows = tts.statuses(Settings())
    width = max(len(row.name) for row in rows)
    usable = max(len(row.usable) for row in rows)
    for row in rows:
        typer.echo(f"{row.name:<{width}}  {row.usable:<{usable}}  {row.about}")
        typer.echo(f"{'':<{width}}  {'':<{usable}}  options: {row.options}")


def _progress(message: str) -> None:
    typer.echo(message, err=True)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2."""
    try:
        app()
    except BriefingError as exc:
        typer.echo(f"briefing: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("briefing: interrupted", err=True)
        sys.exit(130)
