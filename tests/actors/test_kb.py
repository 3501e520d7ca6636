"""The knowledge base: schemas, alias index, case rules, dated roles, a missing persons file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from peristiwa.settings import DATA_DIR
from peristiwa.stages.actors.kb import KnowledgeBase, KnowledgeBaseError, roles_on
from peristiwa.stages.actors.matcher import Trie, is_acronym, tokenize


def test_countries_cover_cldr_with_indonesian_names(kb: KnowledgeBase) -> None:
    assert len(kb.countries) > 240
    assert kb.countries["UKR"].name == "Ukraina"
    assert kb.countries["GBR"].name == "Inggris"  # countries_extra overrides CLDR's "Inggris Raya"
    assert kb.countries["MMR"].alpha2 == "MM"  # the current code, not the withdrawn BUR


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("AS", "USA"),
        ("Amerika", "USA"),
        ("Korut", "PRK"),
        ("Tiongkok", "CHN"),
        ("China", "CHN"),
        ("Britania Raya", "GBR"),
    ],
)
def test_state_aliases(kb: KnowledgeBase, alias: str, code: str) -> None:
    assert kb.lookup(alias)[0].actor == code


def test_acronyms_match_only_in_capitals() -> None:
    trie: Trie[str] = Trie()
    trie.add("AS", "USA")
    trie.add("Rusia", "RUS")
    text = "Ia datang as usual dari AS, bukan dari Rusia atau RUSIA"
    found = [m.values[0] for m in trie.scan(tokenize(text))]
    assert found == ["USA", "RUS", "RUS"]
    assert is_acronym("DK PBB") and not is_acronym("Kemenlu")


def test_longest_match_wins(kb: KnowledgeBase) -> None:
    trie: Trie[str] = Trie()
    for alias, entries in kb.aliases.items():
        trie.add(alias, entries[0].key)
    found = [m.values[0] for m in trie.scan(tokenize("Dewan Keamanan PBB dan Dewan NATO-Rusia"))]
    assert found == ["org.unsc", "org.nato_russia_council"]


def test_roles_apply_only_within_their_dates(fictional_kb: KnowledgeBase) -> None:
    person = fictional_kb.persons["per.ana_wirasari"]
    assert [r.role for r in roles_on(person, dt.date(2021, 5, 1))] == ["Foreign Minister"]
    assert [r.role for r in roles_on(person, dt.date(2015, 5, 1))] == ["Ambassador"]
    assert roles_on(person, dt.date(2030, 1, 1)) == []
    assert [r.role for r in roles_on(person, None)] == ["Foreign Minister", "Ambassador"]  # newest first


def test_persons_file_is_optional(tmp_path: Path) -> None:
    for path in (DATA_DIR / "actors").glob("*.yaml"):
        if path.name != "persons.yaml":
            shutil.copy(path, tmp_path / path.name)
    kb = KnowledgeBase.load(tmp_path)
    assert kb.persons == {} and kb.countries


def test_a_schema_error_names_the_file(tmp_path: Path) -> None:
    for path in (DATA_DIR / "actors").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "persons.yaml").write_text("- {id: per.x, name: X, roles: [{role: R, sector: NOPE}]}\n")
    with pytest.raises(KnowledgeBaseError, match=r"P011.*persons.yaml"):
        KnowledgeBase.load(tmp_path)


def test_load_is_cached() -> None:
    assert KnowledgeBase.load(DATA_DIR / "actors") is KnowledgeBase.load(DATA_DIR / "actors")
