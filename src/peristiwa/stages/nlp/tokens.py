"""What the tokenizer is given: the text made safe for it, every offset unchanged."""

from __future__ import annotations

import re

LONG_RUN = re.compile(r"\S{100,}")


def breakable(text: str) -> str:
    """The text with a space every 50 characters inside runs of 100+ non-space characters, same length, so
    every offset still points into `doc.text`. spaCy's tokenizer is quadratic on such a run (10,000 quotation
    marks in a row took 14 s); no word is that long, so only junk is cut."""
    if LONG_RUN.search(text) is None:
        return text
    return LONG_RUN.sub(lambda m: "".join(" " if i % 50 == 49 else ch for i, ch in enumerate(m.group())), text)
