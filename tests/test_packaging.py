"""A wheel built from the repo carries the templates and jingles, and finds them."""

import subprocess
import sys
import zipfile

import pytest

from conftest import REPO, subprocess_env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(dist), str(REPO)],
        check=True, capture_output=True, env=subprocess_env(),
    )
    (built,) = dist.glob("briefing-*.whl")
    return built


def test_wheel_contains_templates_audio_and_the_summary_model(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("briefing/templates/fr/intro.j2", "briefing/templates/fr/story.j2",
                     "briefing/templates/fr/outro.j2", "briefing/templates/fr/page.html.j2",
                     "briefing/audio/intro.wav", "briefing/audio/outro.wav", "briefing/audio/sting.wav",
                     "briefing/audio/cover.png", "briefing/facts/salience.json"):
        assert expected in names
    # what only the tests and benches use stays with them
    assert not [n for n in names if "evaluation" in n or n.startswith(("tests/", "bench/"))]


def test_installed_package_finds_its_resources_not_the_current_folder(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, env=subprocess_env())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "from briefing.resources import templates_dir, jingle; print(templates_dir()); print(jingle('intro'))"
    env = subprocess_env()
    env["PYTHONPATH"] = str(site) + ":" + env["PYTHONPATH"].split(":", 1)[0]  # the guard, not the repo
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env, check=True)
    templates, intro = proc.stdout.split()
    assert templates.startswith(str(site)) and intro.startswith(str(site))
