import subprocess
import sys

from briefing.ffmpeg import AudioSegment
from briefing.resources import jingle
from conftest import REPO


def test_jingles_are_shipped_and_sound():
    for name in ("intro", "outro"):
        audio = AudioSegment.from_file(jingle(name), format="wav")
        assert audio.channels == 1 and audio.frame_rate == 44100
        assert 1500 < len(audio) < 5000
        assert audio.max_dBFS < -1  # headroom
        assert audio[:500].rms > 100  # it starts playing at once
        assert audio[-50:].rms < audio[:500].rms / 10  # and fades out


def test_committed_jingles_are_what_the_script_makes(tmp_path):
    subprocess.run([sys.executable, str(REPO / "audio" / "make_jingles.py"), str(tmp_path)], check=True, capture_output=True)
    for name in ("intro", "outro"):
        assert (tmp_path / f"{name}.wav").read_bytes() == jingle(name).read_bytes()
