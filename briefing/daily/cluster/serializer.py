"""How the cluster's messages are written: pickle, read back by an unpickler
that builds only briefing's own values (and the few standard and Celery types
they and Celery's results are made of), never any other callable.

The messages carry briefing's dataclasses (settings, stories, scripts), which
JSON cannot; a plain pickle would let anyone who can write to the broker run
any code on the workers, and Celery refuses to run pickle as root. Only a
trusted Redis should be the broker all the same (docs/scaling.md).
"""

from __future__ import annotations

import io
import pickle

from kombu.serialization import register

NAME = "briefing"
CONTENT_TYPE = "application/x-briefing-pickle"
_MODULES = ("briefing.", "celery.", "billiard.", "kombu.", "redis.exceptions")
_NAMES = {
    ("builtins", name) for name in (
        "set", "frozenset", "tuple", "list", "dict", "bytes", "bytearray", "complex", "slice", "range",
        "Exception", "BaseException", "ValueError", "OSError", "RuntimeError", "KeyError", "TypeError",
        "ConnectionError", "TimeoutError", "MemoryError", "AttributeError", "IndexError",
    )
} | {
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"), ("datetime", "timedelta"),
    ("datetime", "timezone"), ("zoneinfo", "ZoneInfo"), ("zoneinfo._zoneinfo", "ZoneInfo"),
    ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "Path"), ("pathlib", "PurePosixPath"),
    ("functools", "partial"), ("copyreg", "_reconstructor"), ("collections", "OrderedDict"),
    ("uuid", "UUID"),
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _NAMES or module.startswith(_MODULES):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a briefing message may not hold {module}.{name}")


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes | str):
    if isinstance(data, str):
        data = data.encode("latin-1")
    return _Unpickler(io.BytesIO(data)).load()


def install() -> None:
    register(NAME, dumps, loads, content_type=CONTENT_TYPE, content_encoding="binary")
