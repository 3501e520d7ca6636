"""Opaque paging cursors for the event table: the sort key of a page's last row, checked on the way back in."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from peristiwa.server.errors import ApiError

# Per order, the type of each sort key (see queries.EVENT_ORDERS).
KEY_TYPES = {"mentions": ("int", "date", "str"), "date": ("date", "str")}


def encode(order: str, key: list[Any]) -> str:
    raw = json.dumps({"o": order, "k": key}, separators=(",", ":"), default=str).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(order: str, cursor: str) -> list[Any]:
    """The sort key in a cursor made by `encode` for the same order; ApiError 400 for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(data, dict) or data.get("o") != order:
            raise ValueError("made for another order")
        return _typed(data["k"], KEY_TYPES[order])
    except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error) as error:
        raise ApiError(
            400,
            "the cursor is not one this server gave for this order; start again without "
            "`cursor` and follow `next_cursor` from the answers",
        ) from error


def _typed(values: Any, types: tuple[str, ...]) -> list[Any]:
    if not isinstance(values, list) or len(values) != len(types):
        raise ValueError("wrong number of keys")
    return [_value(value, kind) for value, kind in zip(values, types, strict=True)]


def _value(value: Any, kind: str) -> Any:
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if kind == "str" and isinstance(value, str):
        return value
    raise ValueError(f"expected {kind}")
