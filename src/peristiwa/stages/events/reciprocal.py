"""What "kedua negara", "kedua pihak" and "kedua pemimpin" stand for: two actors named before them, in the same
sentence or, at the start of one, in the text before (`Antecedents`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from peristiwa.stages.events.arguments import chain
from peristiwa.stages.events.events import codes_of
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.view import View

Actors = tuple[tuple[str, str], ...]
KINDS = ("any", "state", "person")
HISTORY_SENTENCES = 4


@dataclass(slots=True)
class Antecedents:
    """What "kedua negara" / "kedua pemimpin" at the start of a sentence can point back to: the actors of the
    sentence before, the last pair joined by "dan", and the actors of the last few sentences. Each is read per
    kind of pair: states ("kedua negara"), people ("kedua pemimpin") or any actor ("kedua pihak")."""

    state_codes: frozenset[str] = frozenset()  # codes some GPE entity carries
    person_ids: frozenset[str] = frozenset()  # entity ids of people
    previous: list[Arg] = field(default_factory=list)
    history: list[list[Arg]] = field(default_factory=list)  # per sentence, latest last
    joined: dict[str, Actors] = field(default_factory=dict)  # last subject "A dan B", per kind

    def remember(self, view: View, args: list[Arg]) -> None:
        self.previous = args
        self.history = [*self.history[-(HISTORY_SENTENCES - 1) :], args]
        if args:  # the sentence's subject, when it is two actors joined: "Lavrov dan Menlu AS John Kerry"
            members = chain(view, args[0])
            for kind in KINDS:
                pair = self._of(kind, members)[:2]
                if len(pair) == 2:
                    self.joined[kind] = pair

    def pair(self, kind: str) -> Actors:
        """Two (code, entity id) actors of that kind, or () when the text before names no clear pair."""
        if len(self._of(kind, self.previous)) == 2:
            return self._of(kind, self.previous)
        if kind in self.joined:
            return self.joined[kind]
        return next((self._of(kind, a) for a in reversed(self.history) if len(self._of(kind, a)) == 2), ())

    def _of(self, kind: str, args: list[Arg]) -> Actors:
        if kind == "person":
            args = [a for a in args if set(a.entities) & self.person_ids]
        actors = _participants(args)
        return tuple(a for a in actors if a[0] in self.state_codes) if kind == "state" else actors


def reciprocal_pairs(view: View, earlier: Antecedents) -> list[Arg]:
    """ "kedua negara" after two named actors in the same sentence stands for both of them; with none before it
    in the sentence ("Kedua pemimpin bertemu …"), for the pair `Antecedents` finds (states only for "negara")."""
    pairs = []
    for i in range(view.lo, view.hi):
        if view.toks[i].low not in view.grammar.reciprocal_heads:
            continue
        size = view.phrase_at(i, view.grammar.reciprocal)
        if not size:
            continue
        existing = next((a for a in view.args if a.first == i), None)
        if existing is not None and existing.kind != "role":
            continue  # coreference may have read "kedua pemimpin" as one of the two; the pair wins
        actors = _participants([a for a in view.args if a.last <= i])
        if len(actors) < 2:  # "Trump menelepon kedua pemimpin": the subject is not one of the two
            actors = earlier.pair(_pair_kind(view, range(i, i + size)))
        if len(actors) >= 2:
            codes, entities = zip(*actors[:2], strict=True)
            pairs.append(replace(Arg(i, i + size, tuple(codes), tuple(entities), "pair")))
    return pairs


def _pair_kind(view: View, phrase: range) -> str:
    """ "kedua negara": two states; "kedua pemimpin": two people; "kedua pihak": any two actors."""
    words = {view.low(k) for k in phrase}
    if words & view.grammar.state_nouns:
        return "state"
    return "person" if words & view.grammar.person_nouns else "any"


def _participants(args: list[Arg]) -> Actors:
    return tuple(codes_of(args))
