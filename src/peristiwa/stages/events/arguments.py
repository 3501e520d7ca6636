"""Find the source and target of a trigger from word order: subject, object, prepositions, genitives.

Indonesian is SVO: an active verb's subject stands before it and its object after; a di- verb puts the
patient first and the agent after it or after "oleh"; an event noun takes its actor as a genitive
("serangan udara Prancis") or from the subject of a light verb ("Rusia melancarkan serangan").
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.view import View

NAME_KINDS = {"name", "pair"}
NP_GAP = 4  # lower-case words allowed between a verb or preposition and the actor of its noun phrase


@dataclass(slots=True)
class Found:
    """Participants found for one side of an event, with where the search stopped."""

    args: list[Arg]
    stop: int  # token index where the scan ended (for embedded triggers)


def chain(view: View, arg: Arg) -> list[Arg]:
    """`arg` and the actors coordinated after it ("ISIS dan Jabhat al-Nusra", "Rusia dan AS serta PBB")."""
    members, current = [arg], arg
    while True:
        nxt = _next_coordinated(view, current)
        if nxt is None:
            return members
        members.append(nxt)
        current = nxt


def chain_ending_at(view: View, arg: Arg, tight: bool = False) -> list[Arg]:
    """`arg` and the actors coordinated before it ("Inggris, Amerika Serikat (AS), dan …").

    `tight` follows only coordinations with no words between ("dengan A dan B"), the ones that share
    a preposition; "dari A dan hampir 200 tentara B" starts a new noun phrase at "hampir".
    """
    before = [a for a in view.args if a.last <= arg.first]
    members = [arg]
    for prev in reversed(before):
        if _next_coordinated(view, prev, 0 if tight else None) is not members[0]:
            break
        members.insert(0, prev)
    return members


TITLE_WORDS = 8  # capitalised title words a coordination may cross before the next name


def _next_coordinated(view: View, arg: Arg, max_gap: int | None = None) -> Arg | None:
    gap_words, joins = 0, set[str]()
    limit = view.grammar.raw["coordination_gap"] if max_gap is None else max_gap
    reach = view.grammar.raw["coordination_gap"] + 3 + TITLE_WORDS
    for i in range(arg.last, min(view.hi, arg.last + reach)):
        if i in view.arg_at:
            nxt = view.arg_at[i]
            if not joins or nxt.kind not in NAME_KINDS:  # "…, kami" starts a new clause
                return None
            return nxt if joins != {","} or _list_goes_on(view, nxt) else None
        word = view.low(i)
        if word in view.grammar.coordinators or word in {"(", ")"}:
            joins |= {word} - {"(", ")"}
            continue
        if view.is_hard(i) or view.is_verbish(i) or word in view.grammar.preps or word == view.grammar.relative:
            return None
        if joins and max_gap is None and view.toks[i].capitalised:
            continue  # "dan Wakil Perdana Menteri … Australia Richard Marles": the title of the next name
        gap_words += 1
        if gap_words > limit:
            return None
    return None


def _list_goes_on(view: View, arg: Arg) -> bool:
    """A comma joins two actors only inside a list that continues ("Inggris, AS, dan …")."""
    i = arg.last + (1 if view.low(arg.last) == ")" else 0)
    return view.low(i) in view.grammar.coordinators


def oblique_marker(view: View, arg: Arg) -> str | None:
    """The preposition or modifier marker that governs `arg` ("dengan PM Estonia Kaja Kallas")."""
    j = arg.first - 1
    for _ in range(7):  # "dengan Perdana Menteri (PM) Estonia Kaja Kallas"
        if j < view.lo:
            return None
        word = view.low(j)
        if view.is_verbish(j) and word not in view.grammar.speech:
            return "object"  # the object of another verb ("membahas Suriah") is not a subject
        if j in view.triggers:
            return "genitive"  # the actor of an event noun ("penjualan senjata AS") is not a subject
        if view.is_hard(j):
            return None
        if word in view.grammar.preps or word in view.grammar.modifiers:
            return word
        if (j + 1) in view.arg_at and j + 1 != arg.first:
            return None
        if not (view.toks[j].capitalised or word in {"(", ")"} or word.isalpha()):
            return None
        j -= 1
    return None


def coordinated_oblique(view: View, arg: Arg) -> str | None:
    """The governing marker of `arg` or of the first member of its coordination."""
    return oblique_marker(view, chain_ending_at(view, arg, tight=True)[0])


def subject_before(view: View, i: int, skip: set[int] | None = None) -> list[Arg]:
    """The subject of the verb at token i: the nearest actor to its left that no preposition governs."""
    skip = skip or set()
    for j in range(i - 1, view.lo - 1, -1):
        if view.is_hard(j) and not view.is_quote(j):  # a quoted fragment does not end the clause
            return []
        arg = _arg_ending_at(view, j)
        if arg is None or arg.first in skip or _inside_relative(view, arg, i):
            continue
        if _subject_of_clausal_noun(view, arg, i):
            return chain_ending_at(view, arg)
        if coordinated_oblique(view, arg) is None or _subject_after_opener(view, arg, i):
            return chain_ending_at(view, arg)
    return []


def _subject_after_opener(view: View, arg: Arg, i: int) -> bool:
    """ "sejak Riyadh memutuskan hubungan", "di mana kedua pihak setuju": after a word that opens a clause and
    looks like a preposition (`clause_openers`), an actor right before the verb is its subject."""
    k = arg.last + (1 if view.low(arg.last) == ")" else 0)
    while k < i and view.low(k) in view.grammar.aux:
        k += 1
    if k != i:
        return False
    j = chain_ending_at(view, arg, tight=True)[0].first - 1
    return (
        view.low(j) in view.grammar.clause_openers or f"{view.low(j - 1)} {view.low(j)}" in view.grammar.clause_openers
    )


def _subject_of_clausal_noun(view: View, arg: Arg, i: int) -> bool:
    """ "keputusan AS menjual senjata": an actor between a clausal noun and the verb is the verb's subject."""
    first = chain_ending_at(view, arg)[0].first
    return arg.last == i and first > view.lo and view.low(first - 1) in view.grammar.clausal_nouns


def _arg_ending_at(view: View, j: int) -> Arg | None:
    """The participant whose last word is token j ("Amerika Serikat (AS)" ends at "AS" too)."""
    arg = view.arg_ending.get(j + 1)
    if arg is None and view.low(j + 1) == ")":
        arg = view.arg_ending.get(j + 2)
    return arg


def _inside_relative(view: View, arg: Arg, i: int) -> bool:
    """True when `arg` sits in a ", yang …," clause that ends before token i."""
    j = arg.first - 1
    while j >= view.lo and not view.is_hard(j) and view.low(j) != ",":
        if view.low(j) == view.grammar.relative:
            if j - 1 < view.lo or view.low(j - 1) != ",":
                return False
            close = next((k for k in range(arg.last, i) if view.low(k) == ","), None)
            return close is not None
        j -= 1
    return False


def objects_after(view: View, start: int, preps: frozenset[str], direct: bool) -> Found:
    """The recipient after token `start`: a direct object or the object of an allowed preposition."""
    prep: str | None = None
    loose = 0
    for i in range(start, min(view.hi, start + 12)):
        word = view.low(i)
        if i in view.arg_at:
            arg = view.arg_at[i]
            fused = fused_prep(view, i)  # "kepadanya": the preposition and the pronoun in one token
            allowed = (prep or fused) in preps if (prep or fused) else direct and loose <= NP_GAP
            if allowed and oblique_marker(view, arg) not in view.grammar.modifiers:
                return Found(chain(view, arg), i)
            if prep is None and not direct:
                prep = "-"  # an actor in an unlicensed slot closes the direct-object position
            continue
        if word in view.grammar.target_verbs:
            prep, loose, direct = None, 0, True  # "serangan udara X menghantam posisi Y"
            continue
        if view.is_hard(i) or word in view.grammar.soft and word not in {"(", ")"}:
            licensed = prep in preps if prep else direct and loose <= NP_GAP
            return Found(relative_agent(view, i) if licensed else [], i)
        if _two_word_prep(view, i, preps) or word in view.grammar.preps:  # "di depan" before "di"
            prep = f"{word} {view.low(i + 1)}" if _two_word_prep(view, i, preps) else word
            loose = 0
            continue
        if word in view.grammar.purpose_markers or view.is_verbish(i):
            return Found([], i)
        loose += 1
        if loose > NP_GAP and prep is None:
            direct = False
    return Found([], min(view.hi, start + 12))


def relative_agent(view: View, i: int) -> list[Arg]:
    """ "apresiasi atas upaya yang dipimpin Qatar", "mengecam tindakan yang dilakukan oleh Israel": an act whose
    passive relative clause names who carried it out is that actor's, and the actor is the recipient. Only verbs
    of carrying out (`relative_agent_verbs`): "sandera yang ditahan oleh Hamas" are not Hamas's."""
    if view.low(i) != view.grammar.relative:
        return []
    k = i + 1
    while view.low(k) in view.grammar.aux:
        k += 1
    if view.low(k) not in view.grammar.relative_agent_verbs:
        return []
    if view.low(k + 1) == view.grammar.agent_marker:
        return _actor_after(view, k + 2)
    arg = view.arg_at.get(k + 1)
    return chain(view, arg) if arg is not None else []


def fused_prep(view: View, i: int) -> str | None:
    word, clitic = view.low(i), view.grammar.pronoun_clitic
    return word[: -len(clitic)] if word.endswith(clitic) and word[: -len(clitic)] in view.grammar.preps else None


def _two_word_prep(view: View, i: int, preps: frozenset[str]) -> bool:
    return f"{view.low(i)} {view.low(i + 1)}" in preps


def genitive_after(view: View, start: int) -> list[Arg]:
    """The actor of an event noun: the genitive right after it ("penarikan sebagian besar pasukan Rusia")."""
    for i in range(start, min(view.hi, start + NP_GAP + 1)):
        if i in view.arg_at:
            arg = view.arg_at[i]
            governed = fused_prep(view, i) or oblique_marker(view, arg) not in {None, "genitive"}
            return [] if governed else chain(view, arg)
        word = view.low(i)
        if word == view.grammar.agent_marker:
            return _actor_after(view, i + 1)
        if view.is_hard(i) or word in view.grammar.soft or word in view.grammar.preps or view.is_verbish(i):
            return []
    return []


def between_after(view: View, start: int) -> list[Arg]:
    """ "antara A dan B" within a few words after an event noun: the participants, in order."""
    for i in range(start, min(view.hi, start + 5)):
        word = view.low(i)
        if word == view.grammar.between_marker:
            nxt = next((k for k in range(i + 1, min(view.hi, i + 1 + NP_GAP)) if k in view.arg_at), None)
            return chain(view, view.arg_at[nxt]) if nxt is not None else []
        if view.is_hard(i) or (i in view.arg_at) or word in view.grammar.between_stops:
            return []
    return []


def _actor_after(view: View, start: int) -> list[Arg]:
    """The actor heading the noun phrase at `start` ("oleh Presiden Rusia Vladimir Putin")."""
    for i in range(start, min(view.hi, start + NP_GAP + 1)):
        if i in view.arg_at:
            return chain(view, view.arg_at[i])
        if view.is_hard(i) or view.is_verbish(i) or view.low(i) in view.grammar.preps:
            return []
    return []


def agent_by(view: View, start: int) -> list[Arg]:
    """ "oleh X" right after a noun phrase: the agent of an event noun."""
    if view.low(start) == view.grammar.agent_marker and view.lo <= start < view.hi:
        return _actor_after(view, start + 1)
    return []


def agent_after(view: View, start: int) -> list[Arg]:
    """The agent of a di- verb: "oleh X" or an actor right after the verb ("ditangkap polisi Malaysia")."""
    for i in range(start, min(view.hi, start + 6)):
        if view.low(i) == view.grammar.agent_marker:
            return _actor_after(view, i + 1)
    arg = view.arg_at.get(start) or (view.arg_at.get(start + 1) if view.low(start) not in view.grammar.preps else None)
    return chain(view, arg) if arg else []
