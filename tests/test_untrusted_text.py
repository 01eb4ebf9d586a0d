"""Text from outside never reaches an output with what could break it.

A hostile or broken source puts control characters, lone surrogates and
bidi overrides in a story's title and body; they are dropped where the text
enters, so the feed still parses in a podcast app and the captions, the page
and the MP3's tags hold none of them.
"""

from __future__ import annotations

import io
import json

import feedparser
import podcastparser
import pytest
from mutagen.id3 import ID3

from briefing.daily import run as daily

from briefing.publish import state
from briefing.config import Settings
from briefing.sources.fetch import HttpFetch
from conftest import NOW, eval_page, rss

C0 = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
C1 = [chr(c) for c in range(0x7F, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
FORBIDDEN = C0 + C1 + BIDI + SURROGATES


def forbidden_in(text: str) -> list[str]:
    return [c for c in text if c in FORBIDDEN]


def test_clean_drops_controls_surrogates_and_bidi_overrides_and_keeps_french():
    from briefing.sources import controls

    text = "L'été à Brest\u00a0: « 7 % », tab\there\nnext line" + "".join(FORBIDDEN) + "\u200b\u00e9"
    cleaned = controls.clean(text)
    assert cleaned == "L'été à Brest\u00a0: « 7 % », tab\there\nnext line\u200bé"
    assert controls.is_clean(cleaned) and not controls.is_clean(text)
    assert controls.clean("a\r\nb\rc") == "a\nb\nc"


def _hostile_feed(tmp_path, surrogates: bool = True) -> tuple[str, str]:
    """An RSS file whose one entry has every forbidden character in its title
    (as character references, as a feed writes them) and in its full text."""
    _, record = eval_page(13624)
    references = "".join(f"&#{ord(c)};" for c in C0 + C1 + BIDI) + ("&#xD800;&#xDFFF;" if surrogates else "")
    raw = "".join(C0[:5]) + "\u202e\u2066"  # and a few as themselves in the body
    body = "".join(f"<p>{p}{raw}</p>" for p in record["article"].replace(". ", ".\n").split("\n"))
    title = f"Un policier traîné {references} par une voiture"
    xml = rss([{"title": "TITLE", "link": "https://example.org/policier", "content": body}], title="Actu \u202eà l'envers")
    path = tmp_path / "hostile.xml"
    path.write_bytes(xml.replace("TITLE", title).encode("utf-8", "surrogatepass"))
    return str(path), title


@pytest.mark.parametrize("surrogates", [False, True], ids=["controls and bidi", "and lone surrogates"])
def test_a_hostile_story_goes_through_daily_and_every_output_is_clean(tmp_path, surrogates):
    source, _ = _hostile_feed(tmp_path, surrogates)
    out = tmp_path / "out"
    show = "Le Briefing\u202e du soir\x1b[31m"  # a user's own setting is cleaned too
    settings = Settings(now=NOW, output=out, sources=(source,), summary_sentences=1, show=show)
    done = daily.run(settings, HttpFetch())

    xml = (out / "feed.xml").read_bytes()
    podcast = podcastparser.parse("feed.xml", io.BytesIO(xml))
    (episode,) = podcast["episodes"]
    assert "Un policier traîné" in episode["description"] and "par une voiture" in episode["description"]
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Le Briefing du soir[31m"

    mp3 = done.result.episode.mp3
    texts = {
        "feed": xml.decode("utf-8"),
        "vtt": mp3.with_suffix(".vtt").read_text(encoding="utf-8"),
        "page": mp3.with_suffix(".html").read_text(encoding="utf-8"),
        "txt": mp3.with_suffix(".txt").read_text(encoding="utf-8"),
        "chapters": json.dumps(json.loads(mp3.with_name(mp3.stem + ".chapters.json").read_text(encoding="utf-8")),
                               ensure_ascii=False),
        "state": (out / state.STATE_NAME).read_text(encoding="utf-8"),
        "index": (out / "index.html").read_text(encoding="utf-8"),
        "id3": " ".join(str(frame) for frame in ID3(mp3).values() if not frame.FrameID.startswith("APIC")),
    }
    for name, text in texts.items():
        assert forbidden_in(text) == [], name
    assert "Un policier traîné" in texts["vtt"] and "Un policier traîné" in texts["id3"]


def test_a_feed_with_a_reference_to_a_lone_surrogate_is_read(tmp_path):
    from briefing.sources import articles as sources

    source, title = _hostile_feed(tmp_path)
    (item,) = sources.find(source, HttpFetch())
    assert item.title.startswith("Un policier traîné") and not forbidden_in(item.title)
    article = item.read()
    assert not forbidden_in(article.text) and not forbidden_in(article.site or "")
