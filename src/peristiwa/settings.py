"""One typed settings object, created at the entry point and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
MODELS_DIR = PACKAGE_DIR / "models"
DEFAULT_MAX_BYTES = 20_000_000  # larger single-article inputs are refused with an error naming them


@dataclass(frozen=True, slots=True)
class OverlayEntry:
    """One analyst's entry on top of the shipped knowledge base: a person or organisation in the shipped YAML
    format (JSON text, so the snapshot is hashable and caches can key on it), or None when it is retired."""

    kind: str  # person | organisation
    key: str  # the entry's id (per.…, org.…): an entry with a shipped id replaces the shipped one
    body: str | None


@dataclass(frozen=True, slots=True)
class KnowledgeOverlay:
    """The overlay a database holds, as a value: a changed overlay is a different value, so every cache keyed
    on it (the knowledge base, the pipeline's stages) sees the change."""

    entries: tuple[OverlayEntry, ...] = ()

    def of_kind(self, kind: str) -> dict[str, str | None]:
        return {e.key: e.body for e in self.entries if e.kind == kind}


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = DATA_DIR
    ner_model: Path = MODELS_DIR / "ner_id"
    parser_model: Path | None = MODELS_DIR / "parser_id"  # None: no parse; arguments from word order only
    # A sentence classifier over PLOVER types that proposes and retypes events beside the rules; None: rules only.
    event_classifier: Path | None = None
    require_language: str = "id"  # documents in another language are reported and not analysed
    max_bytes: int = DEFAULT_MAX_BYTES
    overlay: KnowledgeOverlay = KnowledgeOverlay()  # analysts' entries layered on data_dir's actors (kb add …)
    stages: tuple[str, ...] = field(default=("clean", "nlp", "actors", "places", "quotes", "time", "events", "situate"))
