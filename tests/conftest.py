from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import os
import re
import sys
import threading
from pathlib import Path

# numpy's OpenBLAS on one thread, as the command runs it (briefing/cli.py): set
# before anything here loads numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest  # noqa: E402

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS / "netguard"))
import guard  # noqa: E402

guard.install()

from briefing.config import Settings  # noqa: E402

SEED = REPO / "examples" / "minsk-oreshnik.txt"
EVAL = TESTS / "data" / "eval"  # OrangeSum articles (CC BY-SA 4.0) and their expected facts
SEED_PUBLISHED = dt.date(2024, 12, 7)  # the seed has no date; it is about 6-7 December 2024
# A Tuesday morning, so the intro's date and greeting are known.
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture(autouse=True, scope="session")
def _voice_sandbox_for_the_session(tmp_path_factory: pytest.TempPathFactory):
    """The same, under each test's own: what a test's ``monkeypatch.undo()`` falls back to."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache-session")))
        patch.setenv("BRIEFING_GTTS_ENDPOINT", NOWHERE)
        yield


@pytest.fixture(autouse=True)
def _voice_sandbox(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test (and its subprocesses) gets its own audio cache and no Google.

    The cache never lands in the user's real cache folder, and gTTS is pointed
    at a loopback port that refuses, so ``auto`` probes fail at once; a test
    that wants Google's voice points ``gtts_endpoint`` at a ``FakeGoogle``.
    """
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("BRIEFING_GTTS_ENDPOINT", NOWHERE)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(now=NOW, output=tmp_path / "out", cache_dir=tmp_path / "cache")


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture(scope="session")
def eval_facts():
    """Every evaluation article with its facts and expected facts, extracted once per session."""
    import tomllib

    import evaluation

    from briefing.facts import extract as facts

    out = {}
    for path in [SEED, *sorted(EVAL.glob("orangesum-*.json"))]:
        item = evaluation.load(path, published=SEED_PUBLISHED)
        expected = tomllib.loads((EVAL / "expected" / f"{item.name}.toml").read_text(encoding="utf-8"))
        out[item.name] = (item, facts.extract(item.article, today=NOW.date()), expected)
    return out


@pytest.fixture(scope="session")
def dev_facts():
    """The facts of every article of the development set, extracted once for the
    session: {line number in orangesum-dev500.jsonl (from 1): (article, facts)}."""
    import evaluation
    from briefing.facts import extract as facts

    items = evaluation.load_dev(EVAL / "orangesum-dev500.jsonl")
    return {n: (item, facts.extract(item.article, today=NOW.date())) for n, item in enumerate(items, start=1)}


_REMEMBERED_FACTS: dict = {}


@pytest.fixture
def shared_facts(monkeypatch):
    """``facts.extract`` remembered for the rest of this worker's tests: an
    article already read with the same date and summary length is not parsed
    again. For modules that test what is done with the facts (scripts, lengths,
    episodes, feeds, commands), not the reading; the facts are frozen, so a test
    cannot change what the next one gets. Never for a test that counts parses
    or patches the reading."""
    from briefing.facts import extract as facts

    reading = facts.extract

    def remembered(article, *, today, summary_sentences=3):
        key = (article, today, summary_sentences)
        if key not in _REMEMBERED_FACTS:
            _REMEMBERED_FACTS[key] = reading(article, today=today, summary_sentences=summary_sentences)
        return _REMEMBERED_FACTS[key]

    monkeypatch.setattr(facts, "extract", remembered)


def warm_facts(*inputs: str | Path, cache_dir: Path | None = None, cwd: Path | None = None) -> None:
    """Put the facts of ``inputs`` (every summary length, for today) in the facts
    cache of the test's processes (``cache_dir``, else $BRIEFING_CACHE_DIR),
    parsed here, where the language model is loaded already: a process started
    then never loads it. Inputs are named as the process will name them (a
    relative path, from ``cwd``). For tests of what a process does with files,
    signals or limits; the seed's end-to-end test reads in its own process."""
    from briefing import length
    from briefing.facts import cache as factcache
    from briefing.sources import articles as sources
    from briefing.sources.fetch import HttpFetch

    store = factcache.FactsCache(Path(cache_dir or os.environ["BRIEFING_CACHE_DIR"]).resolve() / "facts")
    with contextlib.chdir(cwd or Path.cwd()):
        articles = sources.load([str(i) for i in inputs], HttpFetch(), lambda _: None)
    for article in articles:
        factcache.fill(article, today=dt.date.today(), most=length.MAX_SENTENCES, store=store)


def warm_editions(*paths: Path) -> None:
    """``warm_facts`` for the stories of the editions at ``paths``, in each one's cache."""
    from briefing.daily import editions

    for edition in editions.load(list(paths)):
        warm_facts(*edition.settings.sources, cache_dir=edition.settings.cache_dir)


def subprocess_env() -> dict[str, str]:
    """Environment for a test subprocess: the network guard is loaded first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS / "netguard"), str(REPO), env.get("PYTHONPATH", "")])
    return env


@contextlib.contextmanager
def serving(folder: Path):
    """Serve ``folder`` with briefing's own server on a free loopback port; yield its base URL."""
    from briefing.publish.serve import make_server

    server = make_server(folder, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def web(tmp_path: Path):
    """A loopback web site: (folder, base URL). Files put in the folder are served."""
    folder = tmp_path / "site"
    folder.mkdir()
    with serving(folder) as base:
        yield folder, base


EVAL = TESTS / "data" / "eval"


def rss(items: list[dict], title: str = "Actu du jour") -> str:
    """An RSS 2.0 document; each item a dict of title, link, and optionally date (a dt.date) and content (HTML)."""
    from xml.sax.saxutils import escape

    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
             f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
             f"<link>http://127.0.0.1/</link><description>Test</description>"]
    for item in items:
        parts.append(f"<item><title>{escape(item['title'])}</title>")
        if "link" in item:
            parts.append(f"<link>{escape(item['link'])}</link>")
        if "date" in item:
            parts.append(f"<pubDate>{item['date'].strftime('%a, %d %b %Y 08:00:00 +0100')}</pubDate>")
        if "content" in item:
            parts.append(f"<content:encoded>{escape(item['content'])}</content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>\n")
    return "".join(parts)


def eval_page(number: int | str) -> tuple[bytes, dict]:
    """A saved OrangeSum page and its corpus record."""
    import json

    page = EVAL / f"orangesum-{number}.html"
    return page.read_bytes(), json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


def free_port() -> int:
    """A loopback port nobody listens on (now)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Google's voice endpoint, as tests see it: a loopback port that refuses at once.
NOWHERE = f"http://127.0.0.1:{free_port()}/_/TranslateWebserverUi/data/batchexecute"


# What `make test-fast` leaves out: tests that start processes (the command,
# workers, a fresh interpreter), read the whole development set, or open a
# browser (a test elsewhere that starts one is marked slow where it is).
SLOW_MODULES = re.compile(r"test_(daily_killed|cluster|editions|story_repetition|figures_labelled|quotes_labelled"
                          r"|kokoro|page|serve|ffmpeg|netguard|packaging|jingles)$")


# With pytest-xdist (`make test` runs one worker per core), the tests of a
# group run on one worker, one after another: the development set's facts are
# extracted once, and the cluster's and kokoro's tests, which keep every core
# busy on their own, never run beside each other. Groups are handed out first,
# the longest first (in this order); the many short tests fill in around them.
GROUPS = {
    "development set": re.compile(r"test_(figures_labelled|quotes_labelled|story_repetition)$"),
    "cluster": re.compile(r"test_(cluster|editions)$"),
    "kokoro": re.compile(r"test_kokoro$"),
    # spaCy's own token pattern, compiled the slow way once (Python's cache of patterns keeps it)
    "spaCy internals": re.compile(r"test_(tokenmatch|patches|lookups)$"),
    # a module's costly fixture made once: a browser, a published show, a wheel, a reading
    "browser": re.compile(r"test_page$"),
    "killed runs": re.compile(r"test_daily_killed$"),
    "wheel": re.compile(r"test_packaging$"),
    "reading": re.compile(r"test_read$"),
}


def group_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its group, else the test alone."""
    stem = Path(nodeid.split("::")[0]).stem
    return next((name for name, modules in GROUPS.items() if modules.match(stem)), nodeid)


if importlib.util.find_spec("xdist"):  # the hook exists only with the plugin

    def pytest_xdist_make_scheduler(config, log):
        from xdist.scheduler import LoadScopeScheduling

        class ByGroup(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return group_of(nodeid)

        config.option.loadscopereorder = False  # the units in the order collected: the groups first (below)
        return ByGroup(config, log)


def pytest_collection_modifyitems(config, items):
    """Browser tests, the cluster's (a Redis server, Celery workers) and kokoro's
    (its extra) are skipped, each by name, on a machine without their tools."""
    import browser
    import redis_cluster
    from briefing.tts.engines import kokoro

    for item in items:
        if SLOW_MODULES.match(item.path.stem):
            item.add_marker(pytest.mark.slow)
    order = {name: rank for rank, name in enumerate(GROUPS)}
    items.sort(key=lambda item: order.get(group_of(item.nodeid), len(order)))  # stable: each group as collected

    for marker, why in (("browser", browser.missing()), ("cluster", redis_cluster.missing()),
                        ("kokoro", kokoro.missing())):
        if why:
            for item in items:
                if marker in item.keywords:
                    item.add_marker(pytest.mark.skip(reason=f"{item.name}: {why}"))


def write_editions(folder: Path, editions: dict[str, list[int]], most: int | None = None, **voice) -> dict[str, Path]:
    """Editions in ``folder``: each a briefing.toml telling the OrangeSum stories
    of its list (story files shared in ``folder/news``), one summary sentence
    each, offline voice, one cache folder; their paths by name."""
    import json

    news = folder / "news"
    news.mkdir(parents=True, exist_ok=True)
    records = sorted(EVAL.glob("orangesum-*.json"))
    paths = {}
    for name, stories in editions.items():
        for number in stories:
            story = news / f"story-{number}.txt"
            if not story.exists():
                story.write_text(json.loads(records[number].read_text(encoding="utf-8"))["article"].replace(". ", ".\n"),
                                 encoding="utf-8")
        sources = ", ".join(f'"news/story-{n}.txt"' for n in stories)
        options = "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in voice.items())
        paths[name] = folder / f"{name}.toml"
        paths[name].write_text(
            f'[show]\ntitle = "Le Briefing {name}"\n[feed]\noutput = "{name}"\n'
            f'[voice]\nengine = "espeak"\ncache_dir = "cache"\n{options}'
            f"[stories]\nsources = [{sources}]\nmax = {most or len(stories)}\nsentences = 1\nminutes = 30\n",
            encoding="utf-8")
    return paths


class _Trickle:
    """A web server that sends its answer one byte at a time, a pause between bytes.

    ``/body`` sends its status line and headers at once, then trickles a page;
    any other path trickles from the status line on. ``requests`` is set once a
    request has arrived.
    """

    PAGE = b"<html><body>" + b"<p>Une phrase qui arrive lentement.</p>" * 200 + b"</body></html>"

    def __init__(self) -> None:
        import http.server

        trickle = self
        self.requests = threading.Event()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                trickle.requests.set()
                head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(trickle.PAGE))
                if self.path == "/body":
                    self.wfile.write(head)
                    head = b""
                try:
                    for byte in head + trickle.PAGE:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        if trickle.stop.wait(0.05):  # timing-ok: the pause between bytes is what is tested
                            return
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args):
                pass

        self.stop = threading.Event()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def trickle():
    """A loopback server that trickles its answers: its ``base`` URL, ``/body`` or any path."""
    server = _Trickle()
    thread = threading.Thread(target=server.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.server.shutdown()
    server.server.server_close()
