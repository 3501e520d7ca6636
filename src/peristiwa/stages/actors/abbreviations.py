"""Abbreviations an article defines for itself: "Kepala Staf Gabungan Korea Selatan (JCS)" … "JCS menyebut".

The knowledge base knows the common acronyms (PBB, NATO); this catches the ones a text introduces once in
parentheses after the full name and then uses alone.
"""

from __future__ import annotations

import re

from peristiwa.model import Entity, Mention

DEFINITION = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z0-9]{1,9})\)")


def add_defined_abbreviations(text: str, entities: list[Entity]) -> None:
    """Give an ORG its abbreviation's later mentions, unless another entity already owns that word."""
    taken = {m.text for e in entities for m in e.mentions}
    for entity in entities:
        if entity.type != "ORG":
            continue
        for abbr, defined_at in _definitions(text, entity):
            if abbr in taken:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
                if match.start() != defined_at:
                    entity.mentions.append(Mention(match.start(), match.end(), abbr))
            taken.add(abbr)
        entity.mentions.sort(key=lambda m: m.start)


def _definitions(text: str, entity: Entity) -> list[tuple[str, int]]:
    found = []
    for mention in entity.mentions:
        match = DEFINITION.match(text, mention.end)
        if match and _plausible(match.group("abbr"), mention.text):
            found.append((match.group("abbr"), match.start("abbr")))
    return found


def _plausible(abbr: str, name: str) -> bool:
    """Mostly capitals, and not longer than the name it stands for."""
    capitals = sum(ch.isupper() for ch in abbr)
    return capitals >= 2 and capitals * 2 >= len(abbr) and len(abbr) < len(name)
