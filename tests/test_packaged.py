import hashlib

import pytest

from briefing.tts.packaged import Missing, joined, packaged


def test_parts_are_joined_once_and_checked(tmp_path):
    parts = [tmp_path / f"part{n}" for n in (1, 2, 3)]
    for n, part in enumerate(parts):
        part.write_bytes(bytes([n]) * (1000 + n))
    whole = b"".join(p.read_bytes() for p in parts)
    target = tmp_path / "models" / "model.onnx"
    assert joined(target, parts, hashlib.sha256(whole).hexdigest()) == target
    assert target.read_bytes() == whole
    made = target.stat().st_mtime_ns
    joined(target, parts, hashlib.sha256(whole).hexdigest())
    assert target.stat().st_mtime_ns == made  # kept, not made again


def test_parts_that_do_not_make_the_file_leave_nothing(tmp_path):
    part = tmp_path / "part1"
    part.write_bytes(b"abc")
    target = tmp_path / "models" / "model.onnx"
    with pytest.raises(ValueError, match="its parts do not make the expected file"):
        joined(target, [part], "0" * 64)
    assert list(target.parent.iterdir()) == []  # no model, no temporary file


def test_a_package_that_is_not_installed_is_named():
    with pytest.raises(Missing, match="the package no-such-briefing-package is not installed"):
        packaged("no-such-briefing-package", "x/data.bin")
    with pytest.raises(Missing, match="pytest has no"):
        packaged("pytest", "pytest/no-such-file.bin")
