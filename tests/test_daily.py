"""`briefing daily` end to end, as a podcast app sees it.

The day's sources are a local RSS file whose three entries link to articles
served on loopback; the output folder is served by briefing's own server, and
the feed is fetched over HTTP and read by podcastparser (gPodder's parser) and
by feedparser. The voice is the offline espeak.
"""

from __future__ import annotations

import datetime as dt
import io
import urllib.request
from pathlib import Path

import feedparser
import podcastparser
import pytest

from briefing import pipeline

from briefing.daily import run as daily

from briefing.publish import feed

from briefing.publish import state
from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.sources.fetch import HttpFetch
from briefing.models import Article
from briefing.ffmpeg import mp3_duration_ms
from conftest import NOW, eval_page, free_port, rss, serving

pytestmark = pytest.mark.usefixtures("shared_facts")  # what is done with the facts, not the reading (conftest)

STORIES = (13624, 17581, 18721)


def day(n: int) -> dt.datetime:
    return NOW + dt.timedelta(days=n)


@pytest.fixture
def newsroom(web, tmp_path):
    """A local RSS file with three entries linking to served articles: (feed path, {link: corpus record})."""
    folder, base = web
    records = {}
    for number in STORIES:
        html, record = eval_page(number)
        (folder / f"article-{number}.html").write_bytes(html)
        records[f"{base}article-{number}.html"] = record
    news = tmp_path / "news.xml"
    news.write_text(rss([{"title": r["title"], "link": link} for link, r in records.items()], title="Orange Actu"),
                    encoding="utf-8")
    return news, records


@pytest.fixture
def published(tmp_path):
    """The output folder, served on loopback: (folder, base URL)."""
    out = tmp_path / "out"
    out.mkdir()
    with serving(out) as base:
        yield out, base


def settings_for(published, sources, now=NOW, **more) -> Settings:
    out, base = published
    return Settings(now=now, output=out, base_url=base, sources=tuple(map(str, sources)), email="moi@example.org",
                    summary_sentences=1, **more)


def get(url: str, headers: dict | None = None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_three_daily_runs_give_three_episodes_a_podcast_app_can_play(newsroom, published, tmp_path):
    news, records = newsroom
    out, base = published
    warnings = []
    for n in range(3):
        done = daily.run(settings_for(published, [news], day(n), max_stories=1), HttpFetch(), warn=warnings.append)
        assert done.feed == out / "feed.xml"
    assert warnings == []

    status, headers, body = get(base + "feed.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    podcast = podcastparser.parse(base + "feed.xml", io.BytesIO(body))
    assert podcast["title"] == "Le Briefing"
    assert podcast["cover_url"] == base + "cover.png"
    assert podcast["import_prohibited"] is True  # podcast:locked yes
    assert podcast["explicit"] is False
    assert podcast["itunes_categories"] == [["News"]]
    assert len(podcast["episodes"]) == 3
    told = []
    for episode in podcast["episodes"]:
        (enclosure,) = episode["enclosures"]
        assert enclosure["mime_type"] == "audio/mpeg"
        status, headers, audio = get(enclosure["url"])
        assert len(audio) == enclosure["file_size"] == int(headers["Content-Length"])
        copy = tmp_path / "copy.mp3"
        copy.write_bytes(audio)
        assert abs(mp3_duration_ms(copy) / 1000 - episode["total_time"]) <= 1
        assert episode["total_time"] > 10
        assert episode["transcript_url"] == enclosure["url"].replace(".mp3", ".txt")
        assert get(episode["transcript_url"])[0] == 200
        # podcast apps resume and seek with byte ranges
        status, headers, part = get(enclosure["url"], {"Range": "bytes=1000-1999"})
        assert status == 206 and part == audio[1000:2000]
        assert headers["Content-Range"] == f"bytes 1000-1999/{len(audio)}"
        told += [title for title in (r["title"] for r in records.values()) if title in episode["description"]]
    # one story a day, never the same one twice, newest episode first
    assert sorted(told) == sorted(r["title"] for r in records.values())
    assert [e["published"] for e in podcast["episodes"]] == sorted((e["published"] for e in podcast["episodes"]), reverse=True)
    assert len({e["guid"] for e in podcast["episodes"]}) == 3

    parsed = feedparser.parse(body)
    assert not parsed.bozo
    assert parsed.feed.language == "fr" and parsed.feed.author_detail.name == "Le Briefing"
    assert parsed.feed.publisher_detail.email == "moi@example.org"  # itunes:owner
    assert [e.title for e in parsed.entries] == [f"Le Briefing du {d}" for d in
                                                 ("jeudi 26 novembre 2026", "mercredi 25 novembre 2026", "mardi 24 novembre 2026")]
    for entry in parsed.entries:
        assert entry.itunes_episodetype == "full"
        assert entry.guidislink is False
        assert entry.published_parsed is not None

    # every story has been told: a fourth morning has nothing new, and says so
    with pytest.raises(daily.NothingNew, match="3 already told"):
        daily.run(settings_for(published, [news], day(3), max_stories=1), HttpFetch())
    assert len(state.load(out).episodes) == 3


def test_a_story_told_before_is_not_told_again_even_under_another_address(newsroom, published, tmp_path, web):
    news, records = newsroom
    folder, site = web
    first_link = next(iter(records))
    daily.run(settings_for(published, [news], day(0), max_stories=1), HttpFetch())
    # the same article, republished at a new address with the same title (accents and case aside)
    (folder / "copy.html").write_bytes((folder / first_link.rsplit("/", 1)[1]).read_bytes())
    title = records[first_link]["title"].upper().replace("É", "E")
    again = tmp_path / "again.xml"
    again.write_text(rss([{"title": title, "link": site + "copy.html"}]), encoding="utf-8")
    with pytest.raises(daily.NothingNew, match="1 already told"):
        daily.run(settings_for(published, [again], day(1)), HttpFetch())


def test_a_failing_source_is_reported_and_skipped(newsroom, published, tmp_path):
    news, records = newsroom
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?><rss><channel><item><title>x</ti')
    missing = tmp_path / "nowhere.txt"
    gone = f"http://127.0.0.1:{free_port()}/gone.html"
    warnings = []
    done = daily.run(settings_for(published, [missing, broken, gone, news], max_stories=2),
                     HttpFetch(timeout=2), warn=warnings.append)
    assert len(done.stories) == 2
    assert [w.split(": ")[0] for w in warnings] == [str(missing), str(broken), gone]
    assert all(w.endswith("(skipped)") for w in warnings)


def test_no_story_left_is_an_error(published, tmp_path):
    with pytest.raises(BriefingError, match="no new story"):
        daily.run(settings_for(published, [tmp_path / "nowhere.txt"]), HttpFetch())
    assert not (published[0] / "feed.xml").exists()


def test_old_episodes_leave_the_feed_with_their_files(newsroom, published):
    news, _ = newsroom
    out, _ = published
    for n in range(3):
        daily.run(settings_for(published, [news], day(n), max_stories=1, keep_episodes=2), HttpFetch())
    items = podcastparser.parse("feed.xml", io.BytesIO((out / "feed.xml").read_bytes()))["episodes"]
    assert [e["title"][-16:] for e in items] == ["26 novembre 2026", "25 novembre 2026"]
    assert not list(out.glob("briefing-2026-11-24*"))
    assert "briefing-2026-11-24" not in (out / "index.html").read_text(encoding="utf-8")  # the front page follows
    assert (out / "briefing-2026-11-25.mp3").exists() and (out / "briefing-2026-11-26.txt").exists()


def test_a_crash_while_rendering_the_feed_changes_nothing_and_the_next_run_tells_the_story(newsroom, published, monkeypatch):
    news, _ = newsroom
    out, _ = published
    daily.run(settings_for(published, [news], day(0), max_stories=1), HttpFetch())
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "index.html"}

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the power goes, or the user presses Ctrl-C

    monkeypatch.setattr(feed, "render", crash)
    with pytest.raises(KeyboardInterrupt):
        daily.run(settings_for(published, [news], day(1), max_stories=1), HttpFetch())
    # the feed is rendered before any file goes in place: the folder is as it was
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "index.html"}
    assert after == before
    monkeypatch.undo()
    # the story the crashed run was telling is told by the next one: nothing lost, nothing twice
    daily.run(settings_for(published, [news], day(2), max_stories=1), HttpFetch())
    items = podcastparser.parse("feed.xml", io.BytesIO((out / "feed.xml").read_bytes()))["episodes"]
    assert len(items) == 2
    assert len({s.title for e in state.load(out).episodes for s in e.stories}) == 2


def test_a_corrupt_feed_is_left_untouched(newsroom, published):
    news, _ = newsroom
    out, _ = published
    broken = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Mon flux</title><item>\n'
    (out / "feed.xml").write_bytes(broken)
    with pytest.raises(feed.FeedError, match="no longer parses"):
        daily.run(settings_for(published, [news], max_stories=1), HttpFetch())
    assert (out / "feed.xml").read_bytes() == broken
    assert not list(out.glob("*.mp3"))  # it stopped before making anything


def test_transcripts_and_chapters_beside_the_mp3_are_linked(newsroom, published):
    """The feed links the transcript and chapter files present beside each MP3 when it is written."""
    news, _ = newsroom
    out, base = published
    daily.run(settings_for(published, [news], day(0), max_stories=1), HttpFetch())
    first = base + "briefing-2026-11-24"
    xml = (out / "feed.xml").read_text(encoding="utf-8")
    assert f'<podcast:transcript url="{first}.txt" type="text/plain" language="fr"/>' in xml
    for suffix, tag in ((".vtt", f'<podcast:transcript url="{first}.vtt" type="text/vtt" language="fr" rel="captions"/>'),
                        (".html", f'<podcast:transcript url="{first}.html" type="text/html" language="fr"/>'),
                        (".chapters.json", f'<podcast:chapters url="{first}.chapters.json" type="application/json+chapters"/>')):
        assert (tag in xml) == (out / f"briefing-2026-11-24{suffix}").exists()
    # a file that is gone is no longer linked; one that appears is
    for suffix in (".vtt", ".html", ".chapters.json"):
        (out / f"briefing-2026-11-24{suffix}").unlink(missing_ok=True)
    (out / "briefing-2026-11-24.chapters.json").write_text('{"version": "1.2.0", "chapters": []}')
    daily.run(settings_for(published, [news], day(1), max_stories=1), HttpFetch())
    podcast = podcastparser.parse("f", io.BytesIO((out / "feed.xml").read_bytes()))
    (item,) = [e for e in podcast["episodes"] if e["enclosures"][0]["url"] == first + ".mp3"]
    assert item["transcript_url"] == first + ".txt"
    assert item["chapters_json_url"] == first + ".chapters.json"
    xml = (out / "feed.xml").read_text(encoding="utf-8")
    assert f"{first}.vtt" not in xml and f"{first}.html" not in xml


def _article(number: int) -> Article:
    _, record = eval_page(number)
    return Article(source=f"https://example.org/{number}", text=record["article"].replace(". ", ".\n"), title=record["title"])


def test_stories_are_shortened_then_left_out_to_fit_the_target_length():
    articles = [_article(n) for n in (13624, 17581, 18721, 19470)]

    def fit(minutes):
        settings = Settings(now=NOW, minutes=minutes, summary_sentences=3)
        return pipeline.fit(articles, settings, "espeak", minutes, most=settings.summary_sentences)

    assert [len(f.summary) for f in fit(30)] == [3, 3, 3, 3]  # never more than the configured sentences
    # about 2.9 minutes at three sentences each, 2.3 at one: one each for 2.3
    assert [len(f.summary) for f in fit(2.3)] == [1, 1, 1, 1]
    # even one sentence each is too long: the last stories wait for another day
    shorter = fit(1.5)
    assert [len(f.summary) for f in shorter] == [1] * len(shorter) and 1 <= len(shorter) < 4
    assert [f.article for f in fit(0.5)] == articles[:1]  # the first is always told


def test_max_stories_is_the_most_an_episode_tells(newsroom, published):
    news, _ = newsroom
    done = daily.run(settings_for(published, [news], max_stories=2), HttpFetch())
    assert len(done.stories) == 2
    assert len(state.load(published[0]).episodes[0].stories) == 2


def test_an_unreadable_state_stops_the_run_and_is_left_alone(newsroom, published):
    news, _ = newsroom
    out, _ = published
    (out / state.STATE_NAME).write_text("{ not json")
    with pytest.raises(state.StateError, match="cannot be read"):
        daily.run(settings_for(published, [news]), HttpFetch())
    assert (out / state.STATE_NAME).read_text() == "{ not json"
    assert not list(out.glob("*.mp3"))


def test_three_runs_a_day_with_one_episode_kept_never_reuse_a_name_or_a_guid(newsroom, published):
    """keep = 1: the first two episodes leave the feed; the third must not
    come back under the first's name and guid (apps would call it heard)."""
    news, _ = newsroom
    out, _ = published
    guids, stems, titles = [], [], []
    for hour in (7, 12, 18):
        done = daily.run(settings_for(published, [news], NOW.replace(hour=hour), max_stories=1, keep_episodes=1),
                         HttpFetch())
        (record,) = state.load(out).episodes
        guids.append(record.guid)
        stems.append(record.stem)
        titles.append(record.title)
        assert done.result.episode.mp3.stem == record.stem
    assert len(set(guids)) == 3 and len(set(stems)) == 3
    assert stems[0] == "briefing-2026-11-24"
    # a second and third episode of the day are told apart by their hour
    assert titles == ["Le Briefing du mardi 24 novembre 2026", "Le Briefing du mardi 24 novembre 2026, édition de 12 h",
                      "Le Briefing du mardi 24 novembre 2026, édition de 18 h"]
    (item,) = podcastparser.parse("feed.xml", io.BytesIO((out / "feed.xml").read_bytes()))["episodes"]
    assert item["guid"] == guids[-1] and item["title"] == titles[-1]
    assert sorted(p.name for p in out.glob("*.mp3")) == [f"{stems[-1]}.mp3"]


def test_two_runs_a_day_have_distinct_titles_in_the_feed(newsroom, published):
    news, _ = newsroom
    out, _ = published
    for hour in (8, 8):
        daily.run(settings_for(published, [news], NOW.replace(hour=hour), max_stories=1), HttpFetch())
    titles = [e["title"] for e in podcastparser.parse("f", io.BytesIO((out / "feed.xml").read_bytes()))["episodes"]]
    assert len(set(titles)) == 2
    assert titles[0] == "Le Briefing du mardi 24 novembre 2026, édition de 8 h"


def test_make_into_the_feed_folder_never_replaces_a_published_episode(newsroom, published, seed):
    news, _ = newsroom
    out, _ = published
    daily.run(settings_for(published, [news], max_stories=1), HttpFetch())
    mp3 = out / "briefing-2026-11-24.mp3"
    published_files = {p: p.read_bytes() for p in feed.episode_files(out, "briefing-2026-11-24")}
    warnings = []
    result = pipeline.make([seed], Settings(now=NOW, output=out, summary_sentences=1), warn=warnings.append)
    assert result.episode.mp3 == out / "briefing-2026-11-24-2.mp3"
    assert warnings == [f"{mp3} is an episode of the podcast feed in {out}, never replaced: this one is briefing-2026-11-24-2.mp3"]
    assert {p: p.read_bytes() for p in published_files} == published_files
    (item,) = podcastparser.parse("f", io.BytesIO((out / "feed.xml").read_bytes()))["episodes"]
    assert item["enclosures"][0]["file_size"] == mp3.stat().st_size
    # and the next daily run of that day takes neither name
    daily.run(settings_for(published, [news], max_stories=1), HttpFetch())
    assert state.load(out).episodes[-1].stem == "briefing-2026-11-24-3"


def test_the_same_text_under_another_file_name_is_not_told_again(published, tmp_path):
    _, record = eval_page(17581)
    first, second = tmp_path / "lundi", tmp_path / "mardi"
    first.mkdir()
    second.mkdir()
    text = record["article"].replace(". ", ".\n")
    (first / "policier.txt").write_text(text, encoding="utf-8")
    # the same article, saved again under another name, its lines wrapped otherwise
    (second / "article-du-jour.txt").write_text("\n\n" + text.replace("\n", "\n\n") + "\n", encoding="utf-8")
    daily.run(settings_for(published, [first], day(0)), HttpFetch())
    with pytest.raises(daily.NothingNew, match="1 already told"):
        daily.run(settings_for(published, [second], day(1)), HttpFetch())
    keys = [s.title for s in state.load(published[0]).spoken]
    assert len(keys) == len(set(keys)) == 1
