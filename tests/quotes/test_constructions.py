"""Constructions met in the development corpus's quote errors (scripts/quote_errors.py), each on sentences written
for the test: who speaks when the speaker is a plural pronoun, a role phrase, a subject shared by a participle, …"""

from __future__ import annotations

from peristiwa.model import Entity, Mention, Reference
from tests.quotes.helpers import find, run


def _entity(text: str, key: str, name: str, kind: str, surface: str | None = None, actor: str | None = None) -> Entity:
    """An entity with every mention of `surface` (default: the name) in `text`."""
    surface = surface or name
    mentions, at = [], text.find(surface)
    while at >= 0:
        mentions.append(Mention(at, at + len(surface), surface))
        at = text.find(surface, at + 1)
    return Entity(key, name, kind, actor=actor, mentions=mentions)


def test_a_plural_pronoun_takes_the_body_that_spoke_not_the_state_the_actors_stage_named_last() -> None:
    text = (
        "Kementerian Luar Negeri Mesir mengatakan bahwa pihaknya telah menghubungi misi pemantau Rusia-Turki. "
        "Mereka mengklaim bahwa operasi itu sah."
    )
    ministry = _entity(text, "m", "Kementerian Luar Negeri Mesir", "ORG")
    turkey = _entity(text, "t", "Turki", "GPE")
    at = text.index("Mereka")
    doc = run(text, [ministry, turkey], [Reference(at, at + 6, "Mereka", "t", "group")])
    quote = find(doc, "operasi itu sah")
    assert quote is not None and quote.speaker_id == "m"


def test_the_police_speak_for_their_state() -> None:
    text = "Ratusan pengungsi tiba di Bangladesh pada Minggu. Polisi mengatakan mereka ditahan di perbatasan."
    bangladesh = _entity(text, "b", "Bangladesh", "GPE", actor="BGD")
    at = text.index("Polisi")
    doc = run(text, [bangladesh], [Reference(at, at + 6, "Polisi", "b", "group")])  # coref.yaml: an organ of a state
    quote = find(doc, "mereka ditahan di perbatasan")
    assert quote is not None and quote.speaker_id == "b"


def test_a_persons_role_pointing_back_is_the_person_in_focus_not_the_institution_inside_it() -> None:
    text = (
        "Sekretaris Jenderal PBB Antonio Guterres mengecam penahanan itu. "
        "Pemimpin badan dunia itu membenarkan bahwa 11 staf PBB menjadi sasaran “penahanan sewenang-wenang”."
    )
    un = _entity(text, "u", "PBB", "ORG", actor="UN")
    guterres = _entity(text, "g", "Antonio Guterres", "PER", actor="UN")
    at = text.index("badan dunia itu")
    doc = run(text, [un, guterres], [Reference(at, at + 15, "badan dunia itu", "u", "group")])
    quote = find(doc, "penahanan sewenang-wenang")
    assert quote is not None and quote.speaker_id == "g"
