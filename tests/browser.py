"""Headless Chromium for the accessibility tests, when this machine has it.

Chromium comes from Debian's packages and axe-core from npm (``.ci/run``
installs both); Playwright drives the browser it is given, downloading none.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO

AXE = REPO / "tools" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if chromium() is None:
        return "Chromium is not installed (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core is not installed (npm ci --prefix {AXE.parents[2].relative_to(REPO)})"
    return None


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                               nodes: v.nodes.map(n => n.target.join(' '))}));
        }""",
        WCAG_21_AA,
    )


def open_page(browser, path: Path, javascript: bool = True):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(path.as_uri())
    return page


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
