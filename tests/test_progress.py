"""extract's progress: the number of articles when it is known, and periodic lines in a log."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from peristiwa.cli.progress import ProgressReport
from peristiwa.stages.ingest import count_articles, expand_inputs
from tests.ingest.conftest import seed_text, write_jsonl


def _folder(tmp_path: Path) -> Path:
    for prefix in ("000", "001", "002"):
        (tmp_path / f"{prefix}.txt").write_text(seed_text(prefix), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    write_jsonl(tmp_path / "feed.jsonl", [{"text": seed_text("003")}, {"text": seed_text("004")}])
    return tmp_path


def test_the_number_of_articles_is_known_ahead(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert count_articles(list(expand_inputs([str(folder)]))) == 6
    (folder / "table.csv").write_text("text\nSatu.\n", encoding="utf-8")
    assert count_articles(list(expand_inputs([str(folder)]))) is None  # CSV rows are not known before reading


def test_a_log_gets_periodic_progress_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "peristiwa", "extract", str(folder), "--progress-every", "0"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1  # empty.txt
    lines = [line for line in result.stderr.splitlines() if line.startswith("progress:")]
    assert [
        re.match(r"progress: (\d+)/6 article\(s\), [\d.]+ per second, (\d) error", line).groups()  # type: ignore[union-attr]
        for line in lines
    ] == [(str(n), e) for n, e in ((1, "0"), (2, "0"), (3, "0"), (4, "1"), (5, "1"), (6, "1"))]
    assert "5 article(s) extracted, 1 input(s) failed in " in result.stderr


def test_a_terminal_gets_a_bar_with_the_total() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with ProgressReport(console, total=5) as progress:
        progress.advance()
        progress.advance(failed=True)
        progress._bar.refresh()  # noqa: SLF001 - draw now, not on the refresh thread's schedule
        assert progress.line().startswith("2/5 article(s)") and progress.line().endswith("1 error(s)")
    assert "2/5" in screen.getvalue() and "/?" not in screen.getvalue()
