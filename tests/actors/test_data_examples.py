"""Every example written in the actors data files is run here, so the files document what the code does."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from peristiwa.settings import DATA_DIR
from tests.actors.conftest import Link, by_mention, entity_with

ACTORS = DATA_DIR / "actors"


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ACTORS / name).read_text(encoding="utf-8"))


def _cases(name: str, key: str) -> list[Any]:
    return [
        pytest.param(entry, id=str(entry.get("id") or entry.get("code") or entry.get("name") or i))
        for i, entry in enumerate(_load(name)[key])
    ]


@pytest.mark.parametrize("entry", _cases("countries_extra.yaml", "countries"))
def test_country_variant_examples(link: Link, entry: dict[str, Any]) -> None:
    for example in entry["examples"]:
        doc = link(example)
        assert entry["code"] in {e.actor for e in doc.entities if e.type == "GPE"}, example


@pytest.mark.parametrize("entry", _cases("organisations.yaml", "organisations"))
def test_organisation_examples(link: Link, entry: dict[str, Any]) -> None:
    for example in entry["examples"]:
        doc = link(example)
        assert entry["id"] in {e.kb_id for e in doc.entities}, (example, [e.name for e in doc.entities])


@pytest.mark.parametrize("entry", _cases("institutions.yaml", "institutions"))
def test_institution_examples(link: Link, entry: dict[str, Any]) -> None:
    for example in entry["examples"]:
        doc = link(example["text"])
        kinds = {(e.type, e.actor) for e in doc.entities}
        expected = ("ORG" if entry["named"] else "GPE", example["expect"])
        assert expected in kinds, (example["text"], kinds)


@pytest.mark.parametrize("example", _load("metonyms.yaml")["examples"], ids=lambda e: e["text"][:30])
def test_metonym_examples(link: Link, example: dict[str, Any]) -> None:
    doc = link(example["text"])
    for surface, expected in example["expect"].items():
        if expected is None:
            assert all(m.text != surface for e in doc.entities for m in e.mentions)
        elif expected == "LOC":
            assert by_mention(doc, surface) == ("LOC", None)
        else:
            assert by_mention(doc, surface)[1] == expected


def _role_examples() -> list[Any]:
    roles = _load("roles.yaml")["roles"]
    return [pytest.param(ex, id=ex["text"][:40]) for role in roles for ex in role["examples"]]


@pytest.mark.parametrize("example", _role_examples())
def test_role_examples(link: Link, example: dict[str, Any]) -> None:
    doc = link(example["text"])
    if example["name"] is None:
        return  # group roles and unnamed titles give no person
    person = entity_with(doc, example["name"])
    assert (person.type, person.actor, person.role) == ("PER", example["actor"], example["role"])


@pytest.mark.parametrize("example", _load("places.yaml")["examples"], ids=lambda e: e["name"])
def test_place_examples(link: Link, example: dict[str, Any]) -> None:
    assert by_mention(link(example["text"]), example["name"]) == ("LOC", None)


@pytest.mark.parametrize("example", _load("coref.yaml")["examples"], ids=lambda e: e["text"][:30])
def test_coref_examples(link: Link, example: dict[str, Any]) -> None:
    doc = link(example["text"])
    targets = {r.text: doc.entity(r.entity_id).name for r in doc.references}  # type: ignore[union-attr]
    ref = next(text for text in targets if example["ref"].endswith(text))
    assert example["entity"] in targets[ref]


@pytest.mark.parametrize("example", _load("names.yaml")["examples"], ids=lambda e: e["text"][:30])
def test_not_a_name_examples(link: Link, example: dict[str, Any]) -> None:
    doc = link(example["text"])
    assert all(example["not_a_name"] not in e.name for e in doc.entities)


@pytest.mark.parametrize("example", _load("names.yaml")["name_examples"], ids=lambda e: e["text"][:30])
def test_whole_name_examples(link: Link, example: dict[str, Any]) -> None:
    assert example["name"] in [e.name for e in link(example["text"]).entities]
