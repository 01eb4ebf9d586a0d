"""Many editions every morning: each one a ``briefing.toml`` (a show, its
sources, its own feed), all made by one run, on this machine or on a cluster.

The run plans here and has the work done by a runner (``briefing.daily.work``):

1. each feed is opened under its lock (what a dead run left finished or
   undone) and its state read;
2. each edition's sources are listed (a source named by several editions
   once) and the stories it may tell picked as ``briefing daily`` picks them;
   a story wanted by several editions is read (fetched and extracted) once;
3. each edition's episode is fitted to its length and named (``daily.plan_episode``);
4. every episode is made: a task per segment voices it into the shared
   cache (a sentence said in ten editions is voiced once), then the episode
   is mixed and encoded, and published under its feed's lock.

``LocalRunner`` does the work in a process pool on this machine;
``briefing.cluster`` on Celery workers. A failing edition is reported and
the others go on.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from briefing import cachedir, config, pipeline
from briefing.tts import registry

from briefing.daily import run as daily

from briefing.daily import lock

from briefing.sources import articles as sources

from briefing.daily import work
from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.sources.fetch import Fetch
from briefing.files import check_writable_folder

Report = Callable[[str], None]


@dataclass(frozen=True)
class Edition:
    name: str  # its configuration file, as given
    settings: Settings


class Runner(Protocol):
    """Where the work runs: ``read`` and ``episodes`` hand back each job's result, or a ``work.Failure``."""

    locks: object  # ``feed(folder)`` and ``claims(cache_dir)``, as ``briefing.lock.FolderLocks``

    def read(self, jobs: Sequence[work.ReadJob]) -> list[work.ReadResult | work.Failure]: ...

    def episodes(self, jobs: Sequence[work.EpisodeJob]) -> Iterator[tuple[work.EpisodeJob, work.Outcome | work.Failure]]: ...


@dataclass
class Done:
    """What a run did: each edition's outcome or failure, and the stories read."""

    outcomes: list[work.Outcome] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # edition, why
    read: int = 0  # stories read (each once, whatever the editions telling it)
    extracted: int = 0  # of which extracted now, not found in the facts cache


def load(paths: Sequence[str | Path]) -> list[Edition]:
    """The editions of these configuration files (a folder: its ``*.toml``), checked before any work."""
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found = sorted(given.glob("*.toml"))
            if not found:
                raise BriefingError(f"{given}: a folder without any edition (*.toml)")
            files += found
        elif given.is_file():
            files.append(given)
        else:
            raise BriefingError(f"{given}: no such file (an edition is a briefing.toml; briefing init writes one)")
    if not files:
        raise BriefingError("no editions: name their briefing.toml files, or a folder of them")
    editions = [Edition(str(path), config.load(path.resolve())) for path in files]  # its paths, the same on every worker
    outputs: dict[Path, str] = {}
    for edition in editions:
        settings = edition.settings
        if not settings.sources:
            raise BriefingError(f"{edition.name}: no sources: list them under [stories] sources")
        if not settings.cache:
            raise BriefingError(f"{edition.name}: editions share their voices through the cache: [voice] cache must be true")
        folder = settings.output.resolve()
        if folder in outputs:
            raise BriefingError(f"{outputs[folder]} and {edition.name} both publish to {settings.output}: "
                                "give each edition its own [feed] output")
        outputs[folder] = edition.name
        check_writable_folder(settings.output)
    return editions


def broker(editions: Sequence[Edition]) -> str | None:
    """The ``[cluster] broker`` the editions name (all that name one must name the same)."""
    named = {e.settings.broker: e.name for e in editions if e.settings.broker}
    if len(named) > 1:
        raise BriefingError(f"the editions name different brokers ({', '.join(f'{n}: {u}' for u, n in named.items())}); "
                            "give one with --cluster")
    return next(iter(named), None)


def run(editions: Sequence[Edition], runner: Runner, fetch: Fetch, progress: Report = lambda _: None,
        warn: Report = lambda _: None) -> Done:
    """Make every edition's episode; ``Done`` tells which were published and which failed."""
    done = Done()
    known = {}
    for edition in editions:
        with runner.locks.feed(edition.settings.output, progress):
            known[edition.name] = daily.open_feed(edition.settings, lambda m, e=edition: warn(f"{e.name}: {m}"))
    pickings = _pick(editions, known, runner, fetch, progress, warn, done)
    jobs = []
    engines: dict[tuple, str] = {}  # the voice chosen for each voice setting (an online voice asked once)
    for edition in editions:
        settings = edition.settings
        voice = (settings.engine, settings.fallback, *registry.option_values(settings))
        try:
            found = pickings[edition.name].found(len(settings.sources))
            if voice not in engines:
                engines[voice] = pipeline.choose_voices(settings, progress=progress).engine.name
            plan = daily.plan_episode(found, known[edition.name], settings, engines[voice],
                                      lambda m, e=edition: warn(f"{e.name}: {m}"))
        except BriefingError as exc:
            done.failures.append((edition.name, str(exc)))
            continue
        jobs.append(work.EpisodeJob(edition.name, settings, plan, engines[voice]))
    if jobs:
        segments = sum(len(job.plan.script.segments) for job in jobs)
        progress(f"making {len(jobs)} episodes: {segments} segments to voice")
    for job, outcome in runner.episodes(jobs):
        if isinstance(outcome, work.Failure):
            done.failures.append((job.edition, outcome.message))
            continue
        for message in outcome.warnings:
            warn(f"{job.edition}: {message}")
        done.outcomes.append(outcome)
        progress(f"{job.edition}: " + (f"published before as {outcome.stem}" if outcome.already else
                                        f"published {outcome.stem} ({outcome.voiced} chunks voiced, "
                                        f"{outcome.cached} from the cache)"))
    for settings in {e.settings.cache_dir: e.settings for e in editions}.values():
        cachedir.prune(settings.cache_dir, settings.cache_max_mb * 1_000_000)
    return done


def _pick(editions: Sequence[Edition], known: dict, runner: Runner, fetch: Fetch, progress: Report, warn: Report,
          done: Done) -> dict[str, daily.Picking]:
    """Each edition's stories, picked in source order as ``daily.gather`` does;
    a story several editions want is read once, by the runner."""
    listed: dict[str, list[sources.Item]] = {}
    candidates: dict[str, Iterator[sources.Item]] = {}
    for edition in editions:
        def items(edition: Edition = edition) -> Iterator[sources.Item]:
            for source in edition.settings.sources:
                if source not in listed:
                    listed[source] = daily.find(source, fetch, progress, lambda m, e=edition: warn(f"{e.name}: {m}"))
                yield from listed[source]
        candidates[edition.name] = items()
    pickings = {e.name: daily.Picking(known[e.name], e.settings.max_stories) for e in editions}
    results: dict[tuple[str, object], work.ReadResult] = {}
    while True:
        asked: dict[str, list[sources.Item]] = {}
        wanted: dict[tuple[str, object], work.ReadJob] = {}
        for edition in editions:
            picking, settings = pickings[edition.name], edition.settings
            asked[edition.name] = []
            need = picking.limit - len(picking.taken)
            for item in candidates[edition.name] if need > 0 else ():
                if picking.wanted(item):
                    asked[edition.name].append(item)
                    key = (item.url, settings.today)
                    most = max(settings.summary_sentences, wanted[key].most if key in wanted else 0)
                    if key not in results:
                        wanted[key] = work.ReadJob(item, settings.today, most, settings.cache_dir)
                if len(asked[edition.name]) >= need:
                    break
        if not any(asked.values()):
            return pickings
        if wanted:
            progress(f"reading {len(wanted)} stories for {sum(1 for a in asked.values() if a)} editions")
            for key, result in zip(wanted, runner.read(list(wanted.values()))):
                if isinstance(result, work.Failure):
                    result = work.ReadResult(key[0], None, result.message)
                results[key] = result
                done.read += 1
                done.extracted += result.parsed
        for edition in editions:
            settings = edition.settings
            for item in asked[edition.name]:
                result = results[(item.url, settings.today)]
                if result.article is None:
                    warn(f"{edition.name}: {result.problem} (skipped)")
                    continue
                try:
                    facts = pipeline.extract(result.article, settings)  # from the facts cache the reading filled
                except BriefingError as exc:
                    warn(f"{edition.name}: {exc} (skipped)")
                    continue
                pickings[edition.name].offer(item, result.article, facts)


class LocalRunner:
    """The work in a pool of ``jobs`` processes on this machine (with one, in
    this process), with its folder locks."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.locks = lock.FolderLocks()
        self._pool: ProcessPoolExecutor | _InProcess | None = None

    def __enter__(self) -> LocalRunner:
        if self.jobs == 1:
            self._pool = _InProcess()
            return self
        # Not forked from this process: a pool of threads it made (the mix's) would be a dead copy in the child.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["briefing.daily.work"])
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=context)
        return self

    def __exit__(self, *exc) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)

    def read(self, jobs: Sequence[work.ReadJob]) -> list[work.ReadResult | work.Failure]:
        futures = [self._pool.submit(work.attempt, work.read_story, job) for job in jobs]
        return [_result(future) for future in futures]

    def episodes(self, jobs: Sequence[work.EpisodeJob]) -> Iterator[tuple[work.EpisodeJob, work.Outcome | work.Failure]]:
        pool = self._pool
        voicing: dict[int, list[Future]] = {}
        pending: dict[Future, tuple[str, int]] = {}
        for number, job in enumerate(jobs):
            voicing[number] = [pool.submit(work.attempt, work.voice_segment, job, n, self.locks)
                               for n in range(len(job.plan.script.segments))]
            pending.update((future, ("voice", number)) for future in voicing[number])
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                kind, number = pending.pop(future)
                if kind == "finish":
                    yield jobs[number], _result(future)
                elif all(f.done() for f in voicing[number]) and not any(f in pending for f in voicing[number]):
                    voiced = [_result(f) for f in voicing[number]]
                    pending[pool.submit(work.attempt, work.finish_episode, jobs[number], voiced, self.locks)] = ("finish", number)


class _InProcess:
    """An executor of one: each job done when it is submitted, in this process."""

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - handed back as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def cluster():
    """``briefing.cluster``: Celery and redis-py load now, or a ``BriefingError`` says how to install them."""
    try:
        from briefing.daily import cluster as module
    except ImportError as exc:
        raise BriefingError(f"the cluster needs Celery and redis-py ({exc}): pip install 'briefing[cluster]'") from None
    return module


def cluster_runner(url: str) -> Runner:
    """The runner of the cluster whose Redis is at ``url``."""
    return cluster().ClusterRunner(url)


def _result(future: Future):
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a process that died, or a bug: that job fails, the others go on
        return work.Failure(f"{type(exc).__name__}: {exc}")
