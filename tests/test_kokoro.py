"""The natural offline voice, Kokoro: a briefing through the whole pipeline, its
voices file, its speed; skipped by name where the kokoro extra is not installed."""

import dataclasses
import io
import multiprocessing

import numpy as np
import pytest
import webvtt

import command
from audio_helpers import decoded, lufs, rms, true_peak_dbtp
from briefing import pipeline
from briefing.config import Settings
from briefing.errors import EngineError, InputError
from briefing.facts import nlp
from briefing.ffmpeg import mp3_duration_ms
from briefing.tts import statuses, tempo
from briefing.tts.engines import kokoro
from briefing.tts.engines.kokoro import KokoroEngine
from conftest import NOW, SEED

pytestmark = pytest.mark.kokoro


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """One folder for the joined model, shared by the tests of this file."""
    return tmp_path_factory.mktemp("models")


# A short story (kokoro takes seconds of CPU a sentence on this machine).
STORY = """Le conseil municipal de Lyon a voté mardi un budget de douze millions d'euros pour rénover trente écoles.
Les travaux commenceront au printemps et dureront deux ans, a précisé l'adjointe chargée de l'éducation.
Les parents d'élèves réclamaient ces rénovations depuis plusieurs années.
"""


@pytest.fixture(scope="module")
def briefing(tmp_path_factory, models):
    """A short story's briefing, one sentence of summary, spoken by kokoro.

    The story is said through the built-in template; the intro and outro are a
    line each (templates of the user's own), so that kokoro voices little else.
    """
    root = tmp_path_factory.mktemp("kokoro")
    story = root / "lyon.txt"
    story.write_text(STORY, encoding="utf-8")
    mine = root / "templates"
    mine.mkdir()
    (mine / "intro.j2").write_text("{{ greeting }}, voici {{ show }}.\n", encoding="utf-8")
    (mine / "outro.j2").write_text("À demain.\n", encoding="utf-8")
    settings = Settings(now=NOW, output=root / "out", cache_dir=models, engine="kokoro", summary_sentences=1,
                        templates=mine)
    said = []
    assemble = pipeline.mix.assemble
    at_mix = []  # when the mix starts: the processes of this one alive, and whether the language model is loaded

    def mixing(*args, **kwargs):
        at_mix.append(([child.name for child in multiprocessing.active_children()], nlp._pipeline.cache_info().currsize))
        return assemble(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.mix, "assemble", mixing)
        result = pipeline.make([story], settings, progress=said.append)
    return settings, result, said, at_mix, story


def test_a_briefing_spoken_by_kokoro(briefing):
    settings, result, said, *_ = briefing
    episode = result.episode
    assert any(line.startswith("voicing 3 segments with kokoro") for line in said)
    assert abs(mp3_duration_ms(episode.mp3) - episode.duration_ms) <= 100  # the MP3 decodes, as long as it says
    samples, rate = decoded(episode.mp3)
    assert abs(lufs(samples, rate) - settings.loudness_lufs) <= 1.0
    assert true_peak_dbtp(samples) <= settings.true_peak_dbtp
    # the captions are the lines of the script, timed from kokoro's audio: inside the episode, in order, on speech
    captions = webvtt.read(str(episode.mp3.with_suffix(".vtt")))
    assert [c.text for c in captions] == [line.text for segment in episode.segments for line in segment.lines]
    for before, cue in zip(episode.cues, episode.cues[1:]):
        assert before.end_ms <= cue.start_ms
    assert 0 < episode.cues[0].start_ms and episode.cues[-1].end_ms <= episode.duration_ms
    for cue in episode.cues:
        assert rms(samples[cue.start_ms * rate // 1000 : cue.end_ms * rate // 1000]) > 0.02, cue.text
    assert [c.title for c in episode.chapters] == [s.title for s in episode.segments]


def test_the_workers_end_before_the_mix_and_the_language_model_before_the_workers_start(briefing):
    """The workers' memory goes once the script is voiced: it never adds up
    with the mix's; the language model's went before they started."""
    *_, at_mix, _ = briefing
    assert at_mix == [([], 0)]


def test_a_repeat_run_takes_every_sentence_from_the_cache(briefing, monkeypatch):
    settings, first, *_, story = briefing

    def refuse(self, chunk):
        raise AssertionError(f"kokoro asked again for {chunk!r}")

    monkeypatch.setattr(KokoroEngine, "fetch", refuse)
    said = []
    again = pipeline.make([story], dataclasses.replace(settings, output=settings.output.parent / "again"), progress=said.append)
    voicing = next(line for line in said if line.startswith("voicing"))
    chunks = int(voicing.split(": ")[1].split()[0])
    assert f"{chunks} chunks, {chunks} from the cache" in voicing
    assert again.episode.duration_ms == first.episode.duration_ms


def test_kokoro_sets_its_own_speed(models):
    text = "Les missiles seront déployés avant la fin de l'année."
    normal = KokoroEngine(models=models).synthesize(text)
    fast = KokoroEngine(speed=1.6, models=models).synthesize(text)
    assert abs(len(normal) / len(fast) - 1.6) < 0.25
    assert tempo.residual("kokoro", 1.6) == 1.0  # nothing left for atempo to stretch


def test_sentences_are_said_one_at_a_time_and_long_ones_cut_at_clauses(models):
    engine = KokoroEngine(models=models)
    long = ("Les autorités ont indiqué, dans un communiqué publié samedi soir, que la mesure serait appliquée "
            "dans toutes les régions du pays, y compris celles qui avaient jusque-là échappé aux restrictions.")
    chunks = engine.chunks(f"Bonjour. {long} Au revoir.")
    assert chunks[0] == "Bonjour." and chunks[-1] == "Au revoir."
    assert len(chunks) > 3 and all(len(c) <= kokoro.CHUNK_LIMIT for c in chunks)
    assert " ".join(chunks[1:-1]) == long


def test_workers_are_as_many_as_the_cores_and_the_memory_hold(monkeypatch):
    most = max(1, kokoro.WORKERS_MEMORY // kokoro.WORKER_PEAK)
    assert KokoroEngine(workers=16).workers == min(kokoro.CORES, most)  # 0.5 GB each: one, within 1 GB with spaCy and the mix
    assert KokoroEngine(workers=1).workers == 1
    monkeypatch.setattr(kokoro, "WORKERS_MEMORY", 64 * 2**30)
    assert KokoroEngine(workers=16).workers == kokoro.CORES
    monkeypatch.setattr(kokoro, "_free_memory", lambda: 100 * 2**20)  # less free than one worker takes: one all the same
    assert KokoroEngine(workers=16).workers == 1


def test_a_worker_gives_back_the_memory_of_a_long_sentence(models):
    engine = KokoroEngine(models=models)
    long = ("Selon les chiffres publiés par l'Insee, le taux de chômage a reculé de deux dixièmes "
            "au troisième trimestre, à sept virgule quatre pour cent.")
    assert len(long) <= kokoro.CHUNK_LIMIT
    assert len(engine.synthesize(long)) > 5000
    for pid in kokoro._pool(engine.model(), engine.workers)._processes:
        status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status").read().splitlines())
        peak, now = (int(status[key].split()[0]) * 1024 for key in ("VmHWM", "VmRSS"))
        assert now < peak - 100 * 2**20, (now, peak)  # the sentence's working memory went back once it was said


def _voices_file(path, voices):
    buffer = io.BytesIO()
    np.savez(buffer, **voices)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_users_voices_file_and_its_voices(tmp_path, models):
    style = np.random.default_rng(1).normal(size=kokoro.STYLE_SHAPE).astype(np.float32)
    path = _voices_file(tmp_path / "voices-v1.0.bin", {"af_heart": style * 0, "ff_siwis": style, "jm_kumo": style + 1})
    french = KokoroEngine(voice_file=path, models=models)
    assert french.voice == "ff_siwis" and np.array_equal(french.style, style)  # its French voice unless told
    other = KokoroEngine(voice="jm_kumo", voice_file=path, models=models)
    shipped = KokoroEngine(voice="jm_kumo", models=models)
    assert other.options() != shipped.options()  # same name, other voice: never the other's cached audio
    with pytest.raises(InputError, match=r"voices-v1.0.bin: has no voice named 'ff_nope' \(it has af_heart, ff_siwis, jm_kumo\)"):
        KokoroEngine(voice="ff_nope", voice_file=path)
    english = _voices_file(tmp_path / "english.npz", {"af_heart": style})
    with pytest.raises(InputError, match="has no French voice"):
        KokoroEngine(voice_file=english)
    with pytest.raises(EngineError, match=r"no voice named 'ff_siwis' \(shipped: .*jm_kumo.*--voice-file"):
        KokoroEngine(voice="ff_siwis")


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    (b"not a voices file at all", "is not a Kokoro voices file"),
    ("npy", "is not a Kokoro voices file"),
    ("wrong shape", "is not a Kokoro voice"),
])
def test_a_bad_voices_file_is_one_line(tmp_path, content, problem):
    path = tmp_path / "voices.bin"
    if content == "npy":
        buffer = io.BytesIO()
        np.save(buffer, np.zeros(kokoro.STYLE_SHAPE, dtype=np.float32))
        path.write_bytes(buffer.getvalue())
    elif content == "wrong shape":
        _voices_file(path, {"ff_siwis": np.zeros((3, 256), dtype=np.float32)})
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        KokoroEngine(voice_file=path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_missing_voices_file_from_the_command_line_is_exit_2(tmp_path):
    run = command.briefing("make", SEED, "-o", tmp_path, "--engine", "kokoro",
                           "--voice-file", tmp_path / "voices-v1.0.bin", "--voice", "ff_siwis")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1] == (
        f"briefing: error: {tmp_path / 'voices-v1.0.bin'}: no such file (a Kokoro voices file, e.g. voices-v1.0.bin)"
    )
    assert not list(tmp_path.glob("*.mp3"))


def test_engines_says_what_kokoro_is_and_how_to_have_a_french_voice():
    (row,) = [s for s in statuses(Settings(), probe=lambda url: "cannot connect") if s.name == "kokoro"]
    assert row.usable == "yes"
    assert "Japanese" in row.about and f"{kokoro.DEFAULT_VOICE}, the default" in row.about
    assert "--voice-file voices-v1.0.bin --voice ff_siwis" in row.about
    assert f"--voice {kokoro.DEFAULT_VOICE}" in row.options and "--rate 1 (speed)" in row.options


def test_auto_never_takes_kokoro(monkeypatch):
    from briefing.tts import choose

    voices = choose(Settings(engine="auto"), probe=lambda url: "cannot connect")
    assert voices.engine.name == "espeak"
