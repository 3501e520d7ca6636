"""An optional trained sentence classifier over the PLOVER types, beside the rules (issue 15, item 4).

The model (`models/events_clf`, trained by `training/events_clf/train_clf.py` on the development part only)
reads a sentence with every participant replaced by one placeholder word, so that it learns the construction
("menuduh ACTOR", '"… ilegal," kata ACTOR') and not the names of the stories it was trained on. It gives each
PLOVER type a probability. The coder uses it in two ways, each with its own threshold (`thresholds.json`
beside the model, chosen by cross-validation by story family):

* propose: in a sentence with participants where the rules code nothing, an event of the model's best type,
  its trigger the predicate of the clause (the root of the parse, else the first verb), its source and target
  found as for a rule's verb;
* retype: a rule event whose type the model finds unlikely takes the model's confident type instead.

Switched on by `Settings.event_classifier` (a model directory; None: the rules alone).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from peristiwa.stages.events import dependents
from peristiwa.stages.events.arguments import objects_after, subject_before
from peristiwa.stages.events.coder import Candidate
from peristiwa.stages.events.lexicon import Entry, Head, Match
from peristiwa.stages.events.modality import modality_of
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.text import Tok
from peristiwa.stages.events.view import View

ACTOR = "xaktorx"  # the placeholder for a participant: a letter string no Indonesian word spells
RULE_PREFIX = "model."  # `Event.rule` of what the model proposed or retyped: the analyst sees where it came from


@dataclass(frozen=True, slots=True)
class Thresholds:
    propose: float  # the best type's probability needed to propose an event where the rules code none
    retype: float  # the best type's probability needed to replace a rule event's type
    keep: float  # a rule's type the model gives at least this probability is kept


@dataclass(frozen=True, slots=True)
class EventClassifier:
    nlp: Language
    thresholds: Thresholds

    def types_of(self, view: View) -> dict[str, float]:
        """The probability of each PLOVER type for the sentence of `view`."""
        return dict(self.nlp(Doc(self.nlp.vocab, words=masked_words(view.toks, view.lo, view.hi, view.args))).cats)


@lru_cache(maxsize=4)
def load_classifier(path: Path) -> EventClassifier:
    """The model in `path` with its thresholds; an error that names what to do when it is not there."""
    if not (path / "meta.json").exists() or not (path / "thresholds.json").exists():
        raise FileNotFoundError(
            f"no event classifier in {path} (meta.json and thresholds.json expected): train one with "
            "training/events_clf/train_clf.py export, or set Settings.event_classifier=None"
        )
    values = json.loads((path / "thresholds.json").read_text(encoding="utf-8"))
    thresholds = Thresholds(float(values["propose"]), float(values["retype"]), float(values["keep"]))
    return EventClassifier(spacy.load(path), thresholds)


def masked_words(toks: list[Tok], lo: int, hi: int, args: list[Arg]) -> list[str]:
    """The lower-cased words of tokens [lo, hi), each participant one placeholder word."""
    starts = {a.first: a.last for a in args}
    words: list[str] = []
    i = lo
    while i < hi:
        if i in starts and starts[i] > i:
            words.append(ACTOR)
            i = starts[i]
        else:
            words.append(toks[i].low)
            i += 1
    return words or [""]


def revise(view: View, found: list[Candidate], model: EventClassifier) -> list[Candidate]:
    """The rule candidates of a sentence, retyped where the model is confident of another type, and a proposed
    candidate when no rule candidate has an actor."""
    if not view.args:
        return found
    cats = model.types_of(view)
    best = max(cats, key=lambda t: cats[t])
    limits = model.thresholds
    for cand in found:
        if cats[best] >= limits.retype and best != cand.type and cats.get(cand.type, 0.0) < limits.keep:
            _retype(cand, best)
    if cats[best] >= limits.propose and not any(c.sources and not c.suppressed for c in found):
        proposed = _proposal(view, best)
        if proposed is not None:
            found.append(proposed)
    return found


def _retype(cand: Candidate, kind: str) -> None:
    entry = replace(cand.match.entry, id=RULE_PREFIX + cand.match.entry.id, type=kind, cameo=None, target=None)
    cand.match = Match(replace(cand.match.head, entry=entry), cand.match.first, cand.match.last)
    cand.type, cand.mode = kind, None


def _proposal(view: View, kind: str) -> Candidate | None:
    """An event of type `kind` on the predicate of the sentence, with the participants a verb there takes."""
    k = _predicate(view)
    if k is None:
        return None
    entry = Entry(RULE_PREFIX + kind, kind, None, None, frozenset(view.grammar.preps), True)
    match = Match(Head(entry, (view.low(k),), "verb", False), k, k + 1)
    sources, targets = _participants(view, match)
    if not sources:
        return None
    modality = modality_of(view, k, k)
    return Candidate(match, sources, targets, modality, k, k + 1, kind, None)


def _predicate(view: View) -> int | None:
    """The root of the sentence's parse when it is a word outside every participant, else the first verb."""
    tree = view.tree()
    if tree is not None:
        roots = [i for i in range(view.lo, view.hi) if i in tree.rel and i not in tree.head]
        root = next((i for i in roots if tree.upos.get(i) == "VERB"), roots[0] if roots else None)
        if root is not None and view.arg_containing(root) is None:
            return root
    return next((i for i in range(view.lo, view.hi) if view.arg_containing(i) is None and view.is_verbish(i)), None)


def _participants(view: View, match: Match) -> tuple[list[Arg], list[Arg]]:
    """Source and target as a rule's verb has them (word order first, then the parse); without a target, the
    first other participant of the sentence."""
    k, preps = match.first, match.entry.preps
    sources = subject_before(view, k)
    targets = objects_after(view, match.last, preps, True).args
    tree = view.tree()
    if tree is not None:
        sources = sources or dependents.subject(view, tree, match) or dependents.agent(view, tree, match)
        targets = targets or dependents.objects(view, tree, match, preps, True)
    if not sources:
        return [], []
    own = {c for a in sources for c in a.codes}
    targets = [a for a in targets if not set(a.codes) <= own]
    if not targets:
        targets = [a for a in view.args if not set(a.codes) & own][:1]
    return sources, targets
