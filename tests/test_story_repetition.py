"""No story says a thing twice, nor a punctuation mark twice: over every dev-set article.

A story's sentences are checked against its headline and against each other
with ``repetition.repeats``, the very function the script leaves repeats out
with; its transition against its headline. Each of the 500 articles is told
alone (the intro has said its headline) and in briefings of five (each story
opens on its headline).
"""

from __future__ import annotations

import dataclasses

import pytest

from briefing.facts import extract as facts

from briefing.script import repetition

from briefing.script import render as script

from briefing.french import sentences
from conftest import NOW

GROUP = 5


def _problems(rendered, stories) -> list[str]:
    problems = []
    for segment in rendered.segments:
        for line in segment.lines:
            for text in (line.text, line.spoken):
                if script.tidy_punctuation(text) != text:
                    problems.append(f"doubled punctuation: {text!r}")
    for segment, told in zip(rendered.segments[1:-1], stories):
        figure = script.key_facts(told, script.told(told))["figure"]
        if figure and figure not in told.sentences:
            problems.append(f"{told.article.source}: a figure said out of its sentence: {figure!r}")
        transition, *lines = [line.text for line in segment.lines]
        if repetition.repeats(transition, [told.headline]):
            problems.append(f"{told.article.source}: the transition restates the headline: {transition!r}")
        said_headline = sentences.split(script.tidy_punctuation(" ".join(f"{told.headline}.".split())))
        if lines[: len(said_headline)] == said_headline:
            lines = lines[len(said_headline) :]  # the headline itself, said by the story
        for i, line in enumerate(lines):
            if repetition.repeats(line, [told.headline, *lines[:i]]):
                problems.append(f"{told.article.source}: says again: {line!r}")
        if not lines:
            problems.append(f"{told.article.source}: says nothing but its transition")
    return problems


@pytest.mark.slow
def test_no_story_repeats_itself_alone_or_in_a_briefing(dev_facts, settings):
    dev_facts = [found for _, found in dev_facts.values()]
    assert len(dev_facts) == 500
    settings = dataclasses.replace(settings, cache=False)
    problems = []
    for told in dev_facts:
        problems += _problems(script.render([told], settings), [told])
    for start in range(0, len(dev_facts), GROUP):
        group = dev_facts[start : start + GROUP]
        problems += _problems(script.render(group, settings), group)
    assert problems == []


def test_the_seed_says_its_main_fact_once(settings, seed):
    """The headline, said in the intro, is not said again by the story, nor by the
    summary sentence that adds only the place and the date."""
    from briefing.sources import articles as sources

    told = facts.extract(sources.read(seed), today=NOW.date())
    story = script.render([told], settings).segments[1]
    assert [line.text for line in story.lines][0] == "Tout de suite, les détails."
    assert "ont signé un accord de sécurité conjoint" not in story.text


def test_a_repeat_is_measured_on_content_words():
    headline = "Vladimir Poutine et Alexandre Loukachenko ont signé un accord de sécurité conjoint"
    again = ("Le président russe Vladimir Poutine et son homologue biélorusse Alexandre Loukachenko "
             "ont signé un accord de sécurité conjoint à Minsk le 6 décembre.")
    other = "Selon M. Loukachenko, la Biélorussie déterminera les cibles des missiles Oreshnik."
    assert repetition.content_words("ont signé l'accord") == {"sign", "accord"}
    assert repetition.repeats(again, [headline])
    assert not repetition.repeats(other, [headline])
    assert not repetition.repeats("Le conseil a voté le budget hier soir.", ["Budget voté"])  # too short to repeat


def test_punctuation_is_said_once():
    assert script.tidy_punctuation("Il roulait à 234 km/h..") == "Il roulait à 234 km/h."
    assert script.tidy_punctuation("Comment osez-vous ?!.") == "Comment osez-vous ?"
    assert script.tidy_punctuation("Il attend... puis part.") == "Il attend… puis part."
