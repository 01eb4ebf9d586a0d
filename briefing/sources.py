"""Reading articles: bytes from a file, decoded, cleaned of page noise."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.errors import InputError
from briefing.models import Article

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few kB; 5 MB is not an article

# Lines that are page furniture, not article text. Each is matched against a
# whole stripped line.
NOISE_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r".*\(\s*sources?\s*:[^)]*\)\s*\|?",  # photo caption: "… (Source : Reuters) |"
        r"comments?\s*\(\d+\)",  # "Comment (0)"
        r"commentaires?\s*\(\d+\)",
        r"lire (aussi|également)\s*:?.*",
        r"(partager|partagez)( (sur|cet article|l'article).*)?",
        r"(abonnez-vous|s'abonner|inscrivez-vous à notre newsletter).*",
        r"(crédits? photo|crédits?|photo|illustration|image)\s*:.*",  # image credits
        r"(©|\(c\)|copyright)\s*.*",
        r".*\|\s*(photo|crédits?)\s*:?\s*[\w .,/'-]+",  # "… | Photo AFP"
        r"publicité",
        # Bylines: "Par Jean Dupont", "Par la rédaction avec AFP", "Publié le …", "Mis à jour le …".
        r"par\s+(la rédaction|(?-i:[A-ZÀ-Þ][\w'-]+(\s+[A-ZÀ-Þ][\w'-]+){0,3}))(\s+(avec|et)\s+[\w .-]+)?",
        r"(publié|mis à jour|modifié)\s+le\s+.*",
        r"propos recueillis par\s+.*",
        r"(partager|partagez|suivez-nous)\s+(sur\s+)?(facebook|twitter|x|linkedin|whatsapp|instagram|par e-?mail)\b.*",
    )
)

_BULLET = re.compile(r"^\s*[*•·–-]\s+")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,])(?=\s|$)")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)


def read(source: str | Path) -> Article:
    """Read one article from a text file.

    Raises ``InputError`` naming the file when it is missing, a folder, empty,
    binary, too large, an HTML page, or holds only page noise.
    """
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise InputError(name, "no such file")
    if path.is_dir():
        raise InputError(name, "is a folder, not an article file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(name, f"is too large for an article ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    text = decode(data, name)
    if _HTML_START.match(text):
        raise InputError(name, "is an HTML page; give the article as plain text")
    clean = clean_text(text)
    if not clean:
        raise InputError(name, "holds no article text (only page noise)")
    return Article(source=name, text=clean)


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8, else Windows-1252, else Latin-1; binary is refused."""
    if not data.strip():
        raise InputError(name, "is empty")
    if _looks_binary(data):
        raise InputError(name, "is not a text file (it holds binary data)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def clean_text(text: str) -> str:
    """Drop page-noise lines, list bullets and stray spaces; one paragraph per line."""
    kept = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or is_noise(line):
            continue
        line = _BULLET.sub("", line)
        line = _SPACE_BEFORE_STOP.sub(r"\1", line)
        line = line.replace("\u2019", "'")
        kept.append(line)
    return "\n".join(kept)


def is_noise(line: str) -> bool:
    return any(p.fullmatch(line) for p in NOISE_LINES)
