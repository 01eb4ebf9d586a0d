import json
from html.parser import HTMLParser

import pytest
import webvtt

from audio_helpers import decoded, dominant_hz, rms, tone_take
from briefing import pipeline
from briefing.mix import assemble as mix
from briefing.publish import transcript
from briefing.models import Article
from briefing import tts
from briefing.facts import extract as facts
from briefing.script import render as script
from conftest import NOW

TODAY = NOW.date()  # the run's date, for dates in articles that have none


@pytest.fixture
def tone_episode(settings):
    """Every line a tone of its own pitch, so each cue can be heard where it says."""
    takes = [
        tone_take("intro", "Introduction", [(300, 900), (360, 700)]),
        tone_take("story", "Une histoire", [(420, 1200), (480, 600), (540, 1000)]),
        tone_take("outro", "Conclusion", [(600, 800)]),
    ]
    episode = mix.assemble(takes, settings)
    transcript.write(episode, settings)
    return episode, [300, 360, 420, 480, 540, 600]


def test_vtt_has_one_cue_per_line_heard_between_its_times(tone_episode):
    episode, pitches = tone_episode
    captions = webvtt.read(str(episode.mp3.with_suffix(".vtt")))
    assert len(captions) == len(pitches) == sum(len(s.lines) for s in episode.segments)
    samples, rate = decoded(episode.mp3)
    previous_end = 0.0
    for caption, pitch, cue in zip(captions, pitches, episode.cues):
        start, end = caption.start_in_seconds + caption.start_time.milliseconds / 1000, caption.end_in_seconds + caption.end_time.milliseconds / 1000
        assert abs(start * 1000 - cue.start_ms) <= 1 and abs(end * 1000 - cue.end_ms) <= 1
        assert previous_end <= start < end  # in order, never overlapping
        previous_end = end
        heard = samples[int((start + 0.03) * rate) : int((end - 0.03) * rate)]
        assert abs(dominant_hz(heard, rate) - pitch) < 8
        assert caption.text == cue.text


def test_vtt_gaps_between_sentences_are_quiet(tone_episode):
    episode, _ = tone_episode
    samples, rate = decoded(episode.mp3)
    cues = episode.cues
    story = [c for c in cues if c.text.startswith("Une histoire")]
    for before, after in zip(story, story[1:]):
        gap = samples[int((before.end_ms + 40) * rate / 1000) : int((after.start_ms - 40) * rate / 1000)]
        assert rms(gap) < 0.01


def test_chapters_json(tone_episode):
    episode, _ = tone_episode
    data = json.loads((episode.mp3.parent / f"{episode.mp3.stem}.chapters.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert [c["title"] for c in data["chapters"]] == ["Introduction", "Une histoire", "Conclusion"]
    for chapter, expected in zip(data["chapters"], episode.chapters):
        assert chapter["startTime"] == expected.start_ms / 1000
        assert chapter["endTime"] == expected.end_ms / 1000


def test_timestamp():
    assert transcript.timestamp(0) == "00:00:00.000"
    assert transcript.timestamp(3_723_456) == "01:02:03.456"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.attrs = [], [], {}
        self.open = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))
        if tag not in ("meta", "link", "br", "img", "input", "track", "source"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_html_page_escapes_article_text_and_links_everything(settings):
    article = Article(
        source="x.txt",
        text="Le pirate a été arrêté hier soir à Lyon après une longue enquête de la police. "
        "Le pirate a glissé <script>alert('x')</script> dans le texte publié mardi par le journal.",
    )
    the_script = script.render([facts.extract(article, today=TODAY)], settings)
    episode = mix.assemble(tts.speak(the_script, tts.get_engine("espeak", settings)), settings)
    (html_path,) = [p for p in transcript.write(episode, settings) if p.suffix == ".html"]
    html = html_path.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    page = _Page()
    page.feed(html)
    assert not page.open  # every element closed, properly nested
    assert page.attrs["html"][0]["lang"] == "fr"
    assert page.attrs["audio"][0]["src"] == episode.mp3.name
    track = page.attrs["track"][0]
    assert track["kind"] == "captions" and track["src"] == episode.mp3.with_suffix(".vtt").name and track["srclang"] == "fr"
    assert page.tags.count("h1") == 1
    assert "<script>alert('x')</script>" in "".join(page.text)  # shown as text
    assert len(page.attrs["span"]) >= len(episode.cues)


def test_real_voice_one_cue_per_sentence(settings, seed):
    result = pipeline.make([seed], settings)
    episode = result.episode
    captions = webvtt.read(str(episode.mp3.with_suffix(".vtt")))
    sentences = [line.text for segment in episode.segments for line in segment.lines]
    assert [c.text for c in captions] == sentences
    samples, rate = decoded(episode.mp3)
    for cue in episode.cues:
        heard = samples[int(cue.start_ms * rate / 1000) : int(cue.end_ms * rate / 1000)]
        assert rms(heard) > 0.02, cue.text  # speech, where the cue says
    assert episode.cues[-1].end_ms <= episode.duration_ms
