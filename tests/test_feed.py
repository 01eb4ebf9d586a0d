"""The feed itself: identities that never change, article text kept as data."""

from __future__ import annotations

import datetime as dt
import io

import podcastparser

from briefing.publish import feed
from briefing.config import Settings
from briefing.publish.state import EpisodeRecord, State, Story
from conftest import NOW


def test_podcast_guid_follows_the_podcasting_2_0_spec():
    # the examples of the spec's podcast:guid page
    assert feed.podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert feed.podcast_guid("podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def _state(guid: str, stories=(Story("Un titre", "https://example.org/a", "Le Site"),)) -> State:
    record = EpisodeRecord(stem="briefing-2026-11-24", guid=feed.episode_guid(guid, "briefing-2026-11-24"),
                           title="Le Briefing du mardi 24 novembre 2026", published=NOW, duration_ms=61_400,
                           stories=tuple(stories))
    return State(podcast_guid=guid, episodes=(record,))


def _parse(tmp_path, state, **settings):
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    (folder / "briefing-2026-11-24.mp3").write_bytes(b"\xff\xfb" * 500)
    xml = feed.render(state, Settings(now=NOW, **settings), folder, "http://h/cover.png")
    return podcastparser.parse("feed.xml", io.BytesIO(xml)), xml


def test_guids_stay_when_the_feed_moves(tmp_path):
    guid = feed.podcast_guid("http://127.0.0.1:8000/feed.xml")
    first, xml1 = _parse(tmp_path, _state(guid), base_url="http://127.0.0.1:8000/")
    moved, xml2 = _parse(tmp_path, _state(guid), base_url="https://podcast.example.org/matin/")
    assert first["episodes"][0]["guid"] == moved["episodes"][0]["guid"]
    assert f"<podcast:guid>{guid}</podcast:guid>".encode() in xml2
    assert moved["episodes"][0]["enclosures"][0]["url"] == "https://podcast.example.org/matin/briefing-2026-11-24.mp3"
    assert moved["episodes"][0]["total_time"] == 61


def test_article_text_is_escaped_never_markup(tmp_path):
    sneaky = Story('<script>alert("x")</script> & {{ 7*7 }}', "https://example.org/a?b=1&c=2", "L'<i>Écho</i>")
    podcast, xml = _parse(tmp_path, _state(feed.podcast_guid("x"), [sneaky]))
    description = podcast["episodes"][0]["description_html"] or podcast["episodes"][0]["description"]
    assert "&lt;script&gt;alert" in description and "<script>" not in description
    assert "{{ 7*7 }}" in description and "49" not in description
    assert 'href="https://example.org/a?b=1&amp;c=2"' in description
    assert "L'&lt;i&gt;Écho&lt;/i&gt;" in description
    assert b"<script>" not in xml


def test_an_episode_whose_mp3_is_gone_is_left_out(tmp_path):
    state = _state(feed.podcast_guid("x"))
    folder = tmp_path / "out"
    folder.mkdir()
    gone = []
    xml = feed.render(state, Settings(now=NOW), folder, "http://h/cover.png", missing=gone.append)
    assert podcastparser.parse("feed.xml", io.BytesIO(xml))["episodes"] == []
    assert gone == list(state.episodes)
