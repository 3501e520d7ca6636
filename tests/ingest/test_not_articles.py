"""A folder of articles often holds a README or a licence: walks pass over such files and say which."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.patterns import load_yaml
from peristiwa.settings import DATA_DIR
from peristiwa.stages.ingest import RawArticle, expand_inputs, is_not_an_article, read_inputs
from tests.ingest.conftest import run_cli, seed_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = load_yaml(DATA_DIR / "ingest" / "not_articles.yaml")["examples"]


@pytest.mark.parametrize("name", EXAMPLES["skipped"])
def test_examples_that_are_not_articles(name: str) -> None:
    assert is_not_an_article(name)


@pytest.mark.parametrize("name", EXAMPLES["kept"])
def test_examples_that_are_read(name: str) -> None:
    assert not is_not_an_article(name)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "000.txt").write_text(seed_text("000"), encoding="utf-8")
    (tmp_path / "README.md").write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("MIT License\n\nPermission is hereby granted, free of charge …\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n")
    return tmp_path


def test_walk_skips_them_and_says_which(folder: Path) -> None:
    skipped: list[tuple[str, str]] = []
    items = list(read_inputs([str(folder)], 20_000_000, on_skip=lambda where, why: skipped.append((where, why))))
    assert [Path(i.source.path or "").name for i in items if isinstance(i, RawArticle)] == ["000.txt"]
    assert len(items) == 1
    assert [Path(where).name for where, _ in skipped] == [folder.name, "LICENSE.txt", "README.md"]
    assert skipped[0][1] == "1 file(s) of other types not read (.jpg)"
    assert "not an article" in skipped[1][1]


def test_a_file_named_on_the_command_line_is_read(folder: Path) -> None:
    assert list(expand_inputs([str(folder / "README.md")])) == [str(folder / "README.md")]


def test_a_glob_skips_them_too(folder: Path) -> None:
    skipped: list[str] = []
    paths = list(expand_inputs([str(folder / "*.*t*")], lambda where, _: skipped.append(Path(where).name)))
    assert paths == [str(folder / "000.txt")] and skipped == ["LICENSE.txt"]


def test_extract_tells_which_files_it_skipped(folder: Path) -> None:
    result = run_cli("extract", str(folder))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert f"skipped: {folder / 'README.md'}: not an article" in " ".join(result.stderr.split())
    assert "1 article(s) extracted, 0 input(s) failed" in result.stderr
