"""The episode page and the index page, in a real browser (headless Chromium + axe-core)."""

from __future__ import annotations

import pytest

import browser as b
from briefing import pipeline


pytestmark = pytest.mark.browser  # skipped, each by name, where there is no browser (see conftest)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from conftest import NOW, SEED
    from briefing.config import Settings

    out = tmp_path_factory.mktemp("site")
    settings = Settings(now=NOW, output=out)
    return pipeline.make([SEED], settings)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = b.launch(playwright)
        yield browser
        browser.close()


def _loaded(page):
    page.wait_for_function("document.getElementById('player').readyState >= 1", timeout=10_000)
    return page


def test_episode_page_has_no_wcag_21_aa_violations(made, chromium):
    page = _loaded(b.open_page(chromium, made.episode.mp3.with_suffix(".html")))
    assert b.axe_violations(page) == []


def test_index_page_has_no_wcag_21_aa_violations(made, chromium):
    page = b.open_page(chromium, made.episode.mp3.parent / "index.html")
    assert b.axe_violations(page) == []
    links = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
    assert made.episode.mp3.with_suffix(".html").name in links and made.episode.mp3.name in links


def test_the_sentence_being_spoken_is_highlighted(made, chromium):
    page = _loaded(b.open_page(chromium, made.episode.mp3.with_suffix(".html")))
    cues = made.episode.cues
    for cue in (cues[1], cues[4], cues[-1]):
        page.evaluate("t => { document.getElementById('player').currentTime = t; }", (cue.start_ms + 100) / 1000)
        page.wait_for_function(
            "text => { const c = document.querySelector('.cue.current'); return c && c.textContent === text; }",
            arg=cue.text, timeout=5_000,
        )
        assert page.eval_on_selector_all(".cue.current", "els => els.length") == 1
        assert page.eval_on_selector(".cue.current", "e => e.getAttribute('aria-current')") == "true"


def test_chapter_buttons_seek(made, chromium):
    page = _loaded(b.open_page(chromium, made.episode.mp3.with_suffix(".html")))
    buttons = page.locator("nav button.chapter")
    assert buttons.count() == len(made.episode.chapters)
    target = made.episode.chapters[-1]
    buttons.nth(len(made.episode.chapters) - 1).click()
    page.wait_for_function(
        "t => Math.abs(document.getElementById('player').currentTime - t) < 0.5", arg=target.start_ms / 1000, timeout=5_000
    )


def test_playback_rate_buttons(made, chromium):
    page = _loaded(b.open_page(chromium, made.episode.mp3.with_suffix(".html")))
    page.get_by_role("button", name="× 1,5").click()
    assert page.evaluate("document.getElementById('player').playbackRate") == 1.5
    assert page.get_by_role("button", name="× 1,5").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="× 1", exact=True).get_attribute("aria-pressed") == "false"


def test_keyboard_reaches_every_control_with_a_visible_focus(made, chromium):
    page = _loaded(b.open_page(chromium, made.episode.mp3.with_suffix(".html")))
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                       return [e.tagName, e.textContent.trim().slice(0, 30), s.outlineStyle, s.outlineWidth]; }"""
        )
        if focused[0] == "BODY":
            break
        seen.append(focused)
        if focused[0] in ("A", "BUTTON"):
            assert focused[2] != "none" and focused[3] != "0px", focused
    tags = [s[0] for s in seen]
    assert "AUDIO" in tags
    assert tags.count("BUTTON") >= len(made.episode.chapters) + 4  # chapters and four speeds


def test_without_javascript_the_audio_and_transcript_are_there(made, chromium):
    page = b.open_page(chromium, made.episode.mp3.with_suffix(".html"), javascript=False)
    assert page.locator("audio track[kind=captions]").count() == 1
    text = page.inner_text("#transcription")
    for cue in made.episode.cues:
        assert cue.text in text
    # chapters stay links to their part of the transcript
    assert page.locator("nav a.chapter").count() == len(made.episode.chapters)
    assert page.locator("#vitesse").is_hidden()  # speed buttons need JavaScript, so they stay hidden
