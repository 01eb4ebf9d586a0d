"""Make docs/episode-page.png: the episode page of the example briefing, as
headless Chromium shows it with the third sentence highlighted.

Needs Chromium (apt-get install chromium) and the test extra (playwright).
Usage: python docs/screenshot.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefing import pipeline  # noqa: E402
from briefing.config import Settings  # noqa: E402


def main() -> int:
    browser_path = shutil.which("chromium")
    if not browser_path:
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        now = dt.datetime(2026, 11, 24, 8, 0).astimezone()
        result = pipeline.make([REPO / "examples" / "minsk-oreshnik.txt"], Settings(now=now, output=Path(tmp)))
        cue = result.episode.cues[2]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 900, "height": 1100})
            page.goto(result.episode.mp3.with_suffix(".html").as_uri())
            page.wait_for_function("document.getElementById('player').readyState >= 1")
            page.evaluate("t => { document.getElementById('player').currentTime = t; }", (cue.start_ms + 100) / 1000)
            page.wait_for_selector(".cue.current")
            page.evaluate("window.scrollTo(0, 0)")
            out = REPO / "docs" / "episode-page.png"
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
