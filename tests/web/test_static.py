"""The web UI's files, checked without a browser: labels complete in both languages, no HTML parsing of
strings anywhere in the code, every module import resolvable, no inline script or style in the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from peristiwa.settings import PACKAGE_DIR
from peristiwa.web import LABELS_FILE, STATIC_DIR

JS_FILES = sorted((STATIC_DIR / "js").rglob("*.js"))
LABELS = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_both_languages_have_the_same_labels_and_placeholders() -> None:
    assert set(LABELS) == {"id", "en"}
    assert set(LABELS["id"]) == set(LABELS["en"])
    for key, english in LABELS["en"].items():
        indonesian = LABELS["id"][key]
        assert english.strip() and indonesian.strip(), key
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(indonesian)), key


def test_every_label_the_code_asks_for_exists() -> None:
    asked = {key for path in JS_FILES for key in re.findall(r"\bt\('([\w.-]+)'", path.read_text(encoding="utf-8"))}
    assert len(asked) > 50  # the pattern still finds the calls
    assert sorted(asked - set(LABELS["en"])) == []


def test_every_event_type_and_quad_has_a_label() -> None:
    types = yaml.safe_load((PACKAGE_DIR / "data" / "events" / "types.yaml").read_text(encoding="utf-8"))
    for code, spec in types.items():
        assert f"type.{code}" in LABELS["en"], code
        assert f"quad.{spec['quad']}" in LABELS["en"] and f"quad.short.{spec['quad']}" in LABELS["en"]
    for modality in ("asserted", "future", "hypothetical"):  # stages/events/modality.py
        assert f"modality.{modality}" in LABELS["en"]


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: str(p.relative_to(STATIC_DIR)))
def test_code_never_parses_strings_as_html_or_code(path: Path) -> None:
    code = path.read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setAttribute('style'",
    ):
        assert sink not in code, f"{path.name} uses {sink}: build nodes with dom.js h() and text instead"


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: str(p.relative_to(STATIC_DIR)))
def test_every_relative_import_resolves(path: Path) -> None:
    for target in re.findall(r"from '(\.{1,2}/[^']+)'", path.read_text(encoding="utf-8")):
        assert (path.parent / target).resolve().is_file(), f"{path.name} imports missing {target}"


def test_every_registered_view_has_a_module_with_render() -> None:
    registry = (STATIC_DIR / "js" / "views" / "registry.js").read_text(encoding="utf-8")
    names = re.findall(r"import \* as (\w+) from '\./(\w+)\.js'", registry)
    assert len(names) >= 10
    for alias, module in names:
        code = (STATIC_DIR / "js" / "views" / f"{module}.js").read_text(encoding="utf-8")
        assert re.search(r"export async function render\(", code), module
        assert alias in re.search(r"VIEWS = \{([^}]*)\}", registry)[1]  # type: ignore[index]


def test_the_page_has_no_inline_script_style_or_handlers() -> None:
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\sstyle=|<style|\son\w+=", html, re.IGNORECASE)
    assert not re.search(r"(src|href)=\"https?:", html)  # everything vendored: the machine may be offline
