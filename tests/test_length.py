"""--minutes: briefings that last what was asked, measured on the real MP3."""

import dataclasses
import json

import pytest

from briefing import pipeline

from briefing import length

from briefing.script import render as script
from briefing.ffmpeg import mp3_duration_ms
from conftest import EVAL

PAGES = sorted(EVAL.glob("orangesum-*.html"))


@pytest.mark.usefixtures("shared_facts")  # what is done with the facts (conftest); not the test that counts parses
@pytest.mark.parametrize(
    "pages, minutes",
    [
        (PAGES[0:3], 3.4),
        (PAGES[3:6], 2.5),
        (PAGES[6:8], 2.0),
        (PAGES[8:12], 4.0),
    ],
    ids=["3 stories in 3.4 min", "3 stories in 2.5 min", "2 stories in 2 min", "4 stories in 4 min"],
)
def test_briefing_lands_within_ten_percent_of_the_minutes_asked(settings, pages, minutes):
    sized = dataclasses.replace(settings, engine="espeak")
    result = pipeline.make(pages, sized, minutes=minutes)
    actual = mp3_duration_ms(result.episode.mp3) / 60_000
    assert abs(actual - minutes) / minutes <= length.TOLERANCE, f"{actual:.2f} min for {minutes} asked"
    assert len(result.episode.chapters) == len(pages) + 2  # every story kept


@pytest.mark.usefixtures("shared_facts")
def test_estimate_matches_what_is_made(settings):
    sized = dataclasses.replace(settings, engine="espeak")
    the_script = pipeline.write_script(PAGES[:2], sized)
    estimate = length.seconds(the_script, "espeak", sized)
    made = pipeline.produce(the_script, sized).episode
    assert abs(estimate - made.duration_ms / 1000) / estimate < 0.05


@pytest.mark.usefixtures("shared_facts")
def test_too_many_stories_for_the_time_leaves_the_last_out(settings):
    result = pipeline.make(PAGES[:6], dataclasses.replace(settings, engine="espeak"), minutes=1.5)
    stories = [c for c in result.episode.chapters if c.kind == "story"]
    assert 1 <= len(stories) < 6
    assert mp3_duration_ms(result.episode.mp3) / 60_000 <= 1.5 * (1 + length.TOLERANCE)


@pytest.mark.usefixtures("shared_facts")
def test_a_slower_voice_gets_shorter_summaries(settings):
    fast = dataclasses.replace(settings, engine="espeak")
    slow = dataclasses.replace(fast, rate=0.6)
    articles = [p for p in PAGES[:3]]
    from briefing.sources import articles as sources
    from briefing.sources.fetch import HttpFetch

    loaded = sources.load(articles, HttpFetch(), lambda _: None)
    at_speed = pipeline.fit(loaded, fast, "espeak", 3.0)
    slower = pipeline.fit(loaded, slow, "espeak", 3.0)
    assert sum(len(f.summary) for f in slower) < sum(len(f.summary) for f in at_speed)


def test_fitting_parses_each_article_once_and_tells_what_extract_tells(settings, monkeypatch):
    from briefing.facts import nlp
    from briefing.sources import articles as sources
    from briefing.sources.fetch import HttpFetch

    parses = []
    parse = nlp.parse
    monkeypatch.setattr(nlp, "parse", lambda *args: parses.append(args) or parse(*args))
    loaded = sources.load(PAGES[:3], HttpFetch(), lambda _: None)
    uncached = dataclasses.replace(settings, engine="espeak", cache=False)
    told = pipeline.fit(loaded, uncached, "espeak", 3.0)
    assert len(parses) == 3  # not once per summary length tried
    by_length = ([pipeline.extract(a, dataclasses.replace(uncached, summary_sentences=n)) for a in loaded]
                 for n in range(1, length.MAX_SENTENCES + 1))
    assert told in by_length  # the facts of one of the lengths (made until found)


@pytest.mark.usefixtures("shared_facts")
def test_speaking_rates_are_measured_from_each_run(settings):
    sized = dataclasses.replace(settings, engine="espeak")
    pipeline.make(PAGES[:3], sized)
    rates = json.loads((settings.cache_dir / length.RATES_FILE).read_text())
    measured = rates["espeak"]["chars"] / rates["espeak"]["seconds"]
    assert abs(measured - length.default_cps("espeak")) / length.default_cps("espeak") < 0.15
    assert rates["espeak"]["seconds"] > length.MIN_MEASURED_SECONDS
    assert length.cps("espeak", sized) == pytest.approx(measured)
    # Google's voice has no measurement yet: the default stands
    assert length.cps("gtts", sized) == length.default_cps("gtts") == 14.5


def test_a_damaged_rates_file_is_ignored(settings):
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    (settings.cache_dir / length.RATES_FILE).write_text('{"espeak": {"chars": "many"}}')
    assert length.cps("espeak", settings) == length.default_cps("espeak") == 20.3
