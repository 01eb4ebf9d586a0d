"""The voice engines, one file each, named as the engine: each registers itself
(``briefing.tts.registry`` imports every module of this folder)."""
