"""Checking an analyst's knowledge entry before it joins the overlay (`peristiwa kb add|edit`).

An entry is a person or an organisation in the shipped YAML format. Every problem is found at once and reported
together, each naming the field and what to do; a change with any problem changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from peristiwa.errors import PeristiwaError
from peristiwa.stages.actors.kb import KnowledgeBase, Organisation, Person, PersonRole, shipped_items

KINDS = ("person", "organisation")
_KEY = {"person": re.compile(r"^per\.[a-z0-9_]+$"), "organisation": re.compile(r"^(org|grp)\.[a-z0-9_]+$")}
_NEW_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")
_MARKUP = re.compile(r"[<>{}\[\]`|*#\\]|https?:|www\.|&[a-z]+;|[\x00-\x1f\x7f]")
_LETTER = re.compile(r"[^\W\d_]")
MAX_NAME = 100


class KnowledgeEditError(PeristiwaError):
    """A knowledge change that cannot be made; nothing was changed."""

    code = "P013"

    def __init__(self, key: str, problems: list[str]) -> None:
        listed = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{key}: nothing was changed:\n{listed}")
        self.key = key
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Choices:
    """What the analyst explicitly allowed."""

    shared_alias: bool = False  # a name another entry already has
    overlap: bool = False  # an office held by two people at once
    new_code: bool = False  # an organisation acting under a code the knowledge base does not know yet


NONE_ALLOWED = Choices()


def check_entry(
    kb: KnowledgeBase, kind: str, body: dict[str, Any], previous: dict[str, Any] | None, choices: Choices
) -> None:
    """Raise KnowledgeEditError listing every problem of `body` (the entry after the change) against `kb` (the
    knowledge before it); `previous` is the entry before the change (None for a new one)."""
    key = str(body.get("id") or "?")
    problems = _shape(kind, body)
    if not problems:
        problems += _names(kind, body)
        problems += _aliases(kb, kind, body, previous, choices)
        if kind == "person":
            problems += _roles(kb, body, choices)
        else:
            problems += _organisation_code(kb, body, choices)
    if problems:
        raise KnowledgeEditError(key, problems)


def _shape(kind: str, body: dict[str, Any]) -> list[str]:
    if kind not in KINDS:
        return [f"unknown kind {kind!r}: use person or organisation"]
    model: type[BaseModel] = Person if kind == "person" else Organisation
    problems = []
    if not _KEY[kind].match(str(body.get("id") or "")):
        shape = "per.given_family" if kind == "person" else "org.short_name"
        problems.append(f"id {body.get('id')!r} is not a {kind} id: write it as {shape} (lower case, digits, _)")
    try:
        model.model_validate(body)
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            problems.append(f"{where}: {item['msg']} (got {item.get('input')!r})")
    return problems


def names_of(kind: str, body: dict[str, Any]) -> list[str]:
    """Every surface form the entry gives: its name and its variants."""
    variants = body.get("names" if kind == "person" else "aliases") or []
    return [str(body.get("name") or ""), *(str(v) for v in variants)]


def _names(kind: str, body: dict[str, Any]) -> list[str]:
    problems = []
    for name in dict.fromkeys(names_of(kind, body)):
        if not name.strip():
            problems.append("a name is empty: give the name as the news writes it")
        elif name != name.strip() or "  " in name:
            problems.append(f"name {name!r} has stray spaces: write it with single spaces and none at the ends")
        elif _MARKUP.search(name):
            problems.append(f"name {name!r} holds markup, a link or a control character: give the plain name")
        elif len(name) > MAX_NAME or not _LETTER.search(name):
            problems.append(f"name {name!r} is not a name (no letter, or over {MAX_NAME} characters)")
    return problems


def _aliases(
    kb: KnowledgeBase, kind: str, body: dict[str, Any], previous: dict[str, Any] | None, choices: Choices
) -> list[str]:
    if choices.shared_alias:
        return []
    own = {str(body.get("id"))}
    before = set(names_of(kind, previous)) if previous else set()
    problems = []
    for name in dict.fromkeys(names_of(kind, body)):
        if name in before:
            continue  # only what the change adds is checked: the shipped data may share names already
        others = [e for e in kb.lookup(name) if e.key not in own]
        if others:
            held = ", ".join(f"{e.key} ({e.name})" for e in others)
            problems.append(
                f"name {name!r} already names {held}: pick a distinct variant, or pass --allow-shared-alias "
                "if both really go by it (the text then decides between them)"
            )
    return problems


def _roles(kb: KnowledgeBase, body: dict[str, Any], choices: Choices) -> list[str]:
    person = Person.model_validate(body)
    problems = []
    for role in person.roles:
        if role.org is not None and not known_code(kb, role.org):
            problems.append(
                f"role {role.role!r}: unknown actor code {role.org!r}; use a state code (IDN, USA …) or the code of "
                "an organisation in the knowledge base (kb list, kb show)"
            )
        if role.start and role.end and role.start > role.end:
            problems.append(f"role {role.role!r} of {role.org}: from {role.start} is after to {role.end}; swap them")
    if problems or choices.overlap:
        return problems
    shared = shared_offices(kb)
    for i, role in enumerate(person.roles):
        for other in person.roles[i + 1 :]:
            if _same_office(role, other) and _overlap(role, other):
                problems.append(f"role {role.role!r} of {role.org} is given twice for overlapping dates; merge them")
        if role.role in shared:
            continue
        for holder, theirs in _holders(kb, role, exclude=person.id):
            if _overlap(role, theirs):
                problems.append(
                    f"{role.role} of {role.org} is held by {holder.name} ({holder.id}) from {theirs.start or '?'} "
                    f"to {theirs.end or 'now'}, which overlaps {role.start or '?'} to {role.end or 'now'}: end that "
                    f"role first (kb edit {holder.id} --end-role '{role.role},{role.org},DATE'), or pass "
                    "--allow-overlap if both hold it at once"
                )
    return problems


def _organisation_code(kb: KnowledgeBase, body: dict[str, Any], choices: Choices) -> list[str]:
    actor = body.get("actor")
    if actor is None or known_code(kb, str(actor)):
        return []
    if choices.new_code and _NEW_CODE.match(str(actor)):
        return []
    return [
        f"unknown actor code {actor!r}: use a state code or a known organisation's code; for a new group acting "
        "under its own code pass --new-code (capitals, digits and _, 2 to 12 characters)"
    ]


def shipped_entry(actors_dir: Path, kind: str, key: str) -> dict[str, Any] | None:
    """The shipped entry with id `key`, as its YAML file has it (notes and sources included)."""
    return next((dict(item) for item in shipped_items(actors_dir, kind) if item.get("id") == key), None)


def known_code(kb: KnowledgeBase, code: str) -> bool:
    return code in kb.countries or kb.entry_for_code(code) is not None


def shared_offices(kb: KnowledgeBase) -> frozenset[str]:
    """Role titles that the knowledge base itself gives to two people of one organisation at once (spokespersons,
    deputy ministers): several holders is normal for them, so their dates are not checked against each other."""
    by_office: dict[tuple[str, str | None], list[tuple[str, PersonRole]]] = {}
    for person in kb.persons.values():
        for role in person.roles:
            by_office.setdefault((role.role, role.org), []).append((person.id, role))
    shared = set()
    for (title, _), held in by_office.items():
        if any(a[0] != b[0] and _overlap(a[1], b[1]) for i, a in enumerate(held) for b in held[i + 1 :]):
            shared.add(title)
    return frozenset(shared)


def _holders(kb: KnowledgeBase, role: PersonRole, exclude: str) -> Iterable[tuple[Person, PersonRole]]:
    for person in kb.persons.values():
        if person.id != exclude:
            yield from ((person, r) for r in person.roles if _same_office(r, role))


def _same_office(a: PersonRole, b: PersonRole) -> bool:
    return a.role == b.role and a.org == b.org


def _overlap(a: PersonRole, b: PersonRole) -> bool:
    """Two terms share more than a day: a handover on the same day (one ends, the other starts) is no overlap."""
    a_start, a_end = a.start or dt.date.min, a.end or dt.date.max
    b_start, b_end = b.start or dt.date.min, b.end or dt.date.max
    return a_start < b_end and b_start < a_end
