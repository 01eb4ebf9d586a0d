"""Voice engines register themselves: a new one is one file, and no engine's
name is written anywhere else in briefing.

The « tone » engine below is defined here and nowhere else: it speaks every
line as a 440 Hz tone as long as its characters at its declared speaking rate.
Registered, it makes whole briefings through ``pipeline.make`` and the
command line, with no other change to briefing.
"""

from __future__ import annotations

import ast
import dataclasses
import pkgutil
from pathlib import Path

import numpy as np
import pytest
from audio_helpers import decoded, dominant_hz
from conftest import REPO, SEED
from mutagen.id3 import ID3
from typer.testing import CliRunner

from briefing import config, pipeline
from briefing.cli import app
from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment, mp3_duration_ms
from briefing.models import Script
from briefing.option import Option
from briefing import length
from briefing.tts import engines, registry, tempo
from briefing.tts.registry import Voice, register

SAMPLE_RATE = 24000
CHARS_PER_SECOND = 25.0  # unlike every real engine's, so an estimate made with another's shows


class ToneEngine:
    """Every line a tone, ``len(line) / CHARS_PER_SECOND`` seconds long."""

    name = "tone"
    workers = 2

    def __init__(self, hz: float) -> None:
        self.hz = hz

    def options(self) -> dict[str, object]:
        return {"hz": self.hz}

    def chunks(self, text: str) -> list[str]:
        return [text] if text.strip() else []

    def fetch(self, chunk: str) -> bytes:
        t = np.arange(round(len(chunk) / CHARS_PER_SECOND * SAMPLE_RATE)) / SAMPLE_RATE
        return (0.3 * np.sin(2 * np.pi * self.hz * t) * 32767).astype("<i2").tobytes()

    def decode(self, data: bytes) -> AudioSegment:
        return AudioSegment(data=data, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)

    def synthesize(self, chunk: str) -> AudioSegment:
        return self.decode(self.fetch(chunk))


TONE = Voice(
    name="tone",
    about="a tone for every line; offline",
    make=lambda settings: ToneEngine(TONE.setting(settings, "tone_hz")),
    options=(Option("tone_hz", float, 440.0, "tone: its pitch.", key="voice.tone.hz", flag="--hz", low=100, high=2000,
                    commands=("make", "read"), parts=("voice",)),),
    chars_per_second=CHARS_PER_SECOND,
    # leaves: the default, every speed is left to ffmpeg's atempo
)


@pytest.fixture
def tone(monkeypatch):
    monkeypatch.setattr(registry, "VOICES", dict(registry.VOICES))  # forgotten after the test
    return register(TONE)


def _chapters(mp3: Path) -> list[tuple[str, int, int]]:
    tags = ID3(mp3)
    (toc,) = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    return [(str(chaps[i].sub_frames["TIT2"]), chaps[i].start_time, chaps[i].end_time) for i in toc.child_element_ids]


def test_a_voice_defined_in_a_test_file_makes_a_briefing_of_the_length_it_declares(tone, settings):
    sized = dataclasses.replace(settings, engine="tone", rate=1.25)
    result = pipeline.make([SEED], sized, minutes=1.0)
    episode = result.episode
    assert result.files[0] == episode.mp3 and episode.mp3.suffix == ".mp3"
    said = Script(date=episode.date, show=episode.show, title=episode.title, stem=episode.mp3.stem, segments=episode.segments)
    # the speaking rate --minutes sized the script with is the tone's (at 1.25 times its speed): the estimate is the episode
    expected_ms = length.seconds(said, "tone", sized) * 1000
    assert mp3_duration_ms(episode.mp3) == pytest.approx(expected_ms, rel=0.01)
    assert abs(length.seconds(said, "espeak", sized) * 1000 - expected_ms) > 0.05 * expected_ms  # another rate would not do
    # one chapter a segment, in order, end to end; in each, the tone at its own pitch (atempo keeps it)
    chapters = _chapters(episode.mp3)
    assert [title for title, _, _ in chapters] == [segment.title for segment in episode.segments]
    assert [(start, end) for _, start, end in chapters] == [(c.start_ms, c.end_ms) for c in episode.chapters]
    samples, rate = decoded(episode.mp3)
    for title, start, end in chapters:
        middle = (start + end) // 2
        heard = samples[(middle - 250) * rate // 1000 : (middle + 250) * rate // 1000]
        assert dominant_hz(heard, rate) == pytest.approx(440, abs=5), title


def test_the_command_line_lists_the_voice_and_speaks_with_it(tone, tmp_path):
    runner = CliRunner()
    listed = runner.invoke(app, ["engines"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    (row,) = [line for line in listed.output.splitlines() if line.startswith("tone ")]
    assert row.split()[1] == "yes" and "a tone for every line; offline" in row
    # --engine's help is written when the command line is built: it names every engine of the folder, in auto's order
    shown = " ".join(runner.invoke(app, ["make", "--help"], env={"COLUMNS": "300"}).output.replace("│", " ").split())
    assert "Voice: gtts (Google Translate's voice; online, natural), espeak (espeak-ng; offline, robotic), kokoro (" in shown
    assert "or auto: gtts when Google's voice answers, else espeak." in shown

    made = runner.invoke(app, ["make", str(SEED), "-o", str(tmp_path / "out"), "--engine", "tone", "--quiet"])
    assert made.exit_code == 0, made.output
    mp3 = Path(made.output.splitlines()[0])
    assert mp3.suffix == ".mp3" and mp3.parent == tmp_path / "out"
    chapters = _chapters(mp3)
    assert chapters[0][0] and chapters[-1][2] == pytest.approx(mp3_duration_ms(mp3), abs=100)

    path = tmp_path / "briefing.toml"
    path.write_text('[voice]\nengine = "tone"\nfallback = "tone"\n', encoding="utf-8")
    assert (config.load(path).engine, config.load(path).fallback) == ("tone", "tone")


def test_a_voice_declares_its_speed_its_rate_and_its_options(tone):
    assert tempo.residual("tone", 1.5) == 1.5  # all of it left to atempo
    assert tempo.residual("espeak", 1.5) == tempo.residual("kokoro", 0.6) == 1.0  # they speak at any speed
    assert (tempo.residual("gtts", 0.7), tempo.residual("gtts", 0.9)) == (1.0, 0.9)  # Google's own slow voice, at 0.75 and under
    assert length.default_cps("tone") == CHARS_PER_SECOND
    assert [o.key for o in registry.engine_options() if o.table == "voice.tone"] == ["voice.tone.hz"]
    assert registry.choices()[-1] == "tone" and "tone" not in [v.name for v in registry.auto_order()]  # only when asked
    with pytest.raises(ValueError, match=r"must be a key of \[voice.chime\]"):
        register(dataclasses.replace(TONE, name="chime"))
    with pytest.raises(ValueError, match="cannot name a voice engine"):
        register(dataclasses.replace(TONE, name="auto", options=()))
    with pytest.raises(EngineError, match=r"unknown voice engine 'chime' \(known: auto, gtts, espeak, kokoro, tone\)"):
        registry.voice("chime")


def test_the_readme_s_example_registers_a_voice(monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Adding a voice", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.setattr(registry, "VOICES", dict(registry.VOICES))
    made = {}
    exec(example, {"MineEngine": lambda **options: made.update(options) or ToneEngine(440.0)})
    mine = registry.voice("mine")
    assert (mine.chars_per_second, tempo.residual("mine", 1.5), mine.options[0].key) == (16.0, 1.0, "voice.mine.pitch")
    mine.make(dataclasses.replace(config.Settings(), rate=1.2))
    assert made == {"speed": 1.2, "pitch": 1.0}


def test_auto_takes_google_when_it_answers_else_the_offline_voice_and_kokoro_only_when_asked():
    assert [v.name for v in registry.auto_order()] == ["gtts", "espeak"]
    assert registry.offline_default().name == "espeak"
    assert registry.voice("gtts").online and not registry.voice("kokoro").online


def test_every_module_of_the_engines_folder_registers_the_engine_it_is_named_for():
    modules = [m.name for m in pkgutil.iter_modules(engines.__path__)]
    assert sorted(modules) == sorted(registry.names()) == ["espeak", "gtts", "kokoro"]
    fields = {f.name for f in dataclasses.fields(config.Settings)}
    for option in registry.engine_options():
        assert option.name in fields  # its value is a setting of the run


def test_no_engine_name_is_written_outside_its_own_file():
    """A quoted engine name ("gtts") outside ``briefing/tts/engines/gtts.py`` is
    a comparison or a table by name that a new engine would have to join."""
    package = REPO / "briefing"
    found = []
    for path in sorted(package.rglob("*.py")):
        own = path.stem if path.parent == package / "tts" / "engines" else None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in registry.names() and node.value != own:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert not found, "engine names outside their own file:\n" + "\n".join(found)
