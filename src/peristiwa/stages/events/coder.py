"""Code the triggers of one sentence into PLOVER events: participants, modality, complements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peristiwa.stages.events import dependents
from peristiwa.stages.events.arguments import (
    agent_after,
    agent_by,
    between_after,
    chain_ending_at,
    genitive_after,
    objects_after,
    subject_before,
)
from peristiwa.stages.events.lexicon import Match
from peristiwa.stages.events.modality import Modality, modality_of
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.tree import Tree
from peristiwa.stages.events.view import View


@dataclass(slots=True)
class Candidate:
    """A trigger with its participants, before complements are linked and events are written."""

    match: Match
    sources: list[Arg]
    targets: list[Arg]
    modality: Modality
    reach: int  # first token of the event phrase (the light verb of a noun, else the trigger)
    stop: int  # where the recipient search ended
    type: str
    mode: str | None
    suppressed: bool = False
    mutual: bool = False  # "saling tuduh": the event holds in both directions


def find_triggers(view: View) -> None:
    """Fill `view.triggers` with the longest trigger at each position, left to right."""
    i = view.lo
    bounded = view.toks[: view.hi]  # sliced once per sentence, not once per token (1 MB lines)
    while i < view.hi:
        matches = [
            m
            for m in view.lexicon.matches_at(bounded, i)
            if (not m.entry.predicate or _in_predicate(view, i, m.entry.predicate))
            and (not m.head.needs_verb_tag or _tagged_verb(view, i))
        ]
        if matches and not _modifier_use(view, i) and not _inside_title(view, i):
            view.triggers[i] = matches[0]
            view.alternatives[i] = [m for m in matches[1:] if m.last == matches[0].last]
            i = matches[0].last
        else:
            i += 1


def _tagged_verb(view: View, i: int) -> bool:
    if not view.args:
        return False  # no participant, no event: the sentence need not be parsed
    tree = view.tree()
    return tree is not None and tree.upos.get(i) == "VERB"


def _inside_title(view: View, i: int) -> bool:
    """ "Perjanjian Kerja Sama Pertahanan": a capitalised word inside the title of an agreement or a body is
    part of a name, not an event."""
    j = i
    while j > view.lo and view.toks[j].capitalised and view.toks[j - 1].capitalised:
        j -= 1
        if view.low(j) in view.grammar.title_heads:
            return True
    return False


def _modifier_use(view: View, i: int) -> bool:
    """ "milisi dukungan Iran": a modifier marker after a plain noun names a backer, not an event."""
    if view.low(i) not in view.grammar.modifiers or i == view.lo:
        return False
    before = view.low(i - 1)
    function_words = view.grammar.preps | view.grammar.aux | view.grammar.adjuncts
    return (
        before.isalpha()
        and before not in function_words
        and view.light_before(i) is None
        and not view.is_verbish(i - 1)
    )


def candidates(view: View) -> list[Candidate]:
    found = [c for i, m in view.triggers.items() if (c := _first_candidate(view, [m, *view.alternatives[i]]))]
    link_complements(view, found)
    return found


def _first_candidate(view: View, matches: list[Match]) -> Candidate | None:
    """The first reading of a trigger whose constraints hold ("menyerukan X sebagai ancaman")."""
    return next((c for m in matches if (c := _candidate(view, m)) is not None), None)


def _candidate(view: View, match: Match) -> Candidate | None:
    entry = match.entry
    sides = _noun_sides(view, match) if match.head.pos == "noun" else _verb_sides(view, match)
    if sides is None:
        return None
    sources, targets, reach, stop = sides
    if entry.reverse:
        sources, targets = targets, sources
    if entry.subject_troops and not _troops_before(view, sources, match.first):
        return None
    if entry.label and not _labelled(view, targets, entry.label):
        return None
    if entry.needs_target and not targets:
        return None
    modality = modality_of(
        view,
        match.first,
        reach,
        governs=entry.complement is not None,
        bare_noun=match.head.pos == "noun" and reach == match.first,
    )
    mutual = entry.mutual or view.low(reach - 1) in view.grammar.mutual
    candidate = Candidate(match, sources, targets, modality, reach, stop, entry.type, entry.mode, mutual=mutual)
    candidate.suppressed = _mentions_earlier_event(view, match, reach)
    return candidate


def _mentions_earlier_event(view: View, match: Match, reach: int) -> bool:
    """ "Rutte mengatakan pengiriman pasukan itu …": a bare event noun with a pointing determiner names an event
    already reported, not a new one (a verb governing it, "mengecam serangan itu", can still react to it)."""
    if match.head.pos != "noun" or reach != match.first:
        return False
    for k in range(match.last, min(view.hi, match.last + 3)):  # "pengiriman pasukan itu"
        if k in view.arg_at or view.is_hard(k) or view.is_verbish(k) or view.low(k) in view.grammar.preps:
            return False
        if view.low(k) in view.grammar.event_anaphora:
            return True
    return False


Sides = tuple[list[Arg], list[Arg], int, int]


def _verb_sides(view: View, match: Match) -> Sides:
    entry = match.entry
    if match.head.passive:
        sources, targets = agent_after(view, match.last), subject_before(view, match.first)
        sources = sources or _parsed(view, lambda t: dependents.agent(view, t, match), targets)
        targets = targets or _parsed(view, lambda t: dependents.passive_subject(view, t, match), sources)
        return sources, targets, match.first, match.last
    found = objects_after(view, match.last, entry.preps, entry.direct)
    targets = found.args or (between_after(view, match.last) if view.grammar.between_marker in entry.preps else [])
    if entry.predicate:
        sources = _predicate_subject(view, match.first)
    else:
        sources = subject_before(view, match.first)
        sources = sources or _parsed(view, lambda t: dependents.subject(view, t, match), targets)
        sources = sources or _speaker_behind(view, match.first)
    targets = targets or _parsed(view, lambda t: dependents.objects(view, t, match, entry.preps, entry.direct), sources)
    return sources, targets, match.first, found.stop


def _parsed(view: View, read: Callable[[Tree], list[Arg]], besides: list[Arg]) -> list[Arg]:
    """Participants read from the parse of the sentence, when there is a parser and a participant in the
    sentence that is not already on the other side (else the parse, the dearest step, cannot add one)."""
    if all(arg in besides for arg in view.args):
        return []
    tree = view.tree()
    return read(tree) if tree is not None else []


def _noun_sides(view: View, match: Match) -> Sides | None:
    entry = match.entry
    light = view.light_before(match.first)
    if entry.governed and light is None and not _after_reaction(view, match.first):
        return None
    reach = light if light is not None else match.first
    between = between_after(view, match.last)
    if len({c for a in between for c in a.codes}) > 1:
        if entry.mediator:  # "Qatar memimpin mediasi antara A dan B": Qatar talks with both sides
            return subject_before(view, reach), between, reach, match.last
        return between[:1], between[1:], reach, match.last
    genitive = [] if entry.no_genitive else genitive_after(view, match.last)
    if not genitive and not entry.no_genitive:
        genitive = _parsed(
            view, lambda t: dependents.genitive(view, t, match) or dependents.relative_agent(view, t, match), []
        )
    after = genitive[-1].last if genitive else match.last
    agent = agent_by(view, after)
    if genitive and agent:  # "aneksasi wilayah Ukraina oleh Rusia"
        return agent, genitive, reach, after
    found = objects_after(view, after, entry.preps, entry.direct and not genitive)
    if light is not None and view.is_host_verb(light, match.first):
        return genitive, subject_before(view, light), reach, found.stop
    if genitive:
        targets = found.args or _adjunct_host(view, reach)
        return genitive, targets, reach, found.stop
    if light is None and any(k in view.triggers for k in range(_subject_start(view, reach), reach)):
        return [], found.args, reach, found.stop  # an event noun does not borrow another verb's subject
    sources = subject_before(view, reach) or _parsed(view, lambda t: dependents.subject(view, t, match), found.args)
    if light is not None:  # "“… memberikan sanksi kepada X”": a bare noun ("serangan terhadap X") may be anyone's
        sources = sources or _speaker_behind(view, reach, match.first)
    targets = found.args or _parsed(
        view, lambda t: dependents.objects(view, t, match, entry.preps, entry.direct), sources
    )
    return sources, targets, reach, found.stop


def _speaker_behind(view: View, i: int, noun: int | None = None) -> list[Arg]:
    """The speaker of the direct quotation holding the verb at token i, unless the parse gives that verb a
    subject of its own that is no proper noun ("“… perluasan mekanisme ini menjadi ancaman bagi kita”": a copula
    makes it the subject of the event noun after the light verb). A named
    body the coder does not know ("Departemen Keuangan memberikan sanksi …", said by its minister) is taken
    for the speaker's own."""
    speaker = view.speaker_behind(i)
    if not speaker:
        return []
    tree = view.tree()
    heads = [i] if noun is None else [i, noun]
    subjects = [k for h in heads for k in tree.kids(h, *dependents.SUBJECT_RELS)] if tree is not None else []
    return [] if any(tree is not None and tree.upos.get(k) != "PROPN" for k in subjects) else speaker


def _after_reaction(view: View, i: int) -> bool:
    """ "mengutuk keras latihan militer itu": a noun that needs a light verb is also an event when a reacting or
    demanding verb governs it (it lends the verb its actor; it does not borrow the verb's subject)."""
    return any(
        k in view.triggers and view.triggers[k].entry.complement in {"react", "suppress"}
        for k in range(max(view.lo, i - GOVERNING_REACH), i)
    )


GOVERNING_REACH = 3  # tokens between a reacting verb and the noun it governs ("mengecam keras serangan")


def _subject_start(view: View, i: int) -> int:
    subject = subject_before(view, i)
    return subject[0].first if subject else i


def _adjunct_host(view: View, i: int) -> list[Arg]:
    """ "sesuai permintaan X", "dengan dukungan udara X": X acts on the subject of the clause."""
    if view.low(i - 1) not in view.grammar.adjuncts:
        return []
    return subject_before(view, i - 1)


def _predicate_subject(view: View, i: int) -> list[Arg]:
    """The subject of a predicate-only verb stands right before it or before its auxiliaries."""
    j = i - 1
    while j >= view.lo and view.low(j) in view.grammar.aux:
        j -= 1
    return next((chain_ending_at(view, a) for a in view.args if a.last == j + 1), [])


def _in_predicate(view: View, i: int, kind: str) -> bool:
    """ "melawan" is a verb only after an auxiliary or a negation ("aux"), or also its subject ("subject")."""
    if view.low(i - 1) in view.grammar.aux:
        return True
    return kind == "subject" and any(a.last == i for a in view.args)


def _troops_before(view: View, sources: list[Arg], i: int) -> bool:
    start = max(view.lo, (sources[0].first if sources else i) - 6)
    return any(view.low(k) in view.grammar.troops for k in range(start, i))


def _labelled(view: View, targets: list[Arg], nouns: frozenset[str]) -> bool:
    """ "menyebut X sebagai ancaman": the label noun follows "sebagai" after the object."""
    if not targets:
        return False
    k = targets[-1].last
    if view.low(k) != view.grammar.label_marker:
        return False
    k += 1
    while view.low(k) in view.grammar.determiners:
        k += 1  # "sebagai salah satu mitra", "sebagai sebuah ancaman"
    return view.low(k) in nouns


def link_complements(view: View, found: list[Candidate]) -> None:
    """Let a reacting, demanding or refusing trigger take the participants of the event noun it governs."""
    for index, outer in enumerate(found):
        entry = outer.match.entry
        inner = _governed(view, outer, found[index + 1 :])
        if entry.verbal_complement and _refuses_act(view, outer, inner):
            continue
        if inner is not None and entry.complement in {"react", "suppress"} and not outer.targets:
            outer.targets = _complement_targets(view, inner, {c for a in outer.sources for c in a.codes})
        if entry.complement in {"suppress", "absorb"}:
            for later in found[index + 1 :]:
                later.suppressed = later.suppressed or _same_clause(view, outer.match.last, later.match.first)


def _governed(view: View, outer: Candidate, later: list[Candidate]) -> Candidate | None:
    nxt = later[0] if later else None
    if nxt is None or outer.targets:
        return None
    near_verb = 0 <= nxt.match.first - outer.match.last <= 2  # "menolak permintaan …"
    near_stop = 0 <= nxt.match.first - outer.stop <= 2  # "menyerukan penghentian perang …, penarikan …"
    joined = nxt.match.head.pos == "verb" and any(
        view.low(k).isalpha() and view.low(k) in view.grammar.coordinators
        for k in range(outer.match.last, nxt.match.first)
    )
    return nxt if (near_verb or near_stop) and not joined else None  # "mengutuk X dan menyerukan Y": two acts


def _refuses_act(view: View, outer: Candidate, inner: Candidate | None) -> bool:
    """ "menolak (untuk) bertemu dengan X" is REJECT X; "menolak mengatakan …" is no event at all."""
    k = outer.match.last + (1 if view.low(outer.match.last) == view.grammar.complement_marker else 0)
    if inner is not None and inner.match.first == k and inner.match.head.pos == "verb":
        outer.targets, outer.mode = inner.targets, _reject_mode(inner.type)
        inner.suppressed = True
        return True
    if view.is_verbish(k) or view.low(outer.match.last) == view.grammar.complement_marker:
        outer.suppressed = True
        return True
    return False


def _reject_mode(inner_type: str) -> str:
    return {"CONSULT": "meet", "AID": "assist", "AGREE": "meet"}.get(inner_type, "yield")


def _complement_targets(view: View, inner: Candidate, reactors: set[str]) -> list[Arg]:
    """ "mengancam akan menyerang X" aims at X; "mengecam serangan X" and "menyerukan penarikan pasukan X"
    aim at the actor of the event noun (and at both sides of a meeting or an agreement)."""
    if inner.match.head.pos == "verb":
        return inner.targets
    if not inner.sources:
        return _antecedent(view, inner, reactors)
    return inner.sources + (inner.targets if is_symmetric(view, inner) else [])


def _antecedent(view: View, inner: Candidate, reactors: set[str]) -> list[Arg]:
    """ "mengecam serangan tersebut": a pointing event noun stands for the last such event reported before, and
    its actor is the one reacted to; one does not condemn one's own act, so events of the reacting side are
    passed over."""
    after = inner.match.last
    if view.low(after) not in view.grammar.event_anaphora:
        return []
    others = [(c, e) for c, e in view.recent_sources.get(inner.type, []) if c is not None and c not in reactors]
    if not others:
        return []
    code, entity = others[0]
    return [Arg(inner.match.first, after + 1, (code,), (entity,), "anaphor")]


def is_symmetric(view: View, candidate: Candidate) -> bool:
    entry = candidate.match.entry
    if entry.symmetric is not None and candidate.type == entry.type:
        return entry.symmetric
    return bool(view.lexicon.types[candidate.type].get("symmetric"))


def _same_clause(view: View, start: int, end: int) -> bool:
    """No clause boundary between the two, and no "dan"/"serta" starting a new verb phrase ("membantah tuduhan
    itu dan menuduh Manila …": the second verb is asserted, not what was denied)."""
    return not any(view.is_hard(k) or _new_verb_phrase(view, k) for k in range(start, end))


def _new_verb_phrase(view: View, k: int) -> bool:
    if view.low(k) not in view.grammar.coordinators:
        return False
    j = k + 1
    while j < view.hi and view.low(j) in view.grammar.aux:  # "dan juga menuduh", "dan akan mengirim"
        j += 1
    return j < view.hi and view.is_verbish(j) and j in view.triggers
