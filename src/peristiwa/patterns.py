"""Pattern files: knowledge written as regexes with examples, loaded and checked in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peristiwa.knowledge import KnowledgeFileError, load_yaml

PatternFileError = KnowledgeFileError  # the name the stages use for a bad pattern file

__all__ = ["PatternFileError", "PatternRule", "load_rules", "load_yaml"]


@dataclass(frozen=True, slots=True)
class PatternRule:
    """One regex rule from a data file, with the examples that document it."""

    id: str
    regex: re.Pattern[str]
    reason: str | None = None
    max_words: int | None = None
    metadata: str | None = None
    prefix: bool = False  # only the matched start of the line is removed; the rest stays a line
    examples: tuple[str, ...] = field(default=())
    counter_examples: tuple[str, ...] = field(default=())

    def match(self, line: str) -> re.Match[str] | None:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return None
        return self.regex.search(line)


def load_rules(path: Path, key: str = "rules") -> tuple[PatternRule, ...]:
    """Compile the rules listed under `key`; a bad regex names the rule and the file."""
    return tuple(_compile(entry, path) for entry in load_yaml(path).get(key, []))


def _compile(entry: dict[str, Any], path: Path) -> PatternRule:
    try:
        regex = re.compile(entry["pattern"])
    except (KeyError, re.error) as err:
        raise PatternFileError(f"{path}: rule {entry.get('id', '?')} has a bad pattern: {err}") from err
    return PatternRule(
        id=entry["id"],
        regex=regex,
        reason=entry.get("reason"),
        max_words=entry.get("max_words"),
        metadata=entry.get("metadata"),
        prefix=bool(entry.get("prefix", False)),
        examples=tuple(entry.get("examples", ())),
        counter_examples=tuple(entry.get("counter_examples", ())),
    )
