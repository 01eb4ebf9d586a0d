"""Make the jingles shipped in this folder: intro, outro, and the sting between stories.

They are synthesised here from sine tones, so they are ours to license with
the project. Run ``make jingles`` (or this file, optionally with an output folder) to
make them again; the output is deterministic.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub's "no ffmpeg on PATH"
    from pydub import AudioSegment
    from pydub.generators import Sine

RATE = 44100
HERE = Path(__file__).resolve().parent

# MIDI-ish note names → Hz (equal temperament, A4 = 440).
NOTES = {"C5": 523.25, "E5": 659.26, "G5": 783.99, "C6": 1046.50, "G4": 392.00, "E4": 329.63, "C4": 261.63}


def bell(note: str, ms: int, volume_db: float) -> AudioSegment:
    """A soft bell: the note and two quiet overtones, struck then fading away."""
    freq = NOTES[note]
    tone = Sine(freq, sample_rate=RATE).to_audio_segment(duration=ms, volume=volume_db)
    for ratio, drop in ((2.0, 12), (3.0, 20)):
        tone = tone.overlay(Sine(freq * ratio, sample_rate=RATE).to_audio_segment(duration=ms, volume=volume_db - drop))
    return tone.fade_in(8).fade_out(int(ms * 0.85))


def phrase(notes: list[tuple[str, int]], length_ms: int, step_ms: int) -> AudioSegment:
    out = AudioSegment.silent(duration=length_ms, frame_rate=RATE)
    for i, (note, ms) in enumerate(notes):
        out = out.overlay(bell(note, ms, -20.0), position=i * step_ms)
    return out.set_channels(1).set_sample_width(2)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE
    intro = phrase([("C5", 1400), ("E5", 1400), ("G5", 1400), ("C6", 1800)], 2600, 220)
    outro = phrase([("G5", 1400), ("E5", 1400), ("C5", 1800), ("C4", 1800)], 2400, 200)
    sting = phrase([("E5", 700), ("G5", 700)], 800, 120)
    for name, audio in (("intro", intro.fade_out(400)), ("outro", outro.fade_out(600)), ("sting", sting.fade_out(300))):
        audio.export(out / f"{name}.wav", format="wav")
        print(f"wrote {out / name}.wav ({len(audio)} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
