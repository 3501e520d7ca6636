"""Source and target of a trigger from the dependency parse, where word order finds none.

Word order (`arguments.py`) reads the common clause well; it loses the participants a parse still sees: the
shared subject of a second verb ("Afrika Selatan mendesak pengadilan … dan mendesak Israel …"), the subject of
a controlled verb ("Meksiko setuju untuk mengerahkan …"), the agent of a passive across a long noun phrase, an
object after a relative clause, the genitive of an event noun that is not right after it.
"""

from __future__ import annotations

from peristiwa.stages.events.arguments import chain, fused_prep
from peristiwa.stages.events.lexicon import Match
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.tree import Tree
from peristiwa.stages.events.view import View

# Relations that stay inside a noun phrase: from its head word down to the actor it names ("pasukan Rusia",
# "Presiden Prabowo", "pemerintah Rusia").
PHRASE_RELS = ("nmod", "flat", "flat:name", "appos", "compound", "nmod:poss", "det")
PHRASE_DEPTH = 2
# A verb shares the subject of the verb it depends on through these (coordination, control, a participle).
SHARED_SUBJECT_RELS = ("conj", "xcomp", "advcl")
SUBJECT_HOPS = 5
SUBJECT_RELS = ("nsubj", "nsubj:pass", "csubj")
RELATIVE_RELS = ("acl:relcl", "acl")
OBJECT_RELS = ("obj", "iobj")
OBLIQUE_RELS = ("obl", "obl:arg", "nmod")


def trigger_head(tree: Tree, match: Match) -> int:
    """The token of the trigger phrase that the rest of the sentence attaches to."""
    inside = range(match.first, match.last)
    return next((i for i in inside if tree.head.get(i) not in inside), match.first)


def actor_of(view: View, tree: Tree, i: int, depth: int = PHRASE_DEPTH) -> list[Arg]:
    """The participant named by the phrase headed by token i, with its coordinated members."""
    arg = view.arg_containing(i)
    if arg is not None:
        return chain(view, arg)
    if depth == 0:
        return []
    for kid in tree.kids(i, *PHRASE_RELS):
        if any(view.low(k) in view.grammar.modifiers for k in range(min(i, kid), max(i, kid) + 1)):
            continue  # "milisi dukungan Iran", "aset milik Rusia": a backer or an owner, not who the phrase names
        case = _case_word(view, tree, kid)
        if case is not None and case not in view.grammar.phrase_members:
            continue  # "rakyat Palestina di Gaza": a place or a topic inside the phrase, not who it names
        found = actor_of(view, tree, kid, depth - 1)
        if found:
            return found
    return []


def subject(view: View, tree: Tree, match: Match) -> list[Arg]:
    """The active subject of the trigger, of the verb it shares its subject with, or, in a relative clause
    ("kebijakan AS yang memberlakukan tarif"), the phrase the clause belongs to. An event noun takes the
    subject of the verb whose object it is ("Rusia melancarkan serangan")."""
    node = trigger_head(tree, match)
    if tree.rel.get(node) == "obj" and tree.upos.get(tree.head.get(node, node)) == "VERB":
        node = tree.head[node]
    for _ in range(SUBJECT_HOPS):
        relative = tree.rel.get(node) in RELATIVE_RELS and node in tree.head
        for kid in tree.kids(node, "nsubj"):
            if relative and view.low(kid) == view.grammar.raw["relative"]:
                return actor_of(view, tree, tree.head[node])  # "yang" stands for the phrase the clause belongs to
            found = actor_of(view, tree, kid)
            if found:
                return found
        if tree.kids(node, "nsubj", "nsubj:pass"):
            return []  # its own subject names no actor
        if relative:
            return actor_of(view, tree, tree.head[node])
        if tree.rel.get(node) not in SHARED_SUBJECT_RELS or node not in tree.head:
            return []
        if any(view.low(k) in view.grammar.hard for k in tree.kids(node, "mark")):
            return []  # "… menambahkan bahwa mendukung X …": a clause after "bahwa" has a subject of its own
        node = tree.head[node]
    return []


def passive_subject(view: View, tree: Tree, match: Match) -> list[Arg]:
    """The patient of a passive verb: its subject."""
    for kid in tree.kids(trigger_head(tree, match), "nsubj:pass", "nsubj"):
        found = actor_of(view, tree, kid)
        if found:
            return found
    return []


def agent(view: View, tree: Tree, match: Match) -> list[Arg]:
    """The agent of a passive verb or an event noun: "oleh X"."""
    return _agent_of(view, tree, trigger_head(tree, match))


def _agent_of(view: View, tree: Tree, node: int) -> list[Arg]:
    for kid in tree.kids(node, "obl:agent", *OBLIQUE_RELS):
        if tree.rel[kid] == "obl:agent" or _case_word(view, tree, kid) == view.grammar.raw["agent_marker"]:
            found = actor_of(view, tree, kid)
            if found:
                return found
    return []


def relative_agent(view: View, tree: Tree, match: Match) -> list[Arg]:
    """The actor of an event noun told in a relative clause: "sanksi yang dijatuhkan oleh AS", "latihan yang
    dilakukan AS dan Korea Selatan"."""
    for clause in tree.kids(trigger_head(tree, match), *RELATIVE_RELS):
        found = _agent_of(view, tree, clause)
        if found:
            return found
    return []


def objects(view: View, tree: Tree, match: Match, preps: frozenset[str], direct: bool) -> list[Arg]:
    """The recipient: a direct object when the entry takes one, or an oblique whose preposition it allows. A
    coordination of two events shares it when the trigger has no object of its own ("kontak dan pertemuan dengan
    Israel")."""
    head = trigger_head(tree, match)
    shared = [] if tree.kids(head, *OBJECT_RELS) else [k for k in _coordinated(tree, head) if k in view.triggers]
    for node in [head, *shared]:  # "menolak X dan menyebut Y": a conjunct with an object of its own keeps it
        found = _object_of(view, tree, node, preps, direct)
        if found:
            return found
    return []


def _coordinated(tree: Tree, i: int) -> list[int]:
    """The conjuncts of token i: its own, and those of the word it is a conjunct of."""
    first = tree.head[i] if tree.rel.get(i) == "conj" and i in tree.head else i
    return [k for k in [first, *tree.kids(first, "conj")] if k != i]


def _object_of(view: View, tree: Tree, node: int, preps: frozenset[str], direct: bool) -> list[Arg]:
    for kid in tree.kids(node, *OBJECT_RELS, *OBLIQUE_RELS):
        if kid in view.triggers:
            continue  # an event as the object ("menolak kritik AS"): complements link it (`coder.py`)
        case = _case_word(view, tree, kid)
        allowed = case in preps if case else direct and tree.rel[kid] in OBJECT_RELS
        if allowed:
            found = actor_of(view, tree, kid)
            if found:
                return found
    return []


def genitive(view: View, tree: Tree, match: Match) -> list[Arg]:
    """The actor of an event noun: a dependent noun with no preposition ("serangan udara Israel")."""
    for kid in tree.kids(trigger_head(tree, match), "nmod", "nmod:poss", "flat", "compound"):
        if not tree.kids(kid, "case") and fused_prep(view, kid) is None:  # "dukungan kepadanya" is no genitive
            found = actor_of(view, tree, kid)
            if found:
                return found
    return []


def _case_word(view: View, tree: Tree, i: int) -> str | None:
    """The preposition of an oblique ("terhadap", "dengan", "kepada"), two words when it has two ("di depan")."""
    cases = tree.kids(i, "case")
    if not cases:
        return None
    return " ".join(view.low(k) for k in cases)
