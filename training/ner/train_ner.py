"""Train the Indonesian NER shipped in ``src/peristiwa/models/ner_id``.

Steps (each a sub-command; ``all`` runs them in order):

* ``convert``  – read the BIO files in ``shared/data``, map labels to PER/ORG/LOC and write spaCy
  DocBins whose tokens are what the blank ``id`` tokenizer produces at run time;
* ``train``    – ``spacy train config.cfg`` on the combined train sets, dev on the combined dev sets;
* ``evaluate`` – P/R/F1 of the best model on each dataset's test split, plus inference speed;
* ``export``   – copy the best model into the package and write ``scores.json`` beside it.

Run from the repository root, e.g. ``OMP_NUM_THREADS=1 .venv/bin/python training/ner/train_ner.py all``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
CORPUS_DIR = HERE / "corpus"
OUTPUT_DIR = HERE / "output"
MODEL_DIR = REPO / "src" / "peristiwa" / "models" / "ner_id"
# Our own annotated news (gold.jsonl beside a raw/ folder). corpus/blind is never read: it is the blind test.
NEWS_GOLD = [REPO / "corpus" / "dev" / "gold.jsonl", *sorted(REPO.glob("tests/heldout*/gold.jsonl"))]
NEWS_MANIFEST = REPO / "corpus" / "manifest.jsonl"
# Gold entity type -> model label. States are LOC in the public sets. EVENT has no label of its own: its words
# are left unannotated (missing), so the model is taught neither that "KTT ASEAN" is an ORG nor that it is O.
NEWS_LABELS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
NEWS_FOLDS = 4  # fold 0 of corpus/dev (a hash of the story family) can be held out to measure generalisation

# Source label -> our label; labels not listed (QUANTITY, TIME) become O.
LABEL_MAP = {
    "PERSON": "PER",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "PLACE": "LOC",
    "LOCATION": "LOC",
}

# Written into meta.json so the credits travel with the artefact (see training/ner/README.md).
MODEL_META = {
    "name": "ner_id",
    "version": "0.1.0",
    "description": "Indonesian NER (PER, ORG, LOC) for Peristiwa; CNN tok2vec, no pretrained vectors.",
    "sources": [
        {
            "name": "NERGRIT corpus via IndoNLU (nergrit)",
            "author": "NERGRIT developers (GRIT); Wilie et al. 2020 (IndoNLU)",
            "license": "NERGRIT README: free for learning or commercial use with credit; IndoNLU: Apache-2.0",
        },
        {
            "name": "NER UGM via IndoLEM (fold 01)",
            "author": "Fachri 2014; Koto et al. 2020 (IndoLEM)",
            "license": "CC BY 4.0",
        },
        {
            "name": "NER UI via IndoLEM (fold 01)",
            "author": "Gultom and Wibowo 2017; Koto et al. 2020 (IndoLEM)",
            "license": "CC BY 4.0",
        },
        {
            "name": "Peristiwa development news (corpus/dev, tests/heldout*)",
            "author": "Peristiwa annotators",
            "license": "the project's own annotation of public news articles (corpus/README.md)",
        },
    ],
}

# Tokens written without a space before / after them when the sentence text is rebuilt.
NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}
JOINERS = {"-", "/"}


@dataclass(frozen=True)
class Split:
    """One split of one dataset, as a file inside the shared data folder."""

    dataset: str
    part: str  # train / dev / test
    relpath: str


SPLITS = [
    Split("nergrit", "train", "indonlu_ner/nergrit/train.txt"),
    Split("nergrit", "dev", "indonlu_ner/nergrit/valid.txt"),
    Split("nergrit", "test", "indonlu_ner/nergrit/test.txt"),
    Split("nerugm", "train", "indolem_ner/nerugm/train.01.tsv"),
    Split("nerugm", "dev", "indolem_ner/nerugm/dev.01.tsv"),
    Split("nerugm", "test", "indolem_ner/nerugm/test.01.tsv"),
    Split("nerui", "train", "indolem_ner/nerui/train.01.tsv"),
    Split("nerui", "dev", "indolem_ner/nerui/dev.01.tsv"),
    Split("nerui", "test", "indolem_ner/nerui/test.01.tsv"),
]

Sentence = list[tuple[str, str]]


# ---------------------------------------------------------------- reading


def read_bio(path: Path) -> list[Sentence]:
    """Sentences of (token, tag) pairs from a ``token<TAB>tag`` file with blank-line separators."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, tag = line.rsplit("\t", 1)
        if token.strip():
            current.append((token.strip(), tag.strip()))
    if current:
        sentences.append(current)
    return sentences


def map_tag(tag: str) -> str:
    """Map a source BIO tag to our scheme (B-PER, I-LOC, O …)."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    ours = LABEL_MAP.get(label)
    return f"{prefix}-{ours}" if ours else "O"


def repair_iob(tags: list[str]) -> list[str]:
    """Turn an I- tag that does not continue an entity of the same label into B-."""
    fixed: list[str] = []
    for tag in tags:
        previous = fixed[-1] if fixed else "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


# ---------------------------------------------------------------- text rebuilding


def guess_spaces(words: list[str]) -> list[bool]:
    """Whether each token is followed by a space, as a news writer would have typed it."""
    spaces = [True] * len(words)
    quote_open = False
    for i, word in enumerate(words):
        if word == '"':
            if quote_open and i > 0:
                spaces[i - 1] = False
            else:
                spaces[i] = False
            quote_open = not quote_open
        if word in NO_SPACE_BEFORE and i > 0:
            spaces[i - 1] = False
        if word in NO_SPACE_AFTER:
            spaces[i] = False
        if word in JOINERS and 0 < i < len(words) - 1:
            spaces[i - 1] = spaces[i] = False
    spaces[-1] = False
    return spaces


def gold_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """The sentence on its gold tokens, with guessed spaces and mapped entity tags."""
    words = [token for token, _ in sentence]
    tags = repair_iob([map_tag(tag) for _, tag in sentence])
    return Doc(vocab, words=words, spaces=guess_spaces(words), ents=tags)


def retokenized(nlp: Language, gold: Doc) -> Doc:
    """The same text on the run-time tokenizer's tokens, entities projected by characters."""
    tokens = nlp.make_doc(gold.text)
    words = [token.text for token in tokens]
    spaces = [bool(token.whitespace_) for token in tokens]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    spans = [doc.char_span(e.start_char, e.end_char, e.label_, alignment_mode="expand") for e in gold.ents]
    doc.ents = _non_overlapping([span for span in spans if span is not None])
    return doc


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """Keep the first of any spans that overlap after boundary expansion."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def runtime_doc(nlp: Language, sentence: Sentence) -> tuple[Doc, bool]:
    """Doc whose tokens match the blank ``id`` tokenizer; the flag says whether gold tokens already did."""
    gold = gold_doc(nlp.vocab, sentence)
    if [t.text for t in nlp.make_doc(gold.text)] == [t.text for t in gold]:
        return gold, True
    return retokenized(nlp, gold), False


# ---------------------------------------------------------------- convert


def convert(
    data_dir: Path,
    out_dir: Path,
    nergrit_copies: int = 1,
    news: list[Path] | None = None,
    news_copies: int = 1,
    hold_out_fold: bool = False,
) -> dict[str, dict[str, object]]:
    """Write one DocBin per split, plus combined train/dev; return counts per split.

    ``nergrit_copies`` repeats NERGrit in the combined train set, the largest and the most news-like.
    ``news`` are our annotated articles (gold.jsonl files), repeated ``news_copies`` times in train.
    """
    nlp = spacy.blank("id")
    out_dir.mkdir(parents=True, exist_ok=True)
    stats: dict[str, dict[str, object]] = {}
    combined: dict[str, DocBin] = {"train": DocBin(), "dev": DocBin()}
    for split in SPLITS:
        docs, same = _convert_split(nlp, data_dir / split.relpath)
        DocBin(docs=docs).to_disk(out_dir / f"{split.dataset}.{split.part}.spacy")
        _write_gold_tokens(nlp, data_dir / split.relpath, out_dir / f"{split.dataset}.{split.part}.gold.spacy")
        copies = nergrit_copies if split.dataset == "nergrit" and split.part == "train" else 1
        if split.part in combined:
            for doc in docs * copies:
                combined[split.part].add(doc)
        stats[f"{split.dataset}.{split.part}"] = {
            "sentences": len(docs),
            "entities": sum(len(doc.ents) for doc in docs),
            "same_tokens_as_tokenizer": same,
        }
    if news:
        train_docs, fold_docs, stats["news"] = convert_news(nlp, news, hold_out_fold)
        DocBin(docs=train_docs).to_disk(out_dir / "news.train.spacy")
        DocBin(docs=fold_docs).to_disk(out_dir / "news.fold0.spacy")
        for doc in train_docs * news_copies:
            combined["train"].add(doc)
    for part, docbin in combined.items():
        docbin.to_disk(out_dir / f"all.{part}.spacy")
    return stats


def _convert_split(nlp: Language, path: Path) -> tuple[list[Doc], int]:
    docs: list[Doc] = []
    same = 0
    for sentence in read_bio(path):
        doc, matched = runtime_doc(nlp, sentence)
        docs.append(doc)
        same += matched
    return docs, same


def _write_gold_tokens(nlp: Language, path: Path, target: Path) -> None:
    """Keep the original tokenisation too: test scores are reported on it (comparable to papers)."""
    DocBin(docs=[gold_doc(nlp.vocab, s) for s in read_bio(path)]).to_disk(target)


# ---------------------------------------------------------------- our news


@dataclass
class NewsStats:
    """How the gold aliases of the annotated news landed on the cleaned text."""

    articles: int = 0
    paragraphs: int = 0
    spans: int = 0  # alias occurrences placed as entity (or missing, for EVENT) spans
    unfound_aliases: int = 0  # (entity, alias) pairs that do not occur in the cleaned text
    unaligned: int = 0  # occurrences whose edges fall inside a run-time token
    unfound_examples: list[str] | None = None

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if k != "unfound_examples"} | {
            "unfound_examples": (self.unfound_examples or [])[:15]
        }


def news_families(gold_path: Path) -> dict[str, str]:
    """Story family of each development article (corpus/manifest.jsonl); a heldout set is one family."""
    if gold_path.parent.name != "dev" or not NEWS_MANIFEST.exists():
        return {}
    families = {}
    for line in NEWS_MANIFEST.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if row.get("split") == "dev":
            families[row["source_file"]] = row.get("family") or row.get("story") or row["source_file"]
    return families


def in_held_out_fold(family: str) -> bool:
    return zlib.crc32(family.encode("utf-8")) % NEWS_FOLDS == 0


def cleaned_texts(gold_path: Path, records: list[dict[str, object]]) -> list[str]:
    """The text the pipeline's clean stage leaves, which is what the NER sees at run time."""
    from peristiwa.pipeline import Pipeline
    from peristiwa.settings import Settings
    from peristiwa.stages.ingest import RawArticle

    pipeline = Pipeline(Settings(stages=("clean",)))
    texts = []
    for record in records:
        path = gold_path.parent / "raw" / str(record["source_file"])
        items = list(_read_article(path))
        assert len(items) == 1 and isinstance(items[0], RawArticle), f"{path}: not one article"
        texts.append(pipeline.process(items[0]).text)
    return texts


def _read_article(path: Path) -> list[object]:
    from peristiwa.settings import DEFAULT_MAX_BYTES
    from peristiwa.stages.ingest import read_paths

    return list(read_paths([str(path)], DEFAULT_MAX_BYTES))


def alias_spans(text: str, entities: list[dict[str, object]], stats: NewsStats) -> list[tuple[int, int, str]]:
    """Every whole-word, case-sensitive occurrence of every alias, the longest first where they overlap."""
    found: list[tuple[int, int, str]] = []
    for entity in entities:
        label = NEWS_LABELS.get(str(entity["type"]), "")  # "" = EVENT: left unannotated
        aliases = {str(a) for a in [entity["name"], *entity.get("aliases", [])] if a}  # type: ignore[misc]
        for alias in sorted(aliases):
            hits = [(m.start(), m.end(), label) for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]
            if not hits and alias in entity.get("aliases", []):  # type: ignore[operator]
                stats.unfound_aliases += 1
                stats.unfound_examples = [*(stats.unfound_examples or []), alias]
            found += hits
    kept: list[tuple[int, int, str]] = []
    for start, end, label in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, label))
    return sorted(kept)


def news_docs(nlp: Language, text: str, spans: list[tuple[int, int, str]], stats: NewsStats) -> list[Doc]:
    """One doc per paragraph, on run-time tokens; words outside every gold name are O (annotators mark every
    named entity in the body, corpus/GUIDELINE.md)."""
    docs = []
    offset = 0
    for paragraph in text.split("\n"):
        start, offset = offset, offset + len(paragraph) + 1
        if not paragraph.strip():
            continue
        doc = nlp.make_doc(paragraph)
        ents: list[Span] = []
        missing: list[Span] = []
        for s, e, label in spans:
            if s < start or e > start + len(paragraph):
                continue
            span = doc.char_span(s - start, e - start, label, alignment_mode="strict")
            if span is None:
                stats.unaligned += 1
                continue
            (ents if label else missing).append(span)
            stats.spans += 1
        doc.set_ents(ents, missing=missing, default="outside")
        docs.append(doc)
    stats.paragraphs += len(docs)
    return docs


def convert_news(
    nlp: Language, gold_files: list[Path], hold_out_fold: bool
) -> tuple[list[Doc], list[Doc], dict[str, object]]:
    """Train docs from our annotated news and the docs of fold 0 of corpus/dev (a quarter of its story
    families), which are left out of train when ``hold_out_fold`` (to measure what the news buys on unseen
    stories; the exported model trains on all)."""
    train_docs: list[Doc] = []
    fold_docs: list[Doc] = []
    fold_files: list[str] = []
    stats = NewsStats()
    for gold_path in gold_files:
        assert "blind" not in gold_path.parts, "corpus/blind is the blind test set: never train on it"
        records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        families = news_families(gold_path)
        for record, text in zip(records, cleaned_texts(gold_path, records), strict=True):
            docs = news_docs(nlp, text, alias_spans(text, record.get("entities", []), stats), stats)
            stats.articles += 1
            family = families.get(record["source_file"], gold_path.parent.name)
            in_fold = gold_path.parent.name == "dev" and in_held_out_fold(family)
            if in_fold:
                fold_docs += docs
                fold_files.append(record["source_file"])
            if not (in_fold and hold_out_fold):
                train_docs += docs
    counts = {"train_docs": len(train_docs), "fold_docs": len(fold_docs), "fold_files": fold_files}
    return train_docs, fold_docs, stats.as_dict() | counts


# ---------------------------------------------------------------- train


def train(config: Path, corpus: Path, output: Path, overrides: dict[str, object]) -> None:
    """Run spaCy's trainer on the combined corpus with one CPU thread."""
    from spacy.cli.train import train as spacy_train

    settings = {
        "paths.train": str(corpus / "all.train.spacy"),
        "paths.dev": str(corpus / "all.dev.spacy"),
        **overrides,
    }
    spacy_train(config, output, use_gpu=-1, overrides=settings)


# ---------------------------------------------------------------- evaluate


def score_docs(nlp: Language, gold_docs: Iterable[Doc]) -> dict[str, object]:
    """Entity-level P/R/F1 (exact span and label) of ``nlp`` on pre-tokenised gold docs."""
    examples = [Example(nlp(_unannotated(doc)), doc) for doc in gold_docs]
    scores = Scorer.score_spans(examples, "ents")
    return {
        "precision": round(100 * scores["ents_p"], 2),
        "recall": round(100 * scores["ents_r"], 2),
        "f1": round(100 * scores["ents_f"], 2),
        "per_label": {
            label: {k[0]: round(100 * v, 2) for k, v in values.items()}
            for label, values in sorted(scores["ents_per_type"].items())
        },
    }


def _unannotated(doc: Doc) -> Doc:
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def load_docs(nlp: Language, path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def evaluate(model: Path, corpus: Path) -> dict[str, object]:
    """Scores on every test split, on the gold tokens and on the run-time tokens."""
    nlp = spacy.load(model)
    results: dict[str, object] = {}
    for dataset in ("nergrit", "nerugm", "nerui"):
        results[dataset] = {
            "gold_tokens": score_docs(nlp, load_docs(nlp, corpus / f"{dataset}.test.gold.spacy")),
            "runtime_tokens": score_docs(nlp, load_docs(nlp, corpus / f"{dataset}.test.spacy")),
        }
    fold = corpus / "news.fold0.spacy"
    if fold.exists():  # our news, fold 0 of corpus/dev: unseen only in a --hold-out-fold run
        results["news_fold0"] = score_docs(nlp, load_docs(nlp, fold))
    results["speed"] = measure_speed(nlp, load_docs(nlp, corpus / "nergrit.test.gold.spacy"))
    return results


def measure_speed(nlp: Language, docs: list[Doc]) -> dict[str, float]:
    """Milliseconds per sentence for ``nlp.pipe`` over raw sentence texts (tokenizer included)."""
    texts = [doc.text for doc in docs]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    elapsed = time.perf_counter() - start
    return {
        "sentences": len(texts),
        "seconds": round(elapsed, 3),
        "ms_per_sentence": round(1000 * elapsed / len(texts), 3),
    }


# ---------------------------------------------------------------- export


def export(best: Path, target: Path, scores: dict[str, object], settings: dict[str, object]) -> None:
    """Copy the best model into the package with scores.json beside its files."""
    if target.exists():
        shutil.rmtree(target)
    nlp = spacy.load(best)
    nlp.meta.update(MODEL_META)
    nlp.to_disk(target)
    payload = {"test_scores": scores, "training": settings}
    (target / "scores.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


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
    parser.add_argument("command", choices=["convert", "train", "evaluate", "export", "all"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared/data folder")
    parser.add_argument("--config", type=Path, default=HERE / "config.cfg")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--nergrit-copies", type=int, default=1, help="NERGrit repeats in the train mix")
    parser.add_argument(
        "--news",
        type=Path,
        action="append",
        help="annotated news gold.jsonl (raw/ beside it); default corpus/dev and tests/heldout*; 'none' for none",
    )
    parser.add_argument("--news-copies", type=int, default=2, help="repeats of the news docs in the train mix")
    parser.add_argument(
        "--hold-out-fold", action="store_true", help="leave fold 0 of corpus/dev out of train (to measure it)"
    )
    parser.add_argument("--training-minutes", type=float, default=None, help="wall time, recorded in scores.json")
    parser.add_argument("overrides", nargs="*", help="spaCy config overrides, e.g. training.max_epochs=40")
    return parser


def run(args: argparse.Namespace) -> None:
    steps = ["convert", "train", "evaluate", "export"] if args.command == "all" else [args.command]
    overrides = parse_overrides(args.overrides)
    best = args.output / "model-best"
    for step in steps:
        print(f"== {step}", flush=True)
        if step == "convert":
            stats = convert(
                args.data,
                args.corpus,
                args.nergrit_copies,
                news_sets(args.news),
                args.news_copies,
                args.hold_out_fold,
            )
            print(json.dumps(stats, indent=2, ensure_ascii=False))
        elif step == "train":
            started = time.perf_counter()
            train(args.config, args.corpus, args.output, overrides)
            args.training_minutes = round((time.perf_counter() - started) / 60, 1)
        elif step == "evaluate":
            print(json.dumps(evaluate(best, args.corpus), indent=2))
        elif step == "export":
            export(best, args.model_dir, evaluate(best, args.corpus), training_settings(args, overrides))
            print(f"exported to {args.model_dir} ({folder_size_mb(args.model_dir)} MB)")


def news_sets(given: list[Path] | None) -> list[Path]:
    if given is None:
        return NEWS_GOLD
    return [path for path in given if str(path) != "none"]


def news_described(args: argparse.Namespace) -> str:
    news = [str(path.resolve().relative_to(REPO)) for path in news_sets(args.news)]
    return f" + our news ({', '.join(news)}) x{args.news_copies}" if news else ""


def training_settings(args: argparse.Namespace, overrides: dict[str, object]) -> dict[str, object]:
    """What scores.json records about how the model was trained."""
    meta = json.loads((args.output / "model-best" / "meta.json").read_text(encoding="utf-8"))
    return {
        "config": "training/ner/config.cfg",
        "overrides": overrides,
        "train": "NERGrit train + NER UGM train.01 + NER UI train.01" + news_described(args),
        "news_fold0_held_out": args.hold_out_fold,
        "dev": "NERGrit valid + NER UGM dev.01 + NER UI dev.01",
        "threads": 1,
        "gpu": False,
        "spacy_version": spacy.__version__,
        "training_minutes": args.training_minutes,
        "dev_scores": meta.get("performance", {}),
    }


def main(argv: list[str] | None = None) -> None:
    run(build_parser().parse_intermixed_args(argv))


if __name__ == "__main__":
    main()
