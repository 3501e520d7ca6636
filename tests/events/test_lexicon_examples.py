"""Every example sentence in data/events/*.yaml is coded as its entry says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from peristiwa.settings import Settings
from peristiwa.stages.events.morphology import forms
from tests.events.kit import code_text, coding

DATA = Settings().data_dir / "events"


def _read(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _lexicon_examples() -> list[tuple[str, dict[str, Any]]]:
    return [(e["id"], x) for e in _read("lexicon.yaml")["entries"] for x in e.get("examples", [])]


@pytest.mark.parametrize(("entry_id", "example"), _lexicon_examples())
def test_lexicon_example(entry_id: str, example: dict[str, Any]) -> None:
    assert coding(code_text(example["text"])) == sorted(example["expect"]), entry_id


@pytest.mark.parametrize("example", _read("grammar.yaml")["examples"])
def test_grammar_example(example: dict[str, Any]) -> None:
    assert coding(code_text(example["text"])) == sorted(example["expect"])


@pytest.mark.parametrize("example", _read("morphology.yaml")["examples"])
def test_morphology_example(example: dict[str, Any]) -> None:
    irregular = _read("morphology.yaml")["irregular"]
    assert forms(example["root"], [example["affix"]], irregular) == {example["form"]}


def test_every_entry_has_an_example_and_a_known_type() -> None:
    types = set(_read("types.yaml"))
    for entry in _read("lexicon.yaml")["entries"]:
        assert entry["type"] in types, entry["id"]
        assert entry.get("examples"), entry["id"]


def test_all_sixteen_plover_types_are_covered() -> None:
    covered = {e["type"] for e in _read("lexicon.yaml")["entries"]}
    assert covered == set(_read("types.yaml")) and len(covered) == 16


def test_entry_ids_are_unique() -> None:
    ids = [e["id"] for e in _read("lexicon.yaml")["entries"]]
    assert len(ids) == len(set(ids))


def test_data_files_exist() -> None:
    assert all(Path(DATA / name).exists() for name in ("types.yaml", "grammar.yaml", "magnitude.yaml"))
