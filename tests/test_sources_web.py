"""Sources on the web and in feeds: article URLs, RSS/Atom files and URLs.

Every page is served by a loopback server; nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time

import pytest

from briefing.sources import articles as sources
from briefing.errors import InputError
from briefing.sources.fetch import USER_AGENT, HttpFetch
from conftest import eval_page, free_port, rss

PAGES = (13624, 17581, 18721)


def _publish(folder, numbers=PAGES):
    """Put eval pages on the site; return their corpus records by file name."""
    records = {}
    for number in numbers:
        html, record = eval_page(number)
        (folder / f"a{number}.html").write_bytes(html)
        records[f"a{number}.html"] = record
    return records


def no_network(url):
    raise AssertionError(f"fetched {url}")


def test_article_url_gives_text_title_date_and_site(web):
    folder, base = web
    records = _publish(folder, [13624])
    (item,) = sources.find(base + "a13624.html", HttpFetch())
    article = item.read()
    record = records["a13624.html"]
    assert article.source == base + "a13624.html"
    assert article.title == record["title"]
    assert article.published == dt.date.fromisoformat(record["date"])
    assert article.site == "Orange Actualités"
    assert "400 agents" in article.text and "Fil info" not in article.text


def test_local_rss_file_with_three_entries_linking_to_served_articles(web, tmp_path):
    folder, base = web
    records = _publish(folder)
    feed = tmp_path / "actu.xml"
    feed.write_text(rss([
        {"title": f"Titre {n}", "link": f"{base}a{n}.html", "date": dt.date(2026, 11, 23)} for n in PAGES
    ], title="Mon fil"), encoding="utf-8")

    items = sources.find(feed, HttpFetch())
    # known from the feed alone, before any page is fetched
    assert [(i.url, i.title) for i in items] == [(f"{base}a{n}.html", f"Titre {n}") for n in PAGES]
    articles = [item.read() for item in items]
    for number, article in zip(PAGES, articles):
        first_sentence = records[f"a{number}.html"]["article"].split(". ")[0]
        assert first_sentence in article.text
        assert article.title == f"Titre {number}"  # the feed's title wins
        assert article.published == dt.date(2026, 11, 23)
        assert article.source == f"{base}a{number}.html"


def test_feed_url_is_read_like_a_feed_file(web):
    folder, base = web
    _publish(folder, [18721])
    (folder / "feed.rss").write_text(rss([{"title": "Un titre", "link": base + "a18721.html"}]), encoding="utf-8")
    (item,) = sources.find(base + "feed.rss", HttpFetch())
    assert item.title == "Un titre" and item.read().title == "Un titre"


def test_atom_feed_carrying_the_full_text_is_not_fetched(tmp_path):
    paragraph = "Le conseil municipal de Lyon a voté mardi soir un budget de neuf cents millions d'euros. " * 12
    feed = tmp_path / "atom.xml"
    feed.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Le Petit Lyonnais</title><id>urn:x</id><updated>2026-11-23T08:00:00Z</updated>
<entry><title>Lyon vote son budget</title><id>urn:1</id><link href="https://example.invalid/budget"/>
<updated>2026-11-23T08:00:00Z</updated>
<content type="html">&lt;p&gt;{paragraph}&lt;/p&gt;&lt;p&gt;Le maire a salué un budget de responsabilité.&lt;/p&gt;</content></entry>
</feed>""", encoding="utf-8")
    (item,) = sources.find(feed, no_network)
    article = item.read()
    assert article.text.splitlines()[-1] == "Le maire a salué un budget de responsabilité."
    assert (article.title, article.published, article.site) == ("Lyon vote son budget", dt.date(2026, 11, 23), "Le Petit Lyonnais")
    assert article.source == "https://example.invalid/budget"


def test_a_feed_teaser_is_not_taken_for_the_article(web, tmp_path):
    folder, base = web
    _publish(folder, [13624])
    feed = tmp_path / "f.xml"
    feed.write_text(rss([{"title": "T", "link": base + "a13624.html", "content": "<p>Les équipes d'entretien, héros.</p>"}]))
    (item,) = sources.find(feed, HttpFetch())
    assert "400 agents" in item.read().text


def test_folder_holds_text_html_and_feed_files(tmp_path, seed):
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "b-minsk.txt").write_bytes(seed.read_bytes())
    html, _ = eval_page(19470)
    (folder / "a-page.html").write_bytes(html)
    (folder / "notes.md").write_text("not an article")
    items = sources.find(folder, no_network)
    assert [i.source for i in items] == [str(folder / "a-page.html"), str(folder / "b-minsk.txt")]
    assert items[1].url == (folder / "b-minsk.txt").resolve().as_uri()


@pytest.mark.parametrize("content, problem", [
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</ti', "is not a readable RSS/Atom feed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title></channel></rss>', "is a feed with no entries"),
])
def test_broken_or_empty_feed_file_is_one_clear_error(tmp_path, content, problem):
    feed = tmp_path / "broken.xml"
    feed.write_text(content)
    with pytest.raises(InputError) as info:
        sources.find(feed, no_network)
    assert info.value.source == str(feed)
    assert problem in info.value.problem


def test_empty_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="no article files"):
        sources.find(tmp_path, no_network)


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers by path: /slow sleeps, /big is large, /article is a page; records headers."""

    seen: list = []

    def do_GET(self):
        type(self).seen.append(dict(self.headers))
        if self.path == "/slow":
            time.sleep(2)  # timing-ok: a slow server, on purpose
        body = b"x" * 10_000 if self.path == "/big" else b"<html><body><p>Bonjour.</p></body></html>"
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "/article" if self.path == "/moved" else "ftp://127.0.0.1/x")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path != "/big-no-length":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    _Recorder.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_sends_a_user_agent(recorder):
    page = HttpFetch()(recorder + "/article")
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert _Recorder.seen[0]["User-Agent"] == USER_AGENT


def test_fetch_follows_http_redirects(recorder):
    page = HttpFetch()(recorder + "/moved")
    assert page.url == recorder + "/article" and b"Bonjour" in page.body


@pytest.mark.parametrize("path, fetch, problem", [
    ("/moved-away", HttpFetch(), "not an http(s) URL"),
    ("/missing", HttpFetch(), "the server answered HTTP 404"),
    ("/slow", HttpFetch(timeout=0.5), "no answer within 0.5 s"),
    ("/big", HttpFetch(max_bytes=5_000), "is too large"),
    ("/loop", HttpFetch(), "is redirected in a loop (or more than 10 times)"),
])
def test_fetch_failures_name_the_url(recorder, path, fetch, problem):
    with pytest.raises(InputError) as info:
        fetch(recorder + path)
    assert info.value.source == recorder + path
    assert problem in info.value.problem
    assert len(str(info.value).splitlines()) == 1


def test_unreachable_server_is_one_clear_error():
    with pytest.raises(InputError, match="cannot be reached"):
        HttpFetch(timeout=2)(f"http://127.0.0.1:{free_port()}/")


@pytest.mark.parametrize("path", ["/body", "/head"])
def test_a_server_that_trickles_is_cut_at_the_download_deadline(trickle, path):
    # every byte comes well within the per-read timeout; only the whole download's deadline stops it
    with pytest.raises(InputError) as info:
        HttpFetch(timeout=5, deadline=0.5)(trickle.base + path)
    assert info.value.source == trickle.base + path
    assert info.value.problem == "took longer than 0.5 s to download (the limit)"


def test_make_stops_at_the_download_timeout_it_is_given(trickle, tmp_path):
    from test_cli import run

    proc = run("make", trickle.base + "/body", "-o", tmp_path / "out", "--download-timeout", "0.5")
    assert proc.returncode == 2
    assert proc.stderr == f"briefing: error: {trickle.base}/body: took longer than 0.5 s to download (the limit)\n"
