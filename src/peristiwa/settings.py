"""One typed settings object, created at the entry point and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
MODELS_DIR = PACKAGE_DIR / "models"
DEFAULT_MAX_BYTES = 20_000_000  # larger single-article inputs are refused with an error naming them


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = DATA_DIR
    ner_model: Path = MODELS_DIR / "ner_id"
    parser_model: Path | None = MODELS_DIR / "parser_id"  # None: no parse; arguments from word order only
    require_language: str = "id"  # documents in another language are reported and not analysed
    max_bytes: int = DEFAULT_MAX_BYTES
    stages: tuple[str, ...] = field(default=("clean", "nlp", "actors", "places", "quotes", "time", "events", "situate"))
