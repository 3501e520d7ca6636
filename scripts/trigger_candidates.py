"""Candidate event triggers the lexicon does not know, counted over real text.

    .venv/bin/python scripts/trigger_candidates.py [--sources dev,heldout,seeds,shared] [--inflections] [PATH ...]
        [--top 60] [--min-count 2] [--examples 3] [--window 6] [--json]

Runs the pipeline up to the actors and quotes stages on each text and, in every sentence that mentions two
different actors (the events stage's own participants: names, pronouns, role nouns, "kami" in quotes), looks
at the words between the two mentions or next to one of them. A word is a candidate when it looks like a
verb (me-, ber-, di-, ter- …) or an event noun (pe-an, per-an, ke-an, -an, loan nouns in -si) and no lexicon
entry matches at its position. Candidates are grouped by their root guess (the analysis that
`stages/events/morphology.py` regenerates exactly, preferring a root the lexicon already has, then the root
with the most attested forms), so a family ("tabrak": menabrak, ditabrak) is counted once, and a form whose
root is in the lexicon under other affixes is flagged ("missing affix di"). Where a text has a gold file, an
occurrence inside the evidence of a gold event is counted with that event's type: a hint of what type the
analyst gave the construction.

Sources (all by default): corpus/dev (raw + gold), tests/heldout*/ (raw + gold), the seeds in
../shared/corpus/seeds (gold ../shared/eval/seeds.gold.jsonl), and the Indonesian news sentences of
../shared/data/ (NER sets indonlu_ner/nergrit and indolem_ner nerugm/nerui, UD sets GSD/CSUI/PUD: their
raw sentence text), plus any PATH given (.txt files or directories). corpus/blind is refused: it is the blind
test set and is never mined.

Output: one block per family, most frequent first: count, how many occurrences stood between two actors,
the root guess, its forms with counts and affix classes, the lexicon entries that already have the root,
gold types, and example sentences with the word marked «like this». `--json` writes the same as JSON Lines.

`--inflections` lists instead the lexicon's own roots whose other forms the texts use but no entry of the
root generates (an entry with `kecam` [me, -an, di] and "pengecaman" in the texts): per root its entries, each
missing form with its affix class, its count in the texts, how often it stood next to or between actors, and
the entries of other roots that already claim the same word ("pertahanan" is not a form of coerce.tahan). An
entry without a `root` is analysed from its one-word `words` and `nouns` ("menginvasi" → invasi).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from peristiwa.knowledge import read_yaml
from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import Settings
from peristiwa.stages.events.coder import find_triggers
from peristiwa.stages.events.lexicon import Lexicon, load_lexicon
from peristiwa.stages.events.morphology import AFFIXES, forms
from peristiwa.stages.events.participants import Arg, collect_args
from peristiwa.stages.events.text import Tok, sentences_of, tokens_of
from peristiwa.stages.events.view import Grammar, View
from peristiwa.stages.ingest import RawArticle
from peristiwa.stages.nlp.morphology import is_verb_like

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
STAGES = ("clean", "nlp", "actors", "quotes")  # what the events stage's participants need
SENTENCES_PER_DOC = 40  # dataset sentences are run in groups: one pipeline call per sentence is slow
PREFIXES = (
    "memper",
    "diper",
    "menge",
    "penge",
    "meng",
    "meny",
    "peng",
    "peny",
    "mem",
    "men",
    "pem",
    "pen",
    "ber",
    "per",
    "ter",
    "me",
    "pe",
    "be",
    "di",
    "ke",
    "",
)
SUFFIXES = ("kan", "an", "i", "")
RESTORED = ("", "p", "t", "k", "s")  # initials that meN-/peN- drop
NOUN_RE = re.compile(r"^(?:pe|per|ke)\w{3,}an$|^\w{4,}an$|^\w{3,}[aiu]si$")
WORD_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


@dataclass(slots=True)
class Text:
    """One text to mine: its name, raw content and the gold events of its file, if any."""

    name: str
    raw: str
    gold: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Occurrence:
    word: str
    sentence: str
    start: int  # offsets of the word inside `sentence`
    end: int
    between: bool
    gold_types: tuple[str, ...]
    name: str


# ------------------------------------------------------------------ reading the sources


def refuse_blind(path: Path) -> None:
    if "blind" in path.resolve().parts:
        sys.exit(f"refusing {path}: corpus/blind is the blind test set and is never mined; give development data")


def gold_by_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["source_file"]: row.get("events", []) for row in rows}


def annotated_texts(raw_dir: Path, gold: Path | None) -> Iterator[Text]:
    refuse_blind(raw_dir)
    events = gold_by_file(gold) if gold and gold.exists() else {}
    for path in sorted(raw_dir.glob("*.txt")):
        yield Text(path.name, path.read_text(encoding="utf-8"), events.get(path.name, []))


def conllu_sentences(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            yield line.removeprefix("# text = ").strip()


def token_file_sentences(path: Path) -> Iterator[str]:
    """Sentences of a token-per-line NER file (blank line between sentences), detokenised."""
    words: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            words.append(line.split("\t")[0].split(" ")[0])
        elif words:
            yield detokenise(words)
            words = []


def detokenise(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def shared_sentences(shared: Path) -> Iterator[tuple[str, str]]:
    """(set name, sentence) of the Indonesian news sentences in shared/data, each sentence once."""
    data = shared / "data"
    files: list[tuple[str, Path, bool]] = [
        (f"nergrit/{p.stem}", p, False) for p in sorted((data / "indonlu_ner" / "nergrit").glob("*.txt"))
    ]
    for corpus in ("nerugm", "nerui"):  # the five folds split one set: fold 01's train/dev/test is all of it
        files += [(f"{corpus}/{p.stem}", p, False) for p in sorted((data / "indolem_ner" / corpus).glob("*.01.tsv"))]
    for treebank in ("gsd", "csui", "pud"):
        files += [(p.stem, p, True) for p in sorted((data / f"ud_indonesian_{treebank}").glob("*.conllu"))]
    seen: set[str] = set()
    for name, path, conllu in files:
        for sentence in conllu_sentences(path) if conllu else token_file_sentences(path):
            if sentence not in seen:
                seen.add(sentence)
                yield name, sentence


def grouped(sentences: Iterable[tuple[str, str]], size: int = SENTENCES_PER_DOC) -> Iterator[Text]:
    batch: list[str] = []
    name = ""
    for name, sentence in sentences:
        batch.append(sentence)
        if len(batch) == size:
            yield Text(name, "\n\n".join(batch))
            batch = []
    if batch:
        yield Text(name, "\n\n".join(batch))


def source_texts(sources: set[str], paths: list[Path]) -> Iterator[Text]:
    if "dev" in sources:
        yield from annotated_texts(ROOT / "corpus" / "dev" / "raw", ROOT / "corpus" / "dev" / "gold.jsonl")
    if "heldout" in sources:
        for folder in sorted(ROOT.glob("tests/heldout*")):
            yield from annotated_texts(folder / "raw", folder / "gold.jsonl")
    if "seeds" in sources:
        yield from annotated_texts(SHARED / "corpus" / "seeds", SHARED / "eval" / "seeds.gold.jsonl")
    if "shared" in sources:
        yield from grouped(shared_sentences(SHARED))
    for path in paths:
        refuse_blind(path)
        if path.is_dir():
            yield from annotated_texts(path, None)
        else:
            yield Text(path.name, path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ morphology in reverse


def analyses(word: str, irregular: dict[str, str]) -> set[tuple[str, str]]:
    """Every (root, affix class) that morphology.py turns back into exactly `word`."""
    found = set()
    for prefix in PREFIXES:
        for suffix in SUFFIXES:
            if not word.startswith(prefix) or not word.endswith(suffix):
                continue
            stem = word[len(prefix) : len(word) - len(suffix)]
            for guess in {initial + stem for initial in RESTORED} if len(stem) >= 3 else set():
                found |= {(guess, affix) for affix in AFFIXES if forms(guess, [affix], irregular) == {word}}
    return found


def family_support(root: str, vocabulary: Counter[str], irregular: dict[str, str]) -> int:
    """How many different forms of `root` the texts contain (the bare root included)."""
    return sum(1 for form in forms(root, AFFIXES, irregular) if vocabulary[form])


def root_guess(
    word: str, vocabulary: Counter[str], known: dict[str, list[dict[str, Any]]], irregular: dict[str, str]
) -> tuple[str, str]:
    """The most plausible (root, affix) of a word: a lexicon root first, then the best attested family."""
    options = analyses(word, irregular) or {(word, "bare")}
    return max(
        options,
        key=lambda o: (
            o[0] in known,
            family_support(o[0], vocabulary, irregular) - (o[1] == "bare"),
            o[1] != "bare",
            -len(o[0]),
        ),
    )


# ------------------------------------------------------------------ finding candidates


@cache
def stop_words(data_dir: Path) -> frozenset[str]:
    """The grammar's function words (prepositions, auxiliaries, speech and light verbs …): never candidates."""
    grammar = read_yaml(data_dir / "events" / "grammar.yaml")
    words = {w for value in grammar.values() if isinstance(value, list) for w in value if isinstance(w, str)}
    return frozenset(w for w in words if " " not in w)


def singular(word: str) -> str:
    """The base of a reduplicated plural ("sanksi-sanksi" → "sanksi"), else the word itself."""
    first, dash, rest = word.partition("-")
    return first if dash and first == rest else word


def looks_like_trigger(word: str) -> bool:
    word = singular(word)
    return bool(WORD_RE.match(word)) and (
        is_verb_like(word, Settings().data_dir) or word.startswith("ter") and len(word) > 6 or bool(NOUN_RE.match(word))
    )


def gold_spans(text: str, events: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    spans = []
    for event in events:
        evidence = event.get("evidence") or ""
        at = text.find(evidence) if evidence else -1
        while at >= 0:
            spans.append((at, at + len(evidence), event["type"]))
            at = text.find(evidence, at + 1)
    return spans


def sentence_view(
    toks: list[Tok], start: int, end: int, args: list[Arg], lexicon: Lexicon, grammar: Grammar
) -> View | None:
    lo = bisect_left(toks, start, key=lambda t: t.start)
    hi = bisect_left(toks, end, lo=lo, key=lambda t: t.start)
    if lo >= hi:
        return None
    inside = [a for a in args if lo <= a.first and a.last <= hi]
    view = View(toks, lo, hi, inside, grammar, lexicon)
    find_triggers(view)
    return view


def occurrences(doc: Document, text: Text, lexicon: Lexicon, window: int) -> Iterator[Occurrence]:
    """Candidate words of one document, with where they stand and the gold types around them."""
    toks = tokens_of(doc)
    args = collect_args(doc, toks, lexicon.grammar)
    spans = gold_spans(doc.text, text.gold)
    stops = stop_words(lexicon.data_dir or Settings().data_dir)
    grammar = Grammar(lexicon.grammar)
    for sentence in sentences_of(doc):
        view = sentence_view(toks, sentence.start, sentence.end, args, lexicon, grammar)
        if view is None or len({c for a in view.args for c in a.codes}) < 2:
            continue
        covered = {k for i, m in view.triggers.items() for k in range(i, m.last)}
        covered |= {k for a in view.args for k in range(a.first, a.last)}
        for i in range(view.lo, view.hi):
            tok = toks[i]
            word = _strip_clitic(tok.low, lexicon.clitics)
            if i in covered or word in stops or (tok.capitalised and i > view.lo):
                continue
            if not (looks_like_trigger(word) or singular(word) != word and lexicon.may_start_trigger(singular(word))):
                continue
            if lexicon.matches_at(toks[: view.hi], i):
                continue
            place = _place(view, i, window)
            if place is None:
                continue
            types = tuple(sorted({t for s, e, t in spans if s <= tok.start and tok.end <= e}))
            body = doc.text[sentence.start : sentence.end]
            yield Occurrence(
                word, body, tok.start - sentence.start, tok.end - sentence.start, place == "between", types, text.name
            )


def _strip_clitic(word: str, clitics: tuple[str, ...]) -> str:
    for clitic in clitics:
        if word.endswith(clitic) and len(word) > len(clitic) + 4:
            return word[: -len(clitic)]
    return word


def _place(view: View, i: int, window: int) -> str | None:
    """ "between" two actors' mentions, "next" to one (within two words), else None; no clause boundary crossed."""
    left = next((a for a in sorted(view.args, key=lambda a: -a.last) if a.last <= i), None)
    right = next((a for a in view.args if a.first > i), None)
    gap_left = i - left.last if left and not _boundary(view, left.last, i) else None
    gap_right = right.first - i - 1 if right and not _boundary(view, i + 1, right.first) else None
    if gap_left is not None and gap_right is not None and gap_left <= window and gap_right <= window:
        if left and right and set(left.codes) != set(right.codes):
            return "between"
    if min(g for g in (gap_left, gap_right, window + 1) if g is not None) <= 2:
        return "next"
    return None


def _boundary(view: View, start: int, end: int) -> bool:
    return any(view.is_hard(k) for k in range(start, end))


# ------------------------------------------------------------------ families and output


@dataclass(slots=True)
class Family:
    root: str
    forms: Counter[str] = field(default_factory=Counter)
    affixes: dict[str, str] = field(default_factory=dict)
    between: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    examples: list[Occurrence] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(self.forms.values())


def lexicon_roots(data_dir: Path, vocabulary: Counter[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Lexicon entries by root; an entry without one under the roots of its literal forms ("sanksi")."""
    entries = read_yaml(data_dir / "events" / "lexicon.yaml")["entries"]
    irregular = read_yaml(data_dir / "events" / "morphology.yaml")["irregular"]
    roots: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        for root in entry_roots(entry, vocabulary or Counter(), irregular):
            roots[root].append(entry)
    return dict(roots)


def families(found: list[Occurrence], vocabulary: Counter[str], data_dir: Path, examples: int) -> list[Family]:
    known = lexicon_roots(data_dir, vocabulary)
    irregular = read_yaml(data_dir / "events" / "morphology.yaml")["irregular"]
    by_root: dict[str, Family] = {}
    for occ in found:
        root, affix = root_guess(singular(occ.word), vocabulary, known, irregular)
        plain = affix in {"bare", "-an", "ter"} and root not in known
        if singular(occ.word) != occ.word:
            affix, plain = f"{affix} reduplicated", False  # "sanksi-sanksi": a plural of a known noun
        if plain and not _attested(root, occ.word, vocabulary, irregular):
            continue  # "nelayan", "teroris": a plain word, not a form made from a root the texts use
        family = by_root.setdefault(root, Family(root))
        family.forms[occ.word] += 1
        family.affixes[occ.word] = affix
        family.between += occ.between
        family.gold.update(occ.gold_types)
        if len(family.examples) < examples and all(e.sentence != occ.sentence for e in family.examples):
            family.examples.append(occ)
    return sorted(by_root.values(), key=lambda f: (-f.count, f.root))


def _attested(root: str, word: str, vocabulary: Counter[str], irregular: dict[str, str]) -> bool:
    """A loan noun in -si ("mediasi"), or a root the texts also use in another form."""
    if NOUN_RE.match(word) and word.endswith("si"):
        return True
    return any(vocabulary[form] for form in forms(root, AFFIXES, irregular) if form != word)


def describe(family: Family, known: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    entries = known.get(family.root, [])
    listed = {a for e in entries for a in e.get("affixes", [])}
    return {
        "root": family.root,
        "count": family.count,
        "between": family.between,
        "forms": [{"form": f, "count": n, "affix": family.affixes[f]} for f, n in family.forms.most_common()],
        "lexicon": [{"id": e["id"], "type": e["type"], "affixes": e.get("affixes", [])} for e in entries],
        "missing_affixes": sorted({family.affixes[f] for f in family.forms} - listed) if entries else [],
        "gold": dict(family.gold.most_common()),
        "examples": [{"text": _marked(o), "from": o.name} for o in family.examples],
    }


def _marked(occ: Occurrence, width: int = 110) -> str:
    start, end = max(0, occ.start - width), min(len(occ.sentence), occ.end + width)
    text = f"{occ.sentence[start : occ.start]}«{occ.sentence[occ.start : occ.end]}»{occ.sentence[occ.end : end]}"
    return ("…" if start else "") + " ".join(text.split()) + ("…" if end < len(occ.sentence) else "")


# ------------------------------------------------------------------ inflections the lexicon's roots lack


def entry_roots(entry: dict[str, Any], vocabulary: Counter[str], irregular: dict[str, str]) -> set[str]:
    """The roots an entry is made from: its `root` and the roots of its one-word literal forms."""
    literal = [w for w in [*entry.get("words", []), *entry.get("nouns", [])] if " " not in w]
    guessed = {root_guess(w, vocabulary, {}, irregular)[0] for w in literal if analyses(w, irregular)}
    return guessed | ({entry["root"]} if "root" in entry else set())


def written_forms(entry: dict[str, Any], root: str, irregular: dict[str, str]) -> set[str]:
    """The one-word forms an entry matches for `root`; a me-/me-kan entry also matches the bare stem."""
    affixes = list(entry.get("affixes", [])) if entry.get("root") == root else []
    if {"me", "me-kan"} & set(affixes):
        affixes.append("bare")
    own = forms(root, affixes, irregular)
    return own | {w for w in [*entry.get("words", []), *entry.get("nouns", [])] if " " not in w}


def inflection_gaps(
    entries: list[dict[str, Any]], vocabulary: Counter[str], near: Counter[str], irregular: dict[str, str]
) -> list[dict[str, Any]]:
    """Per lexicon root, the attested forms that no entry of that root generates, most used first."""
    by_root: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        for root in entry_roots(entry, vocabulary, irregular):
            by_root[root].append(entry)
    claimed: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for root in entry_roots(entry, vocabulary, irregular):
            for form in written_forms(entry, root, irregular):
                claimed[form].append(entry["id"])
    rows = [_gap_row(root, family, vocabulary, near, irregular, claimed) for root, family in by_root.items()]
    return sorted((r for r in rows if r["missing"]), key=lambda r: (-r["near"], -r["count"], r["root"]))


def _gap_row(
    root: str,
    family: list[dict[str, Any]],
    vocabulary: Counter[str],
    near: Counter[str],
    irregular: dict[str, str],
    claimed: dict[str, list[str]],
) -> dict[str, Any]:
    own = set().union(*(written_forms(e, root, irregular) for e in family))
    missing: list[dict[str, Any]] = []
    for affix in AFFIXES:
        form = forms(root, [affix], irregular).pop()
        if form in own or not vocabulary[form] or any(m["form"] == form for m in missing):
            continue
        others = sorted(set(claimed.get(form, [])))
        missing.append({"form": form, "affix": affix, "count": vocabulary[form], "near": near[form], "claimed": others})
    missing.sort(key=lambda m: (-m["near"], -m["count"]))
    return {
        "root": root,
        "entries": [{"id": e["id"], "type": e["type"], "affixes": e.get("affixes", [])} for e in family],
        "missing": missing,
        "count": sum(m["count"] for m in missing if not m["claimed"]),
        "near": sum(m["near"] for m in missing if not m["claimed"]),
    }


def render_gap(row: dict[str, Any]) -> str:
    ids = ", ".join(f"{e['id']} {e['type']} [{' '.join(e['affixes'])}]" for e in row["entries"])
    lines = [f"{row['near']:5d} near {row['count']:<5d} {row['root']}: {ids}"]
    for m in row["missing"]:
        claim = f"  (claimed by {', '.join(m['claimed'])})" if m["claimed"] else ""
        lines.append(f"       {m['form']} ({m['affix']}) {m['count']} in the texts, {m['near']} next to actors{claim}")
    return "\n".join(lines)


def render(row: dict[str, Any]) -> str:
    forms_text = ", ".join(f"{f['form']} ({f['affix']}) {f['count']}" for f in row["forms"][:6])
    lines = [f"{row['count']:5d}  between {row['between']:<4d} {row['root']}: {forms_text}"]
    if row["lexicon"]:
        ids = ", ".join(f"{e['id']} [{' '.join(e['affixes'])}]" for e in row["lexicon"])
        lines.append(f"       root in the lexicon: {ids}; missing affix {' '.join(row['missing_affixes'])}")
    if row["gold"]:
        lines.append("       gold types: " + ", ".join(f"{t} {n}" for t, n in row["gold"].items()))
    lines += [f"       - {e['text']}  [{e['from']}]" for e in row["examples"]]
    return "\n".join(lines)


def mine(
    texts: Iterable[Text], window: int, settings: Settings | None = None, progress: bool = False
) -> tuple[list[Occurrence], Counter[str]]:
    """All candidate occurrences in the texts, and the vocabulary (word counts) of the texts."""
    settings = settings or Settings(stages=STAGES)
    pipeline = Pipeline(settings)
    lexicon = load_lexicon(settings.data_dir)
    found: list[Occurrence] = []
    vocabulary: Counter[str] = Counter()
    for n, text in enumerate(texts, 1):
        doc = pipeline.process(RawArticle(text.raw, Source(path=text.name)))
        vocabulary.update(t.low for t in tokens_of(doc))
        found += occurrences(doc, text, lexicon, window)
        if progress and n % 100 == 0:
            print(f"{n} texts, {len(found)} candidate occurrences", file=sys.stderr)
    return found, vocabulary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, help="more .txt files or directories to mine")
    parser.add_argument(
        "--sources",
        default="dev,heldout,seeds,shared",
        help="comma-separated: dev, heldout, seeds, shared (default: all); '' for PATHs only",
    )
    parser.add_argument("--top", type=int, default=60, help="families to show (default 60)")
    parser.add_argument("--min-count", type=int, default=2, help="hide families seen fewer times (default 2)")
    parser.add_argument("--examples", type=int, default=3, help="example sentences per family (default 3)")
    parser.add_argument("--window", type=int, default=6, help="words allowed between a candidate and an actor")
    parser.add_argument("--json", action="store_true", help="JSON Lines instead of the text listing")
    parser.add_argument(
        "--inflections", action="store_true", help="list the forms of the lexicon's roots that no entry generates"
    )
    args = parser.parse_args(argv)
    sources = {s.strip() for s in args.sources.split(",") if s.strip()}
    unknown = sources - {"dev", "heldout", "seeds", "shared"}
    if unknown:
        parser.error(f"unknown source(s) {', '.join(sorted(unknown))}: choose among dev, heldout, seeds, shared")
    settings = Settings(stages=STAGES)
    found, vocabulary = mine(source_texts(sources, args.paths), args.window, settings, progress=True)
    if args.inflections:
        return print_gaps(found, vocabulary, settings.data_dir, args)
    known = lexicon_roots(settings.data_dir, vocabulary)
    rows = [
        describe(f, known)
        for f in families(found, vocabulary, settings.data_dir, args.examples)
        if f.count >= args.min_count
    ][: args.top]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.json else render(row))
    return 0


def print_gaps(found: list[Occurrence], vocabulary: Counter[str], data_dir: Path, args: argparse.Namespace) -> int:
    entries = read_yaml(data_dir / "events" / "lexicon.yaml")["entries"]
    irregular = read_yaml(data_dir / "events" / "morphology.yaml")["irregular"]
    rows = inflection_gaps(entries, vocabulary, Counter(o.word for o in found), irregular)
    for row in [r for r in rows if r["count"] >= args.min_count][: args.top]:
        print(json.dumps(row, ensure_ascii=False) if args.json else render_gap(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
