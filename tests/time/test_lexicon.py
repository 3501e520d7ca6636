"""The calendar vocabulary: number words, names, units and directions."""

from __future__ import annotations

import pytest

from peristiwa.dates.lexicon import load_lexicon
from peristiwa.settings import DATA_DIR

SPELLED = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "dua belas": 12,
    "tiga belas": 13,
    "empat belas": 14,
    "lima belas": 15,
    "enam belas": 16,
    "tujuh belas": 17,
    "delapan belas": 18,
    "sembilan belas": 19,
    "dua puluh": 20,
    "dua puluh satu": 21,
    "tiga puluh": 30,
    "seratus": 100,
    "Tiga": 3,
    "12": 12,
}


@pytest.mark.parametrize(("phrase", "value"), SPELLED.items())
def test_spelled_numbers(phrase: str, value: int) -> None:
    assert load_lexicon(DATA_DIR).number(phrase) == value


@pytest.mark.parametrize("phrase", ["beberapa", "belas", "puluh dua", "dua tiga ratus x", ""])
def test_not_numbers(phrase: str) -> None:
    assert load_lexicon(DATA_DIR).number(phrase) is None


def test_names() -> None:
    lex = load_lexicon(DATA_DIR)
    assert [lex.month(m) for m in ("Januari", "MARET", "Des", "Agt.")] == [1, 3, 12, 8]
    assert [lex.weekday(d) for d in ("Senin", "Jum’at", "Ahad", "minggu")] == [0, 4, 6, 6]
    assert len(set(lex.month_names.values())) == 12 and len(set(lex.weekday_names.values())) == 7


def test_units_and_directions() -> None:
    lex = load_lexicon(DATA_DIR)
    assert lex.unit("sepekan").name == lex.unit("minggu").name == "week"  # type: ignore[union-attr]
    assert lex.unit("dekade").relative == "year_point"  # type: ignore[union-attr]
    assert lex.direction("yang  lalu").sign == -1  # type: ignore[union-attr]
    assert lex.direction("sebelumnya").kind == "narrative"  # type: ignore[union-attr]
