"""The ``briefing`` command. It wires the stages together and reports; no logic of its own."""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Optional

import click
import typer
from typer.core import TyperGroup

# numpy's OpenBLAS on one thread: its thread per core would spin at start-up,
# on the cores the mix needs (20 ms a run); the mix is FFTs, threaded by
# briefing.cores, and spaCy's parse keeps to one BLAS thread anyway
# (briefing.facts.nlp). Set before the modules below load numpy; a setting in
# the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from briefing import __version__, pipeline
from briefing import config as config_module
from briefing.config import Settings
from briefing.errors import BriefingError, shown
from briefing.sources.fetch import HttpFetch
from briefing.config.flags import flags_of
from briefing.files import read_regular, write_text
from briefing.script.templating import available
from briefing.tts import registry

class _Commands(TyperGroup):
    """The commands, with a user's error as one line on standard error and its
    exit code (2): the same whether run as ``briefing`` or by a test's ``CliRunner``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            typer.echo(f"briefing: error: {exc}", err=True)
            raise click.exceptions.Exit(exc.exit_code) from None


app = typer.Typer(
    name="briefing",
    cls=_Commands,
    help="Turn French news articles into a spoken, podcast-style briefing.\n\n"
    "Example: briefing make examples/minsk-oreshnik.txt -o out/\n\n"
    "Every morning: briefing init, edit briefing.toml, then briefing daily and briefing serve.",
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


# What every command that reads articles or makes an episode takes besides the settings.
Articles = Annotated[list[str], typer.Argument(
    help="Articles: text or HTML files, folders of them, http(s) article URLs, RSS/Atom feed files or URLs.",
    show_default=False,
)]
ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", "-c", help="The configuration file (default: ./briefing.toml if it exists); flags override it.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the paths written.")]


@app.command("make")
@flags_of("make")
def make_command(articles: Articles, config: ConfigOption = None, quiet: Quiet = False, *, flags: dict[str, Any]) -> None:
    """Make a briefing: an MP3, its transcripts (.txt, .vtt, .html) and chapters, from articles.

    Example: briefing make examples/minsk-oreshnik.txt -o out/
    """
    settings = config_module.load(config, flags)
    _report(pipeline.make(articles, settings, _progress_for(quiet), fetch=_fetch(settings), warn=_warn, minutes=settings.minutes), quiet)


@app.command("read")
@flags_of("read")
def read_command(articles: Articles, config: ConfigOption = None, quiet: Quiet = False, *, flags: dict[str, Any]) -> None:
    """Read whole articles aloud: every paragraph, one chapter per part, with transcripts.

    Example: briefing read examples/minsk-oreshnik.txt --rate 0.8 -o out/
    """
    settings = config_module.load(config, flags)
    _report(pipeline.read(articles, settings, _progress_for(quiet), fetch=_fetch(settings), warn=_warn), quiet)


@app.command("script")
@flags_of("script")
def script_command(
    articles: Articles,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: each segment with its lines, written and spoken.")] = False,
    written: Annotated[bool, typer.Option(help="Print the text as the transcript shows it, not as the voice gets it.")] = False,
    *,
    flags: dict[str, Any],
) -> None:
    """Print exactly what will be spoken, segment by segment, without making any audio.

    Example: briefing script examples/minsk-oreshnik.txt
    """
    settings = config_module.load(config, flags)
    the_script = pipeline.write_script(articles, settings, fetch=_fetch(settings), warn=_warn)
    if as_json:
        typer.echo(json.dumps(_script_json(the_script), ensure_ascii=False, indent=2))
        return
    for segment in the_script.segments:
        typer.echo(f"## {segment.title}\n")
        typer.echo((segment.text if written else segment.spoken) + "\n")


def _script_json(the_script) -> dict:
    return {
        "title": the_script.title,
        "date": the_script.date.isoformat(),
        "segments": [
            {"kind": s.kind, "title": s.title, "lines": [{"text": l.text, "spoken": l.spoken} for l in s.lines]}
            for s in the_script.segments
        ],
    }


@app.command("templates")
@flags_of("templates")
def templates_command(
    config: ConfigOption = None,
    show_name: Annotated[Optional[str], typer.Option("--show", help="Print one template's source, e.g. story.j2.")] = None,
    list_them: Annotated[bool, typer.Option("--list", help="List the templates and the file used for each (the default).")] = False,
    *,
    flags: dict[str, Any],
) -> None:
    """List the briefing templates (and which file is used for each), or print one.

    Example: briefing templates --show story.j2 > mine/story.j2
    """
    settings = config_module.load(config, flags)
    templates = settings.templates
    found = available(templates, settings.language)
    if show_name is None or list_them:
        for name, path in found.items():
            origin = "yours" if templates and path.parent == templates else "built-in"
            typer.echo(f"{name:16} {origin:8} {path}")
        return
    name = show_name if show_name.endswith(".j2") else f"{show_name}.j2"
    if name not in found:
        raise BriefingError(f"no template named {show_name!r} (known: {', '.join(found)})")
    typer.echo(read_regular(found[name]).decode("utf-8", errors="replace"), nl=False)


@app.command("daily")
def daily_command(
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the paths written (and skipped sources).")] = False,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Make the episode of that day instead of today's (a catch-up run): dated and titled for it.",
    )] = None,
) -> None:
    """Make today's episode from the sources in briefing.toml and add it to the podcast feed.

    Stories told in an earlier episode are left out. A source that fails is
    reported and skipped; the run fails (exit 2) only when no story is left.
    A second episode the same day is titled with its hour (« édition de 18 h »).

    Example: briefing daily --config ~/briefing/briefing.toml
    """
    settings = config_module.load(config)
    if date is not None:
        settings = replace(settings, now=config_module.on_date(settings.now, date))
    from briefing.daily import run as daily

    done = daily.run(settings, _fetch(settings), _progress_for(quiet), warn=_warn)
    if not quiet:
        seconds = done.result.episode.duration_ms / 1000
        _progress(f"done: {len(done.stories)} stories, {int(seconds // 60)} min {seconds % 60:04.1f} s")
    for path in (*done.result.files, done.feed):
        typer.echo(str(path))


@app.command("init")
def init_command(
    config: Annotated[Path, typer.Option("--config", "-c", help="Where to write it.")] = config_module.DEFAULT_FILE,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a commented example briefing.toml to start from.

    Example: briefing init && $EDITOR briefing.toml && briefing daily
    """
    if config.exists() and not force:
        raise BriefingError(f"{config}: already exists (use --force to replace it)")
    write_text(config, config_module.EXAMPLE)
    typer.echo(str(config))


@app.command("serve")
def serve_command(
    config: ConfigOption = None,
    port: Annotated[int, typer.Option("--port", "-p", help="The port; 0 picks a free one.", min=0, max=65535)] = 8000,
    host: Annotated[str, typer.Option(help="The address to listen on; 0.0.0.0 opens it to your network (a phone).")] = "127.0.0.1",
    folder: Annotated[Optional[Path], typer.Option("--folder", help="The folder to serve (default: the output folder of briefing.toml).")] = None,
) -> None:
    """Serve the output folder (episodes, transcripts, feed.xml) over HTTP, with byte ranges for podcast apps.

    Example: briefing serve --host 0.0.0.0 --port 8000
    """
    settings = config_module.load(config)
    root = folder or settings.output
    if not root.is_dir():
        raise BriefingError(f"{root}: no such folder (run briefing daily first)")
    try:
        from briefing.publish import feed
        from briefing.publish import serve

        server = serve.make_server(root, host, port)
    except OSError as exc:
        raise BriefingError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    bound_host, bound_port = server.server_address[:2]
    public = "127.0.0.1" if bound_host in ("0.0.0.0", "::") else bound_host
    address = f"http://{public}:{bound_port}/"
    _progress(f"serving {root} at {address} (feed: {address}{feed.FEED_NAME})")
    _progress(f"the feed's links point at {settings.base_url} ([feed] base_url in briefing.toml)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _warn(message: str) -> None:
    typer.echo(f"briefing: warning: {shown(message)}", err=True)


def _report(result: pipeline.Result, quiet: bool) -> None:
    if not quiet:
        seconds = result.episode.duration_ms / 1000
        _progress(f"done: {len(result.episode.chapters)} chapters, {int(seconds // 60)} min {seconds % 60:04.1f} s")
    for path in result.files:
        typer.echo(str(path))


@app.command("cache")
@flags_of("cache")
def cache_command(
    config: ConfigOption = None,
    clear: Annotated[bool, typer.Option("--clear", help="Empty the cache folder: every voice and fact is made again next time.")] = False,
    *,
    flags: dict[str, Any],
) -> None:
    """Show where the cache folder is and how full, or empty it.

    It holds voiced audio, articles' facts and compiled templates, under a size
    limit (cache_max_mb in briefing.toml, 1000 MB unless set): what no run has
    used for longest goes first.

    Example: briefing cache --clear
    """
    from briefing import cachedir

    settings = config_module.load(config, flags)
    folder = settings.cache_dir
    if clear:
        typer.echo(f"{folder}: removed {cachedir.clear(folder)}")
    else:
        typer.echo(f"{folder}: {cachedir.usage(folder)} (limit {settings.cache_max_mb} MB)")


@app.command("engines")
def engines_command(config: ConfigOption = None) -> None:
    """List the voice engines, whether each can speak right now, and their options.

    Example: briefing engines
    """
    from briefing import tts

    rows = tts.statuses(config_module.load(config))
    width = max(len(row.name) for row in rows)
    usable = max(len(row.usable) for row in rows)
    for row in rows:
        typer.echo(f"{row.name:<{width}}  {row.usable:<{usable}}  {row.about}")
        typer.echo(f"{'':<{width}}  {'':<{usable}}  options: {row.options}")


@app.command("facts")
@flags_of("facts")
def facts_command(
    article: Annotated[str, typer.Argument(help="An article: a text file, a saved HTML page or an http(s) URL.", show_default=False)],
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the facts as JSON (dates in ISO 8601).")] = False,
    *,
    flags: dict[str, Any],
) -> None:
    """Show the key facts of an article: headline, summary, people, places, dates, quotes…

    Example: briefing facts examples/minsk-oreshnik.txt --json
    """
    settings = config_module.load(config, flags)
    for found in pipeline.read_facts([article], settings, fetch=_fetch(settings), warn=_warn):
        from briefing.facts import sheet as factsheet

        typer.echo(factsheet.to_json(found) if as_json else factsheet.to_text(found))


@app.command("editions")
def editions_command(
    configs: Annotated[list[Path], typer.Argument(
        help="The editions: their briefing.toml files, or folders of them (every *.toml).", show_default=False)],
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", help="Processes on this machine (default: one per core).", min=1, max=256)] = None,
    cluster: Annotated[Optional[str], typer.Option(
        metavar="redis://HOST:6379/0", help="Make them on the Celery workers of this Redis ([cluster] broker in the editions' files).",
    )] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the paths written (and problems).")] = False,
) -> None:
    """Make many editions' episodes at once: each briefing.toml is an edition with its sources and its feed.

    A story told by several editions is read once, a sentence they share is
    voiced once. On this machine by default, or on a cluster with --cluster
    (pip install 'briefing[cluster]'; start workers with briefing worker).
    An edition that fails is reported and the others are published (exit 2).

    Example: briefing editions editions/ --cluster redis://10.0.0.5:6379/0
    """
    from briefing.daily import editions

    found = editions.load(configs)
    url = cluster or editions.broker(found)
    if url is None:
        runner = editions.LocalRunner(jobs or os.cpu_count() or 1)
    else:
        runner = editions.cluster_runner(_option(config_module.redis_url, url, "--cluster"))
    with runner:
        slowest = max(found, key=lambda e: e.settings.download_timeout).settings  # the editions' longest deadline
        done = editions.run(found, runner, _fetch(slowest), _progress_for(quiet), warn=_warn)
    for outcome in done.outcomes:
        for path in (*outcome.files, outcome.feed):
            typer.echo(str(path))
    for name, why in done.failures:
        typer.echo(f"briefing: error: {name}: {why}", err=True)
    if done.failures:
        raise BriefingError(f"{len(done.failures)} of {len(found)} editions were not published")


@app.command("worker", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def worker_command(
    ctx: typer.Context,
    cluster: Annotated[Optional[str], typer.Option(metavar="redis://HOST:6379/0", help="The cluster's Redis.")] = None,
    config: ConfigOption = None,
    redeliver_after: Annotated[float, typer.Option(
        help="Seconds after which a task a dead worker had taken is given to another (longer than any task).", min=1,
    )] = 600.0,
) -> None:
    """Work for briefing editions --cluster: a Celery worker; other options go to it (--concurrency, --queues…).

    Example: briefing worker --cluster redis://10.0.0.5:6379/0 --concurrency 2
    """
    url = cluster or config_module.load(config).broker
    if url is None:
        raise BriefingError("name the cluster's Redis: --cluster redis://HOST:6379/0, or [cluster] broker in briefing.toml")
    from briefing.daily import editions

    editions.cluster().start_worker(_option(config_module.redis_url, url, "--cluster"), ctx.args, redeliver_after)


def _option(convert, value, name: str):
    try:
        return convert(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=name) from None


def _fetch(settings: Settings) -> HttpFetch:
    return HttpFetch(deadline=settings.download_timeout)


def _progress_for(quiet: bool) -> pipeline.Progress:
    return (lambda _: None) if quiet else _progress


def _progress(message: str) -> None:
    typer.echo(shown(message), err=True)


def _watch_interrupts() -> threading.Event:
    """Ctrl-C raises KeyboardInterrupt, as it always does, and is remembered."""
    seen = threading.Event()

    def interrupt(signum, frame):
        seen.set()
        signal.default_int_handler(signum, frame)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, interrupt)
    return seen


def _interrupted() -> None:
    typer.echo("briefing: interrupted", err=True)
    sys.exit(130)


def main() -> None:
    """Entry point: Ctrl-C is « interrupted » and exit code 130 (user errors are the commands' own)."""
    # What is loaded lives as long as the command: the garbage collector need
    # not walk it on every pass, nor once more when Python exits (30 ms a run).
    gc.freeze()
    interrupted = _watch_interrupts()
    try:
        app()
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exc:
        # Typer turns Ctrl-C into a silent exit 130 (Click into « Aborted! », exit 1)
        if interrupted.is_set() and exc.code not in (0, None):
            _interrupted()
        raise
    finally:
        gc.freeze()  # and what the command loaded since (the language model, say)
