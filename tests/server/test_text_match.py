"""Text filters match what the user typed literally: `%`, `_` and `\\` are not wildcards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from peristiwa.store.article_reads import search
from peristiwa.store.reads import quotes_page


@pytest.fixture()
def con(seed_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(seed_db), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize("typed", ["%", "_", "\\", "Stoltenberg", "stoltenberg", "100 jet"])
def test_quote_text_filter_is_literal(con: duckdb.DuckDBPyConnection, typed: str) -> None:
    texts = [row[0] for row in con.execute("SELECT text FROM quotes").fetchall()]
    expected = sum(typed.casefold() in (text or "").casefold() for text in texts)
    assert quotes_page(con, None, typed, None, 1000, 0)[0] == expected


@pytest.mark.parametrize("typed", ["%", "_", "NATO", "a_b"])
def test_search_is_literal(con: duckdb.DuckDBPyConnection, typed: str) -> None:
    bodies = con.execute("SELECT title, text FROM articles").fetchall()
    expected = sum(typed.casefold() in f"{title or ''}\n{text or ''}".casefold() for title, text in bodies)
    assert len(search(con, typed, 100)["articles"]) == expected
