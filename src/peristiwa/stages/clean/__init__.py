"""Clean: separate the article body from page furniture, keeping a reason for every removed line.

Order of the steps (written down once, here): line rules from `data/clean/boilerplate.yaml`; repeated short
lines (captions); the page header (short lines above the paragraph that opens with a dateline) or else the
headline; metadata (published date, byline, origin); the dateline of the first body paragraph. The body is
the remaining lines joined as paragraphs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from peristiwa.model import Contract, Dateline, Document, Removed
from peristiwa.patterns import load_rules, load_yaml
from peristiwa.settings import Settings
from peristiwa.stages.clean.lines import Line, normalise_line, split_lines
from peristiwa.stages.clean.metadata import apply_metadata, find_dateline

PARAGRAPH_BREAK = "\n\n"
_SENTENCE_END = (".", "”.", ".”", '."', "…")


@dataclass(slots=True)
class CleanStage:
    settings: Settings
    name: str = "clean"

    def __call__(self, doc: Document) -> None:
        lines = list(split_lines(doc.raw))
        removed: dict[int, Removed] = {}
        metadata: dict[str, str] = {}
        prefixes = self._apply_rules(lines, removed, metadata)
        self._mark_linked_headlines(lines, removed)
        self._mark_dated_headlines(lines, removed)
        repeated_title = self._mark_repeated_title(doc, lines, removed)
        self._mark_repeated(lines, removed)
        if not repeated_title and not self._mark_header(doc, lines, removed):
            self._mark_title(doc, lines, removed)
        body = [line for i, line in enumerate(lines) if i not in removed]
        doc.removed = sorted([*removed.values(), *prefixes], key=lambda r: r.start or 0)
        doc.text = PARAGRAPH_BREAK.join(line.text for line in body)
        apply_metadata(doc, metadata, self.settings.data_dir)
        if doc.title:
            doc.title = doc.title.lstrip("-–—•· ").strip() or None  # "- Tiongkok Kepung Taiwan …": a list bullet
        doc.dateline = self._dateline(doc.text)

    def _apply_rules(self, lines: list[Line], removed: dict[int, Removed], metadata: dict[str, str]) -> list[Removed]:
        """Mark the lines a rule matches; return the starts of lines a `prefix` rule cut off (" date 2025-08-03
        <headline>"), whose rest stays a line and meets the other rules."""
        rules = load_rules(self.settings.data_dir / "clean" / "boilerplate.yaml")
        prefixes: list[Removed] = []
        for i, line in enumerate(lines):
            for rule in rules:
                match = rule.match(line.text)
                if match is None:
                    continue
                if rule.metadata and rule.metadata not in metadata:
                    groups = match.groupdict()
                    metadata[rule.metadata] = groups.get(rule.metadata) or line.text
                reason = rule.reason or "boilerplate"
                if rule.prefix and match.end() < len(line.text):
                    prefixes.append(Removed(match.group(0), reason, rule.id, line.start, line.start + match.end()))
                    line.text = line.text[match.end() :].strip()
                    continue
                removed[i] = Removed(line.text, reason, rule.id, line.start, line.end)
                break
        return prefixes

    def _mark_linked_headlines(self, lines: list[Line], removed: dict[int, Removed]) -> None:
        """A bare "Baca juga:" on its own line links the headline on the next line (detik.com's layout)."""
        for i, line in enumerate(lines[:-1]):
            label = removed.get(i)
            if label is None or label.reason != "read_more" or not line.text.endswith(":"):
                continue
            after = lines[i + 1]
            if (
                i + 1 not in removed
                and len(after.text.split()) <= self._structure()["title_max_words"]
                and not after.text.endswith(_SENTENCE_END)
            ):
                removed[i + 1] = Removed(after.text, "read_more", "structure.linked_headline", after.start, after.end)

    def _mark_repeated_title(self, doc: Document, lines: list[Line], removed: dict[int, Removed]) -> bool:
        """A headline the page prints twice near its top is the title, every copy of it (a repeated caption
        is no headline: it ends with a full stop or runs longer)."""
        kept = [i for i in range(len(lines)) if i not in removed][: self._structure()["header_max_lines"]]
        counts = Counter(lines[i].text for i in kept)
        title = next((i for i in kept if counts[lines[i].text] > 1 and self._headline_like(doc, lines[i].text)), None)
        if title is None:
            return False
        for i, line in enumerate(lines):
            if line.text == lines[title].text and i not in removed:
                removed[i] = Removed(line.text, "title", "structure.repeated_title", line.start, line.end)
        for i in kept:  # a section label above it ("PERANG GAZA") is header
            if i < title and len(lines[i].text.split()) < self._structure()["title_min_words"]:
                removed[i] = Removed(lines[i].text, "header", "structure.header", lines[i].start, lines[i].end)
        doc.title = lines[title].text
        return True

    def _mark_dated_headlines(self, lines: list[Line], removed: dict[int, Removed]) -> None:
        """Below the article, links to other stories stand each above its own date line ("Camat Madiun Minta
        Maaf …" / "Selasa, 23 Desember 2025 | 04:16"): a headline-like line right above a removed date line
        that follows the body is a link."""
        body = [i for i in range(len(lines)) if i not in removed]
        if not body:
            return
        first_body = next(
            (i for i in body if len(lines[i].text.split()) >= self._structure()["body_min_words"]), body[0]
        )
        for i in range(first_body + 1, len(lines) - 1):
            dated = removed.get(i + 1)
            text = lines[i].text
            if i in removed or dated is None or dated.reason != "published":
                continue
            if len(text.split()) <= self._structure()["title_max_words"] and not text.endswith(_SENTENCE_END):
                removed[i] = Removed(text, "read_more", "structure.dated_headline", lines[i].start, lines[i].end)

    def _mark_repeated(self, lines: list[Line], removed: dict[int, Removed]) -> None:
        limit = self._structure()["repeated_line_max_words"]
        counts = Counter(line.text for line in lines)
        for i, line in enumerate(lines):
            if i not in removed and counts[line.text] > 1 and len(line.text.split()) <= limit:
                removed[i] = Removed(line.text, "caption", "structure.repeated_line", line.start, line.end)

    def _mark_header(self, doc: Document, lines: list[Line], removed: dict[int, Removed]) -> bool:
        """Short lines above a paragraph that opens with a dateline ("BEIJING, KOMPAS.com - …") are the page's
        header: section names, the headline, a date, a newsletter prompt. Without a dateline, the publication
        date line ends the header ("kumparanNEWS", headline, "29 Agustus 2024 17:05 WIB", body). The first
        headline-like line is the title; the others go as header. Without either near the top, nothing is marked."""
        structure = self._structure()
        kept = [i for i in range(len(lines)) if i not in removed][: structure["header_max_lines"] + 1]
        opening = next((n for n, i in enumerate(kept) if self._opens_body(lines[i].text)), None)
        if opening is None:
            opening = self._lines_above_date(kept, removed, structure["dated_header_max_lines"])
        header = kept[:opening]
        if not header or any(len(lines[i].text.split()) > structure["title_max_words"] for i in header):
            return False
        title = next((i for i in header if self._headline_like(doc, lines[i].text)), None)
        for i in header:
            if self._is_dek(lines[i].text):
                continue  # a standfirst between the headline and the date is body (its facts are the lead's)
            line = lines[i]
            reason = "title" if i == title else "header"
            removed[i] = Removed(line.text, reason, f"structure.{reason}", line.start, line.end)
        if title is not None:
            doc.title = lines[title].text
        return True

    def _is_dek(self, text: str) -> bool:
        """A full sentence among the header lines is the standfirst (deks are body, the conventions say)."""
        return text.endswith(_SENTENCE_END) and len(text.split()) >= self._structure()["dek_min_words"]

    @staticmethod
    def _lines_above_date(kept: list[int], removed: dict[int, Removed], most: int) -> int:
        """How many kept lines stand above the publication date line near the top (0 if none, or too many)."""
        top = kept[-1] if kept else 0
        dated = next((i for i in range(top) if i in removed and removed[i].reason == "published"), None)
        above = 0 if dated is None else sum(1 for i in kept if i < dated)
        return above if above <= most else 0

    def _opens_body(self, text: str) -> bool:
        dateline = self._dateline(text)
        if dateline is None:
            return False
        bare = dateline.end >= len(text.rstrip())  # "Jakarta, CNN Indonesia --" on a line of its own
        return bare or len(text.split()) >= self._structure()["body_min_words"]

    def _headline_like(self, doc: Document, text: str) -> bool:
        hinted = doc.hints.get("title")
        if hinted:
            return normalise_line(str(hinted)).casefold() == text.casefold()
        return len(text.split()) >= self._structure()["title_min_words"] and not text.endswith(_SENTENCE_END)

    def _mark_title(self, doc: Document, lines: list[Line], removed: dict[int, Removed]) -> None:
        kept = [i for i in range(len(lines)) if i not in removed]
        if len(kept) < 2:
            return
        first = kept[0]
        line = lines[first]
        if self._is_headline(doc, lines, first, removed):
            removed[first] = Removed(line.text, "title", "structure.title", line.start, line.end)
            doc.title = line.text

    def _is_headline(self, doc: Document, lines: list[Line], i: int, removed: dict[int, Removed]) -> bool:
        text = lines[i].text
        hinted = doc.hints.get("title")
        if hinted and normalise_line(str(hinted)).casefold() == text.casefold():
            return True
        if len(text.split()) > self._structure()["title_max_words"] or text.endswith(_SENTENCE_END):
            return False
        follower = i + 1
        return follower < len(lines) and (lines[follower].blank_before or follower in removed)

    def _dateline(self, text: str) -> Dateline | None:
        return find_dateline(text, self.settings.data_dir / "clean" / "datelines.yaml")

    def _structure(self) -> dict[str, int]:
        return load_yaml(self.settings.data_dir / "clean" / "boilerplate.yaml")["structure"]


def has_article_body(text: str, data_dir: Path) -> bool:
    """Whether cleaned text holds an article: at least one line long enough to be prose, not page furniture."""
    least = load_yaml(data_dir / "clean" / "boilerplate.yaml")["structure"]["article_line_min_words"]
    return any(len(line.split()) >= least for line in text.splitlines())


CONTRACT = Contract(
    assigns=("text", "removed", "title", "published", "published_time", "byline", "dateline", "origin"),
    requires=("raw",),
    reads=("hints", "source"),
)


def make_stage(settings: Settings) -> CleanStage:
    return CleanStage(settings)
