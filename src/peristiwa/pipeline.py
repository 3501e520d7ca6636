"""The pipeline: stages in their fixed order, each adding its layer to the document."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from peristiwa.errors import NoArticleBody, PeristiwaError
from peristiwa.model import INGEST_FIELDS, Contract, Document, Source
from peristiwa.settings import PACKAGE_DIR, Settings
from peristiwa.stages.clean import has_article_body
from peristiwa.stages.ingest import RawArticle, to_document
from peristiwa.stages.nlp import WrongLanguage

Stage = Callable[[Document], None]


class StageOrderError(PeristiwaError):
    """The configured stages cannot run in this order (`Settings.stages`)."""

    code = "P012"


def where(source: Source) -> str:
    """How error messages name an input: the file, with the line or WARC record inside it."""
    path = source.path or source.url or "<text>"
    if source.line is None:
        return path
    if source.format == "warc":
        return f"{path}#{source.line}" + (f" ({source.url})" if source.url else "")
    return f"{path}:{source.line}"


class StageFailed(Exception):
    """A stage raised on a document; only `Pipeline(strict=True)` lets this out (batch quarantines it)."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(f"{stage}: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


@dataclass(slots=True)
class Pipeline:
    """Build once (models and data load here), then call `process` per article."""

    settings: Settings = field(default_factory=Settings)
    stages: list[tuple[str, Stage]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    strict: bool = False  # raise StageFailed instead of recording the problem and going on

    def __post_init__(self) -> None:
        contracts = []
        for name in self.settings.stages:
            # A dotted name is a module of its own (e.g. a test-only stage); a plain name is one of ours.
            module = importlib.import_module(name if "." in name else f"peristiwa.stages.{name}")
            contracts.append((name, module.CONTRACT))
        check_order(contracts)  # before any model or data file loads: a wrong order fails at once
        for name in self.settings.stages:
            module = importlib.import_module(name if "." in name else f"peristiwa.stages.{name}")
            self.stages.append((name, module.make_stage(self.settings)))

    def warm_up(self) -> None:
        """Run one bundled sample article through every stage and forget its timings. Some libraries load
        their data on first use (spaCy's model, lingua's language models, dateparser's locales: seconds in
        all); a batch worker calls this so that cost is paid before it is handed work, not inside a shard."""
        sample = min((PACKAGE_DIR / "samples").glob("*.txt"))
        self.run(to_document(RawArticle(sample.read_text(encoding="utf-8"), Source(path=str(sample)))))
        self.timings.clear()

    def process(self, raw: RawArticle) -> Document:
        return self.run(to_document(raw))

    def extract(self, raw: RawArticle) -> Document:
        """`process` for an input a user gave: raise NoArticleBody when cleaning leaves no article to record."""
        doc = self.process(raw)
        if not has_article_body(doc.text, self.settings.data_dir):
            raise NoArticleBody(where(raw.source))
        return doc

    def run(self, doc: Document) -> Document:
        """Run every stage; a stage that fails records a problem and the others still run."""
        for name, stage in self.stages:
            started = time.perf_counter()
            try:
                stage(doc)
            except WrongLanguage:
                break
            except Exception as err:  # noqa: BLE001 - one bad document must not stop a batch
                if self.strict:
                    raise StageFailed(name, err) from err
                doc.add_problem(name, f"{type(err).__name__}: {err}")
            finally:
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
        return doc


def check_order(contracts: list[tuple[str, Contract]]) -> None:
    """Refuse an order in which a stage needs a layer no earlier stage makes, or reads one a later stage
    makes (it would silently see an empty layer)."""
    fields = set(Document.__slots__)  # type: ignore[attr-defined]
    made_by: dict[str, str] = {}
    for name, contract in contracts:
        unknown = sorted(set(contract.assigns + contract.requires + contract.reads + contract.annotates) - fields)
        if unknown:
            raise StageOrderError(f"stage {name} names fields the document does not have: {unknown}")
        for field_name in contract.assigns:
            made_by.setdefault(field_name, name)
    available = set(INGEST_FIELDS)
    for position, (name, contract) in enumerate(contracts):
        missing = [f for f in contract.requires if f not in available]
        if missing:
            raise StageOrderError(
                f"stage {name} needs {missing}, which no earlier stage makes; "
                f"put the stage that makes it ({', '.join(made_by.get(f, '?') for f in missing)}) "
                "before it in Settings.stages"
            )
        later = {
            f: made_by[f]
            for f in contract.requires + contract.reads + contract.annotates
            if f in made_by and made_by[f] in [n for n, _ in contracts[position + 1 :]]
        }
        if later:
            raise StageOrderError(
                f"stage {name} reads {sorted(later)}, made by the later stage(s) "
                f"{sorted(set(later.values()))}; move them before {name}"
            )
        available.update(contract.assigns)
