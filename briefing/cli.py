"""The ``briefing`` command. It wires the stages together and reports; no logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from briefing import __version__, factsheet, pipeline
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
    engine: Annotated[str, typer.Option("--engine", "-e", help="Voice engine: espeak (offline).")] = "espeak",
    voice: Annotated[str, typer.Option(help="The engine's voice name.")] = "fr",
    rate: Annotated[int, typer.Option(help="Speaking rate of the offline voice, in words per minute.", min=80, max=450)] = 160,
    sentences: Annotated[int, typer.Option(help="Sentences of summary per story.", min=1, max=10)] = 3,
    show: Annotated[str, typer.Option(help="The show's name, spoken in the intro and outro.")] = "Le Briefing",
    templates: Annotated[
        Optional[Path], typer.Option(help="Folder of your own templates (intro.j2, story.j2, outro.j2), used before the built-in ones.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the paths written.")] = False,
) -> None:
    """Make a briefing MP3 and its transcript from one or more articles.

    Example: briefing make examples/minsk-oreshnik.txt -o out/
    """
    settings = Settings(
        engine=engine, voice=voice, words_per_minute=rate, summary_sentences=sentences,
        show=show, templates=templates, output=output,
    )
    progress = (lambda _: None) if quiet else _progress
    result = pipeline.make([str(a) for a in articles], settings, progress, warn=_warn)
    if not quiet:
        seconds = result.episode.duration_ms / 1000
        _progress(f"done: {len(result.episode.chapters)} chapters, {int(seconds // 60)} min {seconds % 60:04.1f} s")
    for path in result.files:
        typer.echo(str(path))


@app.command("facts")
def facts_command(
    article: Annotated[Path, typer.Argument(help="An article file (UTF-8 or Windows-1252 plain text).", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the facts as JSON (dates in ISO 8601).")] = False,
) -> None:
    """Show the key facts of an article: headline, summary, people, places, dates, quotes…

    Example: briefing facts examples/minsk-oreshnik.txt --json
    """
    found = pipeline.read_facts(str(article), Settings(), warn=_warn)
    typer.echo(factsheet.to_json(found) if as_json else factsheet.to_text(found))


def _warn(message: str) -> None:
    typer.echo(f"briefing: warning: {message}", err=True)


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
