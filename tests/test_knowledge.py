"""Knowledge is read from `Settings.data_dir` and nowhere else: a changed copy of the data directory changes
what the pipeline does, and no module keeps a default data path of its own."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR, PACKAGE_DIR, Settings
from peristiwa.stages.ingest import RawArticle

SAMPLE = PACKAGE_DIR / "samples" / "001_f5959c1b3ee9c0f3.txt"


def run(data_dir: Path) -> Document:
    text = SAMPLE.read_text(encoding="utf-8")
    return Pipeline(Settings(data_dir=data_dir)).process(RawArticle(text, Source(path=str(SAMPLE))))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}: update this test to the data file"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def consult_scores_more(data: Path) -> Callable[[Document], bool]:
    edit(data / "events" / "types.yaml", 'cameo: "040", score: 2.5', 'cameo: "040", score: 7.5')
    return lambda doc: {e.score for e in doc.events if e.type == "CONSULT"} == {7.5}


def credit_line_is_boilerplate(data: Path) -> Callable[[Document], bool]:
    edit(
        data / "clean" / "boilerplate.yaml",
        "rules:\n",
        "rules:\n  - {id: test.kaja, reason: credit, pattern: '^Stoltenberg melontarkan', max_words: 60}\n",
    )
    return lambda doc: "Stoltenberg melontarkan" not in doc.text


def march_has_another_name(data: Path) -> Callable[[Document], bool]:
    edit(data / "time" / "lexicon.yaml", "Maret", "Marzo")
    return lambda doc: doc.published is None


@pytest.mark.parametrize("change", [consult_scores_more, credit_line_is_boilerplate, march_has_another_name])
def test_a_changed_data_directory_changes_the_output(tmp_path: Path, change: Callable) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    holds = change(data)
    assert not holds(run(DATA_DIR)), "the shipped data already gives the changed output"
    assert holds(run(data)), "the pipeline did not read the changed copy of the data directory"


def test_only_settings_names_the_shipped_data_directory() -> None:
    users = [
        path.relative_to(PACKAGE_DIR)
        for path in PACKAGE_DIR.rglob("*.py")
        if path.name != "settings.py" and re.search(r"\bDATA_DIR\b", path.read_text(encoding="utf-8"))
    ]
    assert users == [], "these modules default to the shipped data instead of Settings.data_dir"
