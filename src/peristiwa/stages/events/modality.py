"""Negation and modality of a trigger from the cue words around it (grammar.yaml).

Decision (documented in the stage docstring): hypothetical events — conditionals, possibilities,
questions, statements of need, beliefs and predictions — are never emitted; the coded set holds only
what the text asserts, intends or explicitly negates.
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.stages.events.view import View


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    modality: str  # asserted | future | hypothetical


PURPOSE_REACH = 8  # tokens back from "untuk" to the planned verb ("dijadwalkan terbang ke Amerika Serikat")


def window(view: View, i: int) -> range:
    """The tokens just before token i that can carry its cues, back to a clause boundary or an actor."""
    size = view.grammar.raw["cue_window"]
    j = i - 1
    while j >= max(view.lo, i - size) and not view.is_hard(j) and view.low(j) not in {",", view.grammar.relative}:
        if j in view.arg_at or any(a.first <= j < a.last for a in view.args):
            break
        j -= 1
    return range(j + 1, i)


def has_cue(view: View, span: range, cue: str) -> bool:
    phrases = view.grammar.cues(cue)
    return any(view.phrase_at(k, phrases) for k in span)


def modality_of(view: View, i: int, reach: int, governs: bool = False, bare_noun: bool = False) -> Modality:
    """Negation and modality of the trigger at token i (cues searched before token `reach` ≤ i).

    `governs`: a speech act (threat, demand …) is asserted even when its content is conditional.
    `bare_noun`: an event noun that is the object of another verb takes no cue from beyond that verb.
    """
    span = _after_last_verb(view, window(view, reach)) if bare_noun else window(view, reach)
    if (
        has_cue(view, span, "hypothetical")
        or has_cue(view, span, "need")
        or _clause_opener(view, reach)
        or _conditional(view, reach, governs)
        or _under_belief(view, reach)
        or _need_before(view, reach)
    ):
        return Modality(has_cue(view, span, "negations"), "hypothetical")
    future = has_cue(view, span, "future") or _purpose_of_plan(view, reach)
    return Modality(has_cue(view, span, "negations"), "future" if future else "asserted")


def _purpose_of_plan(view: View, i: int) -> bool:
    """ "dijadwalkan terbang ke AS untuk bertemu Biden": the purpose of a planned act is planned too."""
    j = i - 1
    if j < view.lo or view.low(j) != view.grammar.complement_marker:
        return False
    cues = view.grammar.cues("future")
    for k in range(j - 1, max(view.lo, j - PURPOSE_REACH) - 1, -1):
        if view.is_hard(k) or view.low(k) == ",":
            return False
        if view.phrase_at(k, cues):
            return True
    return False


def _after_last_verb(view: View, span: range) -> range:
    """ "tidak akan mengakui aneksasi …": the negation belongs to "mengakui", not to the noun."""
    cue_words = {
        w for name in ("negations", "future", "hypothetical", "need") for p in view.grammar.cues(name) for w in p
    }
    verbs = [k for k in span if view.is_verbish(k) and view.low(k) not in cue_words]
    return range(verbs[-1] + 1, span.stop) if verbs else span


def _clause_opener(view: View, i: int) -> bool:
    """ "Mungkin Rusia akan …": a modal adverb opening the clause scopes over it."""
    j = i - 1
    while j > view.lo and not view.is_hard(j - 1) and view.low(j - 1) != ",":
        j -= 1
    return j < i and bool(view.phrase_at(j, view.grammar.cues("hypothetical")))


def _need_before(view: View, i: int) -> bool:
    """ "menekankan perlunya koordinasi": a need noun right before an event noun."""
    return i - 1 >= view.lo and bool(view.phrase_at(i - 1, view.grammar.cues("need")))


def _conditional(view: View, i: int, governs: bool = False) -> bool:
    """A conditional governs its own clause and the main clause that follows it, up to a hard boundary."""
    cues = view.grammar.cues("conditionals")
    for j in range(i - 1, view.lo - 1, -1):
        if view.is_hard(j):
            break
        if view.phrase_at(j, cues):
            return True
    if governs:
        return False
    for j in range(i + 1, view.hi):
        if view.is_hard(j) or view.low(j) == ",":
            break
        if view.phrase_at(j, cues):
            return True
    return False


def _under_belief(view: View, i: int) -> bool:
    """Inside the complement of a belief or prediction verb, which a cause clause ("karena") ends."""
    beliefs, ends = view.grammar.cues("belief"), set(view.grammar.raw["belief_end"])
    for j in range(i - 1, view.lo - 1, -1):
        if view.low(j) in ends:
            return False
        if view.phrase_at(j, beliefs):
            return True
    return False
