"""Knowledge files: the one way code reads `data/`.

Every loader takes the data directory from `Settings.data_dir` (never a module-level default), so a changed
copy of the directory changes what the pipeline knows. Files are parsed once per path.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from peristiwa.errors import PeristiwaError
from peristiwa.settings import Settings

# The C loader is ~10x faster when PyYAML was built with it; the knowledge base is several MB of YAML.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeFileError(PeristiwaError):
    code = "P010"


@cache
def read_yaml(path: Path) -> Any:
    """The parsed YAML file; a missing or malformed file names itself and what to do."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KnowledgeFileError(f"cannot read data file {path}: {err}; reinstall or rebuild the data") from err
    try:
        return yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        raise KnowledgeFileError(f"data file {path} is not valid YAML: {err}") from err


def load_yaml(path: Path) -> dict[str, Any]:
    """A YAML data file that holds a mapping at its top level."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeFileError(f"data file {path} must hold a mapping at the top level")
    return data


@cache
def read_tsv(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header line; lines starting with '#' are comments."""
    try:
        with path.open(encoding="utf-8") as handle:
            lines = [line for line in handle if not line.startswith("#")]
    except OSError as err:
        raise KnowledgeFileError(f"cannot read data file {path}: {err}; reinstall or rebuild the data") from err
    return tuple(csv.DictReader(lines, delimiter="\t"))


def reference_file(*parts: str) -> Path:
    """A fixed reference table of the layers around the pipeline (PLOVER type names for query filters, FIPS
    country codes for GDELT export, date words typed into filters, file names that are not articles), read
    from the default data directory. What the pipeline knows is read from `Settings.data_dir` instead."""
    return Settings().data_dir.joinpath(*parts)
