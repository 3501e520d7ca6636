"""Split raw text into lines with their offsets, and normalise a line for the clean body."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(slots=True)
class Line:
    text: str  # stripped and normalised
    start: int  # offsets of the original line in the raw text
    end: int
    blank_before: bool


def normalise_line(line: str) -> str:
    """NFC, no zero-width characters, single spaces: what the body text is made of."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    return _SPACES.sub(" ", line).strip()


def split_lines(raw: str) -> Iterator[Line]:
    """Yield the non-empty lines of `raw`, remembering whether a blank line preceded each."""
    offset = 0
    blank = True
    for piece in raw.splitlines(keepends=True):
        text = normalise_line(piece)
        if text:
            yield Line(text, offset, offset + len(piece.rstrip("\r\n")), blank)
            blank = False
        else:
            blank = True
        offset += len(piece)
