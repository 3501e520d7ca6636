"""Progress on standard error: a bar in a terminal, and in logs (not a terminal) a line now and then.

extracting ━━━━━━━━━━╸━━━━━━━━━  212/500 0:00:41            (a terminal)
progress: 212/500 article(s), 5.1 per second, 3 error(s)    (a log, every `every` seconds)
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn

LOG_EVERY = 30.0  # seconds between progress lines in a log


class ProgressReport:
    """Count articles done and failed; show it as a bar in a terminal, as periodic lines otherwise."""

    def __init__(
        self, console: Console, total: int | None, label: str = "extracting", every: float = LOG_EVERY
    ) -> None:
        self.console = console
        self.total = total
        self.every = every
        self.done = 0
        self.errors = 0
        self._started = self._last = time.monotonic()
        self._bar = Progress(*_columns(label, total), console=console, transient=True, disable=not console.is_terminal)
        self._task = self._bar.add_task(label, total=total)

    def __enter__(self) -> ProgressReport:
        self._bar.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._bar.__exit__(kind, error, trace)

    def advance(self, failed: bool = False) -> None:
        self.done += 1
        self.errors += failed
        self._bar.advance(self._task)
        now = time.monotonic()
        if not self.console.is_terminal and now - self._last >= self.every:
            self._last = now
            self.console.print(f"progress: {self.line()}", highlight=False, soft_wrap=True)

    def line(self) -> str:
        """ "212/500 article(s), 5.1 per second, 3 error(s)" """
        seconds = max(time.monotonic() - self._started, 1e-9)
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        return f"{count} article(s), {self.done / seconds:.1f} per second, {self.errors} error(s)"

    @property
    def seconds(self) -> float:
        return time.monotonic() - self._started


def _columns(label: str, total: int | None) -> list[ProgressColumn | str]:
    count: ProgressColumn = MofNCompleteColumn() if total is not None else TextColumn("{task.completed} article(s)")
    return [TextColumn(label), BarColumn(), count, TimeElapsedColumn()]
