"""The package layout is the pipeline: a module may import from its own layer and the layers before it, never
from a later one (a stage never reaches into a later stage, the store never into the API or the CLI)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "peristiwa"

# In pipeline order; each entry is one layer, named by module prefixes relative to `peristiwa`.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "errors", "settings", "model", "patterns", "knowledge", "dates"),
    ("stages.ingest",),
    ("stages.clean",),
    ("stages.nlp",),
    ("stages.actors",),
    ("stages.places",),
    ("stages.quotes",),
    ("stages.time",),
    ("stages.events",),
    ("stages.situate",),
    ("stages.situate",),
    ("stages", "pipeline", "evaluate"),
    ("stories",),
    ("store",),
    ("api",),
    ("batch", "server", "web", "watch"),
    ("cli", "__main__"),
)


def layer_of(module: str) -> int:
    """Index of the layer that holds `module` (dotted, relative to peristiwa); the longest prefix wins."""
    best, best_len = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    if best < 0:
        raise AssertionError(f"peristiwa.{module} is in no layer: add it to LAYERS in {__file__}")
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every peristiwa module the file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("peristiwa"):
            base = node.module.removeprefix("peristiwa").lstrip(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                is_module = (PACKAGE / Path(*candidate.split("."))).with_suffix(".py").exists() or (
                    PACKAGE / Path(*candidate.split("."))
                ).is_dir()
                found.add(candidate if is_module else base or "__init__")
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("peristiwa.") for a in node.names if a.name.startswith("peristiwa."))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_from_a_later_layer(path: Path) -> None:
    here = module_name(path)
    later = sorted(m for m in imported_modules(path) if layer_of(m) > layer_of(here))
    assert not later, f"peristiwa.{here} imports from later layers: {later}"


def test_layer_of_reads_the_longest_prefix() -> None:
    assert layer_of("stages.events.coder") > layer_of("stages.actors.kb")
    assert layer_of("stages") > layer_of("stages.events")
    assert layer_of("cli.store") > layer_of("store.queries")


def test_error_codes_are_unique() -> None:
    """Each error class that declares a code declares its own: a code names one kind of failure."""
    import importlib
    import pkgutil

    import peristiwa
    from peristiwa.errors import PeristiwaError

    for info in pkgutil.walk_packages(peristiwa.__path__, "peristiwa."):
        if not info.name.startswith(("peristiwa.__main__", "peristiwa.web", "peristiwa.models", "peristiwa.samples")):
            importlib.import_module(info.name)
    owners: dict[str, list[str]] = {}
    pending: list[type[PeristiwaError]] = [PeristiwaError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "code" in vars(cls):
            owners.setdefault(cls.code, []).append(f"{cls.__module__}.{cls.__qualname__}")
    shared = {code: names for code, names in owners.items() if len(names) > 1}
    assert not shared, f"error codes used by more than one class: {shared}"
