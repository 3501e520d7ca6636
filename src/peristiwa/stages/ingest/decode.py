"""Bytes to text: UTF-8 first, then a detected legacy encoding; refuse binary data."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Control characters other than tab/newline/CR/form feed are a sign of binary data.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
_MAX_CONTROL_RATIO = 0.01


class NotTextError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """Tell binary data (images, archives, executables) from text."""
    sample = data[:8192]
    if b"\x00" in sample and not _is_utf16(sample):
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_RATIO


def _is_utf16(sample: bytes) -> bool:
    return sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return the text and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if _is_utf16(data[:4]):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if looks_binary(data):
        raise NotTextError("binary data, not text (is this the right file?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    # Indonesian pages that are not UTF-8 are almost always Windows-1252 / Latin-1.
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"
