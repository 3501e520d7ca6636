"""The dependency parse of one sentence, on the events stage's token indices.

The parser writes onto the document's tokens (`stages.nlp.syntax`); the coder counts in its own tokens, made
from them (`text.coder_tokens`: a compound written without spaces is one coder token, a run of punctuation
marks one per mark). A document token that starts no coder token is passed over, and a head that falls on one
is followed up the tree to the next that does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from peristiwa.model import Document, Sentence
from peristiwa.stages.events.text import Tok
from peristiwa.stages.nlp.syntax import parse_sentence


@dataclass(slots=True)
class Tree:
    head: dict[int, int] = field(default_factory=dict)  # coder token → its head (a root has none)
    rel: dict[int, str] = field(default_factory=dict)  # UD relation, subtype included ("nsubj:pass")
    upos: dict[int, str] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)

    def kids(self, i: int, *rels: str) -> list[int]:
        """Dependents of i, in text order, whose relation is one of `rels` (all when none is given)."""
        return [c for c in self.children.get(i, []) if not rels or self.rel[c] in rels]


def build_tree(doc: Document, sentence: Sentence, toks: list[Tok], lo: int, hi: int, model: Path) -> Tree:
    span = parse_sentence(doc, sentence, model)
    at_start = {toks[i].start: i for i in range(lo, hi)}
    coder_index = {k: at_start[doc.tokens[k].start] for k in span if doc.tokens[k].start in at_start}
    tree = Tree()
    for k, i in coder_index.items():
        token = doc.tokens[k]
        if token.head < 0:
            continue  # not parsed (an over-long sentence)
        tree.rel[i], tree.upos[i] = token.deprel, token.upos
        head = _mapped_head(doc, k, coder_index, span)
        if head is not None and head != i:
            tree.head[i] = head
            tree.children.setdefault(head, []).append(i)
    for kids in tree.children.values():
        kids.sort()
    return tree


def _mapped_head(doc: Document, k: int, coder_index: dict[int, int], span: range) -> int | None:
    seen = {k}
    head = doc.tokens[k].head
    while head in span and head not in seen:
        if head in coder_index:
            return coder_index[head]
        seen.add(head)
        head = doc.tokens[head].head
    return None
