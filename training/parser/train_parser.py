"""Train the Indonesian tagger and dependency parser shipped in ``src/peristiwa/models/parser_id``.

Steps (each a sub-command; ``all`` runs convert, pretrain, train and export in order):

* ``convert``  – read the UD treebanks in ``shared/data`` and write spaCy DocBins twice: on the treebank's
  syntactic words ("gold words", comparable with published results) and on the tokens the blank ``id``
  tokenizer gives at run time ("runtime tokens"), the annotation carried over by character offsets;
* ``pretrain`` – ``spacy pretrain`` of the tok2vec on raw text (nlp-id's corpus, UD and NER train sets);
* ``train``    – ``spacy train config.cfg``: CSUI train + GSD dev (less every fifth sentence, the dev set)
  + 3,000 sentences of nlp-id's POS corpus (UPOS only, for an auxiliary tagger);
* ``evaluate`` – UAS, LAS and UPOS accuracy on the GSD, PUD and CSUI test sets, and the speed ratio;
* ``export``   – copy the best model, less the auxiliary tagger, into the package; score it into ``scores.json``.

Run from the repository root, e.g. ``OMP_NUM_THREADS=1 .venv/bin/python training/parser/train_parser.py all``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import load_config
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
CORPUS_DIR = HERE / "corpus"
OUTPUT_DIR = HERE / "output"
MODEL_DIR = REPO / "src" / "peristiwa" / "models" / "parser_id"
SAMPLES_DIR = REPO / "src" / "peristiwa" / "samples"

TREEBANKS = {
    "csui.train": "ud_indonesian_csui/id_csui-ud-train.conllu",
    "csui.test": "ud_indonesian_csui/id_csui-ud-test.conllu",
    "gsd.dev": "ud_indonesian_gsd/id_gsd-ud-dev.conllu",
    "gsd.test": "ud_indonesian_gsd/id_gsd-ud-test.conllu",
    "pud.test": "ud_indonesian_pud/id_pud-ud-test.conllu",
}
TEST_SETS = ("gsd", "pud", "csui")
DEV_EVERY = 5  # every fifth GSD dev sentence is held out for model selection; the rest is trained on
SPLIT_LABEL = "goeswith"  # UD's relation for the second and later pieces of a word the tokenizer cut
PUNCT = "punct"

MODEL_META = {
    "name": "parser_id",
    "version": "0.1.0",
    "description": "Indonesian UPOS + features tagger and dependency parser (UD labels) for Peristiwa; CNN "
    "tok2vec, no pretrained vectors; trained on the tokens of spaCy's blank `id` tokenizer.",
    "license": "CC BY-SA 4.0 (trained on CC BY-SA treebanks; see README.md)",
    "sources": [
        {
            "name": "UD Indonesian-CSUI (train), UD v2.17",
            "author": "Alfina, Arwidarasti, Hanifmuti, Dinakaramani, Manurung, Rashel, Luthfi",
            "license": "CC BY-SA 4.0",
        },
        {
            "name": "UD Indonesian-GSD (dev), UD v2.17",
            "author": "McDonald et al. 2013; Zeman; Larasati (MorphInd); Alfina",
            "license": "CC BY-SA 4.0",
        },
    ],
}


# ---------------------------------------------------------------- reading CoNLL-U


@dataclass
class Word:
    form: str
    upos: str
    feats: str
    head: int  # 0-based index of the head word, -1 for the root
    deprel: str
    token: int  # index of the surface token (a multiword token holds several words)


@dataclass
class Sentence:
    sent_id: str
    tokens: list[tuple[str, bool]] = field(default_factory=list)  # surface form, space after
    words: list[Word] = field(default_factory=list)


def read_conllu(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    current = Sentence("")
    mwt_end = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            current.sent_id = line.split("=", 1)[1].strip()
        elif not line.strip():
            if current.words:
                sentences.append(current)
            current, mwt_end = Sentence(""), 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            space = "SpaceAfter=No" not in cols[9]
            if "-" in cols[0]:
                mwt_end = int(cols[0].split("-")[1])
                current.tokens.append((cols[1], space))
            elif "." not in cols[0]:  # empty nodes (n.1) carry no surface word
                if int(cols[0]) > mwt_end:
                    current.tokens.append((cols[1], space))
                feats = "" if cols[5] == "_" else cols[5]
                head = int(cols[6]) - 1
                current.words.append(Word(cols[1], cols[3], feats, head, cols[7], len(current.tokens) - 1))
    if current.words:
        sentences.append(current)
    return sentences


# ---------------------------------------------------------------- conversion


def spacy_dep(word: Word) -> str:
    return "ROOT" if word.head < 0 else word.deprel


def gold_words_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """The sentence on the treebank's syntactic words (clitics such as -nya are words of their own)."""
    words = sentence.words
    spaces = [
        sentence.tokens[w.token][1] if i + 1 == len(words) or words[i + 1].token != w.token else False
        for i, w in enumerate(words)
    ]
    return Doc(
        vocab,
        words=[w.form for w in words],
        spaces=spaces,
        heads=[w.head if w.head >= 0 else i for i, w in enumerate(words)],
        deps=[spacy_dep(w) for w in words],
        pos=[w.upos for w in words],
        tags=[w.upos for w in words],
        morphs=[w.feats or "_" for w in words],
    )


def surface_text(sentence: Sentence) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as written, and each surface token's character span in it."""
    text, spans = "", []
    for form, space in sentence.tokens:
        spans.append((len(text), len(text) + len(form)))
        text += form + (" " if space else "")
    return text.rstrip(), spans


def runtime_doc(nlp: Language, sentence: Sentence) -> Doc:
    """The sentence on the run-time tokenizer's tokens, the annotation carried over by characters.

    Tokens and words that overlap form groups. A token holding several words ("menyetujuinya" = "menyetujui"
    + "nya") takes the annotation of the word that heads the others; a word the tokenizer cut ("1990-an")
    keeps it on its first piece, the later pieces hang from it as `goeswith` (punctuation as `punct`).
    """
    text, token_spans = surface_text(sentence)
    tokens = nlp.make_doc(text)
    word_spans = [token_spans[w.token] for w in sentence.words]
    groups = _overlap_groups([(t.idx, t.idx + len(t)) for t in tokens], word_spans)
    group_of_word = {w: g for g, (_, ws) in enumerate(groups) for w in ws}
    head_token: list[int] = []  # per group, the token that carries the group's head word
    head_word: list[int] = []
    for toks, ws in groups:
        top = _top_word(sentence.words, ws)
        head_word.append(top)
        start = word_spans[top][0]
        head_token.append(next((t for t in toks if tokens[t].idx + len(tokens[t]) > start), toks[0]))
    n = len(tokens)
    heads, deps, pos, morphs = list(range(n)), [""] * n, [""] * n, [""] * n
    for g, (toks, _) in enumerate(groups):
        word = sentence.words[head_word[g]]
        t = head_token[g]
        heads[t] = t if word.head < 0 else head_token[group_of_word[word.head]]
        deps[t], pos[t], morphs[t] = spacy_dep(word), word.upos, word.feats
        for other in toks:
            if other != t:
                is_punct = not any(ch.isalnum() for ch in tokens[other].text)
                heads[other], deps[other] = t, PUNCT if is_punct else SPLIT_LABEL
                pos[other] = "PUNCT" if is_punct else "X"
    return Doc(
        nlp.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        heads=heads,
        deps=deps,
        pos=pos,
        tags=pos,
        morphs=[m or "_" for m in morphs],
    )


def _overlap_groups(
    token_spans: list[tuple[int, int]], word_spans: list[tuple[int, int]]
) -> list[tuple[list[int], list[int]]]:
    """Connected groups of (tokens, words) whose character spans overlap, in text order."""
    groups: list[tuple[list[int], list[int]]] = []
    end = -1
    w = 0
    for t, (start, stop) in enumerate(token_spans):
        if start >= end:  # starts a new group
            groups.append(([], []))
        groups[-1][0].append(t)
        end = max(end, stop)
        while w < len(word_spans) and word_spans[w][0] < end:
            groups[-1][1].append(w)
            end = max(end, word_spans[w][1])
            w += 1
    for rest in range(w, len(word_spans)):  # words past the last token (cannot happen with this tokenizer)
        groups[-1][1].append(rest)
    return groups


def _top_word(words: list[Word], group: list[int]) -> int:
    """The word of the group closest to the root among those whose head lies outside the group."""
    members = set(group)
    outside = [w for w in group if words[w].head not in members] or group

    def depth(w: int) -> int:
        d = 0
        while words[w].head >= 0 and d < len(words):
            w, d = words[w].head, d + 1
        return d

    return min(outside, key=depth)


@dataclass
class Corpus:
    """Counts of one converted split, for the log."""

    sentences: int = 0
    words: int = 0
    tokens: int = 0
    same_tokens: int = 0


def convert(
    data_dir: Path,
    out_dir: Path,
    extra_gold_words: bool = True,
    nlpid_wheel: Path | None = None,
    nlpid_sentences: int = 0,
) -> dict[str, Corpus]:
    """Write ``<split>.gold.spacy`` and ``<split>.spacy`` per treebank split, plus train.spacy and dev.spacy.

    The train set holds the runtime-token version of every sentence and, with ``extra_gold_words``, also the
    gold-word version of those whose tokens differ, so that the model knows -nya as a word of its own too.
    With ``nlpid_sentences``, that many sentences of nlp-id's POS corpus join the train set, their UPOS as
    ``tag_`` only (for a `tagger`: the treebank docs carry their UPOS as ``tag_`` too; the morphologizer
    skips tokens with neither POS nor features).
    """
    nlp = spacy.blank("id")
    out_dir.mkdir(parents=True, exist_ok=True)
    stats: dict[str, Corpus] = {}
    train, dev = DocBin(), DocBin()
    for split, relpath in TREEBANKS.items():
        gold_docs, runtime_docs, counts = [], [], Corpus()
        for i, sentence in enumerate(read_conllu(data_dir / relpath)):
            gold, runtime = gold_words_doc(nlp.vocab, sentence), runtime_doc(nlp, sentence)
            gold_docs.append(gold)
            runtime_docs.append(runtime)
            same = [t.text for t in gold] == [t.text for t in runtime]
            counts.sentences += 1
            counts.words += len(gold)
            counts.tokens += len(runtime)
            counts.same_tokens += same
            if split == "gsd.dev" and i % DEV_EVERY == DEV_EVERY - 1:
                dev.add(runtime)
            elif split.endswith(("train", "dev")):
                train.add(runtime)
                if extra_gold_words and not same:
                    train.add(gold)
        DocBin(docs=gold_docs).to_disk(out_dir / f"{split}.gold.spacy")
        DocBin(docs=runtime_docs).to_disk(out_dir / f"{split}.spacy")
        stats[split] = counts
    if nlpid_wheel is not None and nlpid_sentences:
        reference = [s for split in ("csui.train", "gsd.dev") for s in read_conllu(data_dir / TREEBANKS[split])]
        for doc in nlpid_docs(nlp.vocab, nlpid_wheel, nlpid_sentences, reference):
            train.add(doc)
    train.to_disk(out_dir / "train.spacy")
    dev.to_disk(out_dir / "dev.spacy")
    return stats


# ---------------------------------------------------------------- nlp-id's POS corpus

NLPID_CORPUS = "nlp_id/data/dataset_postag.txt"
NLPID_PACKAGE = "nlp-id==0.1.23.0"
NLPID_SENTENCES = 3000  # added to the train set by default (about 50k tokens, 2.5 times the treebank tokens)
# nlp-id's tags (see its README) to UPOS. Not one-to-one: its ADV holds the auxiliaries (akan, bisa, sudah,
# adalah), VB the copulas, NUM the ordinals, PR the relative "yang"; `nlpid_docs` settles those words by the
# treebanks' own majority tag.
NLPID_UPOS = {
    "NN": "NOUN",
    "NNP": "PROPN",
    "VB": "VERB",
    "JJ": "ADJ",
    "ADV": "ADV",
    "IN": "ADP",
    "SC": "SCONJ",
    "CC": "CCONJ",
    "PR": "PRON",
    "DT": "DET",
    "NUM": "NUM",
    "NEG": "PART",
    "RP": "PART",
    "FW": "X",
    "UH": "INTJ",
    "SYM": "PUNCT",
}


def nlpid_wheel(folder: Path) -> Path:
    """The nlp-id wheel in ``folder``, fetched from PyPI with pip (no dependencies, nothing installed) if absent."""
    found = sorted(folder.glob("nlp_id-*.whl"))
    if not found:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder), NLPID_PACKAGE],
            check=True,
        )
        found = sorted(folder.glob("nlp_id-*.whl"))
    return found[-1]


def read_nlpid(wheel: Path) -> list[list[tuple[str, str]]]:
    """(word, nlp-id tag) sentences from the corpus inside the nlp-id wheel; the clitic -nya, a token of its
    own there, is joined back to its host as the run-time tokenizer leaves it."""
    with zipfile.ZipFile(wheel) as archive:
        lines = archive.read(NLPID_CORPUS).decode("utf-8").splitlines()
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in lines:
        word, _, tag = line.partition("\t")
        if not word.strip() or not tag:
            if sentences[-1]:
                sentences.append([])
        elif word.lower() == "nya" and sentences[-1]:
            host, host_tag = sentences[-1][-1]
            sentences[-1][-1] = (host + word, host_tag)
        else:
            sentences[-1].append((word.strip(), tag.strip().upper()))
    return [s for s in sentences if s]


def nlpid_docs(vocab: Vocab, wheel: Path, limit: int, reference: list[Sentence]) -> list[Doc]:
    """Up to ``limit`` nlp-id sentences (a fixed sample) with UPOS only: no features, no tree. A word the
    treebanks tag one way at least 95% of ten or more times takes that tag."""
    counts: dict[str, Counter[str]] = {}
    for sentence in reference:
        for w in sentence.words:
            counts.setdefault(w.form.lower(), Counter())[w.upos] += 1
    fixed = {
        form: c.most_common(1)[0][0]
        for form, c in counts.items()
        if c.total() >= 10 and c.most_common(1)[0][1] >= 0.95 * c.total()
    }
    sentences = read_nlpid(wheel)
    random.Random(0).shuffle(sentences)
    docs = []
    for sentence in sentences[:limit]:
        words = [w for w, _ in sentence]
        upos = [fixed.get(w.lower()) or _nlpid_upos(w, t) for w, t in sentence]
        docs.append(Doc(vocab, words=words, tags=upos, spaces=guess_spaces(words)))
    return docs


def _nlpid_upos(word: str, tag: str) -> str:
    if tag == "SYM" and any(ch.isalnum() for ch in word):
        return "SYM"
    return NLPID_UPOS.get(tag, "X")


def guess_spaces(words: list[str]) -> list[bool]:
    return [
        i + 1 < len(words) and words[i + 1] not in {",", ".", ";", ":", "?", "!", ")", "%"} and w != "("
        for i, w in enumerate(words)
    ]


def write_raw_text(data_dir: Path, wheel: Path, target: Path) -> int:
    """JSON lines of raw Indonesian sentences for ``spacy pretrain``: the nlp-id corpus and the train splits
    of the UD and NER sets (never a test split). Returns the number of words."""
    texts = [" ".join(w for w, _ in s) for s in read_nlpid(wheel)]
    for split in ("csui.train", "gsd.dev"):
        texts += [surface_text(s)[0] for s in read_conllu(data_dir / TREEBANKS[split])]
    for relpath in (
        "indonlu_ner/nergrit/train.txt",
        "indolem_ner/nerugm/train.01.tsv",
        "indolem_ner/nerui/train.01.tsv",
    ):
        blocks = (data_dir / relpath).read_text(encoding="utf-8").split("\n\n")
        texts += [" ".join(line.rsplit("\t", 1)[0] for line in b.splitlines() if "\t" in line) for b in blocks]
    texts = [t for t in texts if t.strip()]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return sum(len(t.split()) for t in texts)


# ---------------------------------------------------------------- train


def train(config: Path, corpus: Path, output: Path, overrides: dict[str, object]) -> None:
    """Run spaCy's trainer with one CPU thread."""
    from spacy.cli.train import train as spacy_train

    settings = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy"), **overrides}
    spacy_train(config, output, use_gpu=-1, overrides=settings)


def pretrain(config: Path, raw_text: Path, output: Path) -> None:
    """``spacy pretrain`` of the tok2vec on raw text, one CPU thread; weights per epoch in ``output``."""
    from spacy.training.pretrain import pretrain as spacy_pretrain

    settings = load_config(config, overrides={"paths.raw_text": str(raw_text)}, interpolate=True)
    output.mkdir(parents=True, exist_ok=True)
    spacy_pretrain(settings, output, use_gpu=-1, silent=False)


# ---------------------------------------------------------------- evaluate


def load_docs(vocab: Vocab, path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(vocab))


def score(nlp: Language, gold_docs: Iterable[Doc]) -> dict[str, float]:
    """UAS, LAS and UPOS accuracy over every token (punctuation included, as in the CoNLL 2018 shared task);
    ``*_nopunct`` leave out tokens whose gold relation is punct. LAS compares full labels (nsubj:pass)."""
    totals = {
        "uas": 0,
        "las": 0,
        "upos": 0,
        "n": 0,
        "uas_nopunct": 0,
        "las_nopunct": 0,
        "n_nopunct": 0,
        "upos_tagger": 0,
    }
    gold_list = list(gold_docs)
    unannotated = (
        Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_list
    )
    for gold, pred in zip(gold_list, nlp.pipe(unannotated, batch_size=64), strict=True):
        for g, p in zip(gold, pred, strict=True):
            head_ok = g.head.i == p.head.i
            label_ok = head_ok and g.dep_.lower() == p.dep_.lower()
            totals["n"] += 1
            totals["uas"] += head_ok
            totals["las"] += label_ok
            totals["upos"] += g.pos_ == p.pos_
            totals["upos_tagger"] += g.pos_ == p.tag_  # an experiment's tagger writes UPOS to tag_
            if g.dep_ != PUNCT:
                totals["n_nopunct"] += 1
                totals["uas_nopunct"] += head_ok
                totals["las_nopunct"] += label_ok
    n, n_np = totals["n"], totals["n_nopunct"]
    return {
        "uas": round(100 * totals["uas"] / n, 2),
        "las": round(100 * totals["las"] / n, 2),
        "upos": round(100 * totals["upos"] / n, 2),
        "uas_nopunct": round(100 * totals["uas_nopunct"] / n_np, 2),
        "las_nopunct": round(100 * totals["las_nopunct"] / n_np, 2),
        "tokens": n,
    } | ({"upos_tagger": round(100 * totals["upos_tagger"] / n, 2)} if "tagger" in nlp.pipe_names else {})


def evaluate(model: Path, corpus: Path) -> dict[str, object]:
    """Scores on every test set, on gold words and on runtime tokens, and the speed ratio."""
    nlp = spacy.load(model)
    results: dict[str, object] = {}
    for name in TEST_SETS:
        results[name] = {
            "gold_words": score(nlp, load_docs(nlp.vocab, corpus / f"{name}.test.gold.spacy")),
            "runtime_tokens": score(nlp, load_docs(nlp.vocab, corpus / f"{name}.test.spacy")),
        }
    results["speed"] = measure_speed(nlp, sample_sentences())
    return results


def sample_sentences(samples: Path = SAMPLES_DIR) -> list[str]:
    """The sentences of the bundled sample articles, split as the pipeline splits them."""
    from peristiwa.settings import DATA_DIR
    from peristiwa.stages.nlp.sentences import split_sentences

    texts = [path.read_text(encoding="utf-8") for path in sorted(samples.glob("*.txt"))]
    return [
        text[s.start : s.end] for text in texts for s in split_sentences(text, DATA_DIR / "nlp" / "abbreviations.yaml")
    ]


def measure_speed(nlp: Language, sentences: list[str], repeats: int = 5) -> dict[str, float]:
    """Words per second of the tokenizer alone and of the whole model (tokenizer included) in one run, best of
    ``repeats`` interleaved passes, so that both see the same machine load. The tokenizer is timed warm (its
    cache filled by the passes before, as in a long run) and cold (a fresh one, first pass)."""
    warm = cold = model = float("inf")
    words = sum(len(nlp.make_doc(s)) for s in sentences)
    for _ in range(repeats):
        cold = min(cold, _seconds(spacy.blank("id").tokenizer, sentences))
        warm = min(warm, _seconds(nlp.make_doc, sentences))
        start = time.perf_counter()
        for _doc in nlp.pipe(sentences, batch_size=64):
            pass
        model = min(model, time.perf_counter() - start)
    return {
        "sentences": len(sentences),
        "words": words,
        "tokenizer_words_per_second": round(words / warm),
        "tokenizer_cold_words_per_second": round(words / cold),
        "model_words_per_second": round(words / model),
        "slowdown": round(model / warm, 1),
        "slowdown_vs_cold_tokenizer": round(model / cold, 1),
    }


def _seconds(tokenize: Callable[[str], Doc], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        tokenize(text)
    return time.perf_counter() - start


# ---------------------------------------------------------------- export


DROPPED_AT_EXPORT = ("tagger",)  # trains the shared tok2vec only; the morphologizer gives UPOS


def export(best: Path, target: Path, corpus: Path, settings: dict[str, object]) -> dict[str, object]:
    """Copy the best model into the package without its auxiliary tagger, score what was written and put
    scores.json and README.md beside it. spaCy saves the averaged weights only, no optimizer state."""
    if target.exists():
        shutil.rmtree(target)
    nlp = spacy.load(best)
    for name in DROPPED_AT_EXPORT:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    nlp.meta.update(MODEL_META)
    nlp.to_disk(target)
    config = load_config(target / "config.cfg", interpolate=False)
    config["paths"].update(dict.fromkeys(config["paths"]))  # no local paths in the shipped config
    config.to_disk(target / "config.cfg")
    scores = evaluate(target, corpus)
    payload = {"test_scores": scores, "training": settings}
    (target / "scores.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.copyfile(HERE / "model_README.md", target / "README.md")  # what the model is, licence and credits
    return scores


def folder_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 2)


# ---------------------------------------------------------------- command line


def parse_overrides(pairs: list[str]) -> dict[str, object]:
    """``section.key=value`` pairs, values parsed as JSON when possible (like spaCy's CLI)."""
    parsed: dict[str, object] = {}
    for pair in pairs:
        key, value = pair.split("=", 1)
        try:
            parsed[key] = json.loads(value)
        except json.JSONDecodeError:
            parsed[key] = value
    return parsed


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["convert", "pretrain", "train", "evaluate", "export", "speed", "all"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared/data folder")
    parser.add_argument("--config", type=Path, default=HERE / "config.cfg")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument(
        "--runtime-only",
        action="store_true",
        help="train on runtime tokens only (no gold-word copies of re-tokenised sentences)",
    )
    parser.add_argument(
        "--nlpid-wheel",
        type=Path,
        default=None,
        help=f"the {NLPID_PACKAGE} wheel (default: fetched into --corpus by pip download)",
    )
    parser.add_argument(
        "--nlpid-sentences",
        type=int,
        default=NLPID_SENTENCES,
        help="nlp-id POS sentences added to the train set (0: none)",
    )
    parser.add_argument(
        "--pretrained",
        type=Path,
        default=None,
        help="tok2vec weights to start from (default: OUTPUT/pretrain/model-last.bin if present)",
    )
    parser.add_argument("--training-minutes", type=float, default=None, help="wall time, recorded in scores.json")
    parser.add_argument("--pretraining-minutes", type=float, default=None, help="the same for pretrain")
    parser.add_argument("overrides", nargs="*", help="spaCy config overrides, e.g. training.max_epochs=40")
    return parser


def run(args: argparse.Namespace) -> None:
    steps = ["convert", "pretrain", "train", "export"] if args.command == "all" else [args.command]
    overrides = parse_overrides(args.overrides)
    pretrained = args.pretrained or args.output / "pretrain" / "model-last.bin"
    best = args.output / "model-best"
    for step in steps:
        print(f"== {step}", flush=True)
        if step == "convert":
            wheel = args.nlpid_wheel or nlpid_wheel(args.corpus) if args.nlpid_sentences else None
            stats = convert(args.data, args.corpus, not args.runtime_only, wheel, args.nlpid_sentences)
            print(json.dumps({k: vars(v) for k, v in stats.items()}, indent=2))
        elif step == "pretrain":
            words = write_raw_text(args.data, args.nlpid_wheel or nlpid_wheel(args.corpus), args.corpus / "raw.jsonl")
            print(f"raw text: {words} words", flush=True)
            started = time.perf_counter()
            pretrain(args.config, args.corpus / "raw.jsonl", args.output / "pretrain")
            args.pretraining_minutes = round((time.perf_counter() - started) / 60, 1)
        elif step == "train":
            if pretrained.exists():
                overrides["paths.init_tok2vec"] = str(pretrained)
            print(f"tok2vec starts from {overrides.get('paths.init_tok2vec') or 'random weights'}", flush=True)
            started = time.perf_counter()
            train(args.config, args.corpus, args.output, overrides)
            args.training_minutes = round((time.perf_counter() - started) / 60, 1)
        elif step == "evaluate":
            print(json.dumps(evaluate(best, args.corpus), indent=2))
        elif step == "speed":  # measure again on a quiet machine, into the exported scores.json
            scores_file = args.model_dir / "scores.json"
            payload = json.loads(scores_file.read_text(encoding="utf-8"))
            payload["test_scores"]["speed"] = measure_speed(spacy.load(args.model_dir), sample_sentences())
            scores_file.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(json.dumps(payload["test_scores"]["speed"], indent=2))
        elif step == "export":
            print(json.dumps(export(best, args.model_dir, args.corpus, training_settings(args, overrides)), indent=2))
            print(f"exported to {args.model_dir} ({folder_size_mb(args.model_dir)} MB)")


def training_settings(args: argparse.Namespace, overrides: dict[str, object]) -> dict[str, object]:
    """What scores.json records about how the model was trained."""
    meta = json.loads((args.output / "model-best" / "meta.json").read_text(encoding="utf-8"))
    return {
        "config": "training/parser/config.cfg",
        "overrides": overrides,
        "train": f"UD Indonesian-CSUI train + UD Indonesian-GSD dev less every {DEV_EVERY}th sentence"
        + ("" if args.runtime_only else " (re-tokenised sentences also on their gold words)")
        + (
            f" + {args.nlpid_sentences} sentences of {NLPID_PACKAGE}'s POS corpus (UPOS only)"
            if args.nlpid_sentences
            else ""
        ),
        "pretraining": "tok2vec pretrained on raw text (spacy pretrain, characters objective; config.cfg "
        "[pretraining]): nlp-id's POS corpus and the UD and NER train splits",
        "dev": f"every {DEV_EVERY}th sentence of UD Indonesian-GSD dev (runtime tokens)",
        "threads": 1,
        "gpu": False,
        "spacy_version": spacy.__version__,
        "training_minutes": args.training_minutes,
        "pretraining_minutes": args.pretraining_minutes,
        "dev_scores": meta.get("performance", {}),
    }


def main(argv: list[str] | None = None) -> None:
    run(build_parser().parse_intermixed_args(argv))


if __name__ == "__main__":
    main()
