import subprocess
import sys

from briefing.ffmpeg import AudioSegment
from briefing.resources import default_cover, jingle
from conftest import REPO


def test_jingles_are_shipped_and_sound():
    for name in ("intro", "outro", "sting"):
        audio = AudioSegment.from_file(jingle(name), format="wav")
        assert audio.channels == 1 and audio.frame_rate == 44100
        assert 500 < len(audio) < 5000
        assert audio.max_dBFS < -1  # headroom
        assert audio[:500].rms > 100  # it starts playing at once
        assert audio[-50:].rms < audio[:500].rms / 10  # and fades out


def test_committed_jingles_are_what_the_script_makes(tmp_path):
    subprocess.run([sys.executable, str(REPO / "audio" / "make_jingles.py"), str(tmp_path)], check=True, capture_output=True)
    for name in ("intro", "outro", "sting"):
        assert (tmp_path / f"{name}.wav").read_bytes() == jingle(name).read_bytes()


def test_committed_cover_is_what_the_script_makes(tmp_path):
    subprocess.run([sys.executable, str(REPO / "audio" / "make_cover.py"), str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / "cover.png").read_bytes() == default_cover().read_bytes()
    png = default_cover().read_bytes()
    assert png.startswith(b"\x89PNG") and png[16:24] == (1400).to_bytes(4, "big") * 2
