"""Bytes to text, never by guessing: a byte-order mark, valid UTF-8, the declared charset, Windows-1252 for
Western text; anything else is refused, because a page read in the wrong encoding is silently corrupt.

The declared charset comes from the container (a WARC record's HTTP `Content-Type`) or from the page itself
(`<meta charset>`, `<meta http-equiv="Content-Type">`, `<?xml encoding?>`). Valid UTF-8 that is not plain
ASCII is read as UTF-8 even when a page declares otherwise: text in a legacy encoding is practically never
valid UTF-8, while pages whose template declares ISO-8859-1 over a UTF-8 body are common.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Control characters other than tab/newline/CR/form feed are a sign of binary data.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
_MAX_CONTROL_RATIO = 0.01
UTF8 = "utf-8"
WESTERN = "cp1252"
# Labels that browsers read as Windows-1252 (WHATWG Encoding Standard): it is a superset of them.
_READ_AS_WESTERN = {"ascii", "iso8859-1"}  # as `codecs.lookup` names them
_DECLARED = re.compile(
    rb"""(?:<meta[^>]*?charset|<\?xml[^>]*?encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HEAD_BYTES = 4096  # where a page declares its charset (HTML requires it within the first 1024 bytes)
# Western languages write accented letters one or two at a time inside words; text in another single-byte
# encoding read as Windows-1252 ("Ðîññèÿ" for "Россия") strings them together.
_FOREIGN_RUN = 3
_MAX_FOREIGN_SHARE = 0.2


class NotTextError(ValueError):
    pass


class UnknownEncodingError(NotTextError):
    """Bytes that are text, but in no encoding we can tell for sure."""


def looks_binary(data: bytes) -> bool:
    """Tell binary data (images, archives, executables) from text."""
    sample = data[:8192]
    if b"\x00" in sample and not _is_utf16(sample):
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_RATIO


def _is_utf16(sample: bytes) -> bool:
    return sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (`<meta charset>` and the like), if any."""
    found = _DECLARED.search(data[:_HEAD_BYTES])
    return found.group(1).decode("ascii") if found else None


def charset_of(content_type: str | None) -> str | None:
    """The `charset` parameter of an HTTP Content-Type header ("text/html; charset=windows-1252")."""
    found = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type or "", re.IGNORECASE)
    return found.group(1) if found else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return the text and the encoding it was read with; raise NotTextError when that cannot be told.

    `declared` is what the container says (an HTTP header); the page's own declaration counts after it.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if _is_utf16(data[:4]):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if looks_binary(data):
        raise NotTextError("binary data, not text (is this the right file?)")
    named = [name for name in (declared, declared_charset(data)) if name]
    said = _declared_codecs(named)
    for encoding in dict.fromkeys([UTF8, *said, WESTERN]):
        text = _strict(data, encoding)
        if text is not None and (encoding != WESTERN or WESTERN in said or looks_western(text)):
            return text, encoding
    raise UnknownEncodingError(_refusal(named))


def _declared_codecs(named: list[str]) -> list[str]:
    """Python codecs for the declared charsets, in order; Latin-1 and ASCII are read as Windows-1252 first."""
    order: list[str] = []
    for name in named:
        codec = _codec(name)
        if codec in _READ_AS_WESTERN:
            order += [WESTERN, codec]  # the declared codec only for bytes Windows-1252 leaves undefined
        elif codec:
            order.append(codec)
    return order


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None  # a label Python does not know: as if nothing was declared


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def looks_western(text: str) -> bool:
    """Whether non-ASCII letters in `text` sit one or two at a time inside words, as Western languages write."""
    foreign = [_is_foreign(char) for char in text]
    total = sum(foreign)
    if not total:
        return True
    in_runs, run = 0, 0
    for flag in [*foreign, False]:
        if flag:
            run += 1
            continue
        in_runs += run if run >= _FOREIGN_RUN else 0
        run = 0
    return in_runs / total <= _MAX_FOREIGN_SHARE


def _is_foreign(char: str) -> bool:
    """A non-ASCII character that is not punctuation or a space (curly quotes, dashes, « » are fine)."""
    return not char.isascii() and unicodedata.category(char)[0] not in "PZ"


def _refusal(named: list[str]) -> str:
    said = f" (the page declares {', '.join(named)}, which does not fit its bytes)" if named else ""
    return (
        f"cannot tell the text encoding: not UTF-8, and not Western (Windows-1252) text either{said}; "
        "convert the file to UTF-8"
    )
