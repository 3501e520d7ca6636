"""Command line: `peristiwa <verb>`. Records go to stdout as JSON Lines; messages go to stderr."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from peristiwa import evaluate
from peristiwa.cli.output import output as write_to
from peristiwa.cli.progress import LOG_EVERY, ProgressReport
from peristiwa.errors import InputError, PeristiwaError
from peristiwa.model import Document, to_record
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DEFAULT_MAX_BYTES, MODELS_DIR, PACKAGE_DIR, Settings
from peristiwa.stages.ingest import Item, count_articles, expand_inputs, read_paths

app = typer.Typer(
    help="Peristiwa: Indonesian news to source-linked event data.", no_args_is_help=True, add_completion=False
)
err = Console(stderr=True)
SAMPLES = PACKAGE_DIR / "samples"

MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Largest single-article file accepted, in bytes.")]


def run_pipeline(
    inputs: list[str], settings: Settings, out: IO[str] | None, every: float = LOG_EVERY
) -> tuple[list[Document], int]:
    """Process every input, writing each record as soon as it is ready; return documents and failures.

    Progress goes to standard error: a bar in a terminal, a line every `every` seconds in a log."""
    pipeline = Pipeline(settings)
    paths = list(expand_inputs(inputs, on_skip=report_skip))
    documents: list[Document] = []
    with ProgressReport(err, count_articles(paths), every=every) as progress:
        for item in read_paths(paths, settings.max_bytes):
            doc = _extracted(pipeline, item)
            progress.advance(failed=doc is None)
            if doc is None:
                continue
            _report_problems(doc)
            if out is not None:
                out.write(json.dumps(to_record(doc), ensure_ascii=False) + "\n")
                out.flush()
            documents.append(doc)
    return documents, progress.errors


def _extracted(pipeline: Pipeline, item: Item) -> Document | None:
    """The article's document, or None after reporting why the input holds none."""
    try:
        if isinstance(item, InputError):
            raise item
        return pipeline.extract(item)
    except InputError as error:
        err.print(f"[red]error:[/red] {error.where}: {error.reason}", highlight=False, soft_wrap=True)
        return None


def report_skip(where: str, why: str) -> None:
    """A file a directory walk passed over (README, other types): said, not counted as a failure."""
    err.print(f"[yellow]skipped:[/yellow] {where}: {why}", highlight=False, soft_wrap=True)


def _report_problems(doc: Document) -> None:
    for problem in doc.problems:
        where = doc.source.path or doc.source.url or doc.id
        err.print(
            f"[yellow]warning:[/yellow] {where}: {problem.stage}: {problem.message}", highlight=False, soft_wrap=True
        )


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite the output file.")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    progress_every: Annotated[
        float,
        typer.Option(
            "--progress-every", min=0, help="Seconds between progress lines when standard error is not a terminal."
        ),
    ] = LOG_EVERY,
) -> None:
    """Extract one JSON record per article (JSON Lines)."""
    settings = Settings(max_bytes=max_bytes)
    started = time.perf_counter()
    with write_to(output, force) as out:
        documents, failures = run_pipeline(inputs, settings, out, progress_every)
    err.print(
        f"{len(documents)} article(s) extracted, {failures} input(s) failed in {time.perf_counter() - started:.1f}s"
    )
    if failures:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON Lines, GOLD_SCHEMA.md).")],
    raw: Annotated[Path, typer.Option("--raw", help="Directory with the raw articles the gold names.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    records: Annotated[Path | None, typer.Option(help="Also write the records scored here.")] = None,
    parser: Annotated[
        bool, typer.Option("--parser/--no-parser", help="Read event arguments from the parse too (an ablation).")
    ] = True,
    classifier: Annotated[
        bool,
        typer.Option(
            "--classifier/--no-classifier",
            help="Also let the trained sentence classifier propose events (models/events_clf; off by default).",
        ),
    ] = False,
) -> None:
    """Run the pipeline on the raw files of a gold set and score it (P/R/F1 per layer)."""
    try:
        golds = evaluate.load_gold(gold)
    except (OSError, PeristiwaError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    paths = [str(raw / g["source_file"]) for g in golds if (raw / g["source_file"]).exists()]
    settings = Settings() if parser else Settings(parser_model=None)
    if classifier:
        settings = replace(settings, event_classifier=MODELS_DIR / "events_clf")
    documents, _ = run_pipeline(paths, settings, None)
    recs = [to_record(d) for d in documents]
    if records:
        records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    result = evaluate.score(golds, recs)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        _print_scores(result)


def _print_scores(result: dict[str, Any]) -> None:
    out = Console()
    table = Table(title="Peristiwa evaluation (overall)")
    for column in ("layer", "P", "R", "F1", "tp", "system", "gold"):
        table.add_column(column, justify="left" if column == "layer" else "right")
    for name, s in result["overall"].items():
        table.add_row(
            name, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}", str(s["tp"]), str(s["sys"]), str(s["gold"])
        )
    out.print(table)
    docs = Table(title="Per document (F1)")
    layers = ("boilerplate_removed", "entities", "person_actor", "quotes", "date_values", "events")
    docs.add_column("doc")
    for layer in layers:
        docs.add_column(layer, justify="right")
    for doc_id, s in result["per_doc"].items():
        docs.add_row(doc_id, *(f"{s[layer]['f1']:.2f}" for layer in layers))
    out.print(docs)
    _print_confusion(out, result["event_confusion"])
    if result["missing"]:
        out.print(f"[red]missing records:[/red] {', '.join(result['missing'])}")


def _print_confusion(out: Console, cells: list[dict[str, Any]]) -> None:
    """Gold event type (rows) against system type (columns), events paired by dyad and negation."""
    if not cells:
        return
    rows = sorted({c["gold"] for c in cells}, key=lambda t: (t.startswith("("), t))
    columns = sorted({c["system"] for c in cells}, key=lambda t: (t.startswith("("), t))
    counts = {(c["gold"], c["system"]): c["count"] for c in cells}
    table = Table(title="Events: gold type (rows) × system type (columns)")
    table.add_column("gold \\ system")
    for column in columns:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(row, *(str(counts.get((row, col), "")) for col in columns))
    Console(width=max(out.width, 40 + 12 * len(columns))).print(table)  # too wide to fold into a terminal


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the records.")] = Path(
        "peristiwa-demo.jsonl"
    ),
) -> None:
    """Run the pipeline on the bundled sample articles and show what it found."""
    with output.open("w", encoding="utf-8") as out:
        documents, _ = run_pipeline([str(SAMPLES)], Settings(), out)
    for doc in documents:
        _print_summary(doc)
    Console().print(f"\nRecords for {len(documents)} articles written to [bold]{output}[/bold] (JSON Lines).")


def _print_summary(doc: Document) -> None:
    out = Console()
    name = Path(doc.source.path or doc.id).name
    out.rule(f"[bold]{name}[/bold]")
    out.print(f"title: {doc.title or '—'}   published: {doc.published or '—'}   language: {doc.language}")
    reasons = ", ".join(sorted({r.reason for r in doc.removed})) or "nothing"
    out.print(
        f"removed {len(doc.removed)} line(s) ({reasons}); body {len(doc.text)} chars, {len(doc.sentences)} sentences"
    )
    out.print(
        f"entities {len(doc.entities)}, quotes {len(doc.quotes)}, dates {len(doc.dates)}, events {len(doc.events)}"
    )
    for event in doc.events[:5]:
        out.print(f"  • {event.source} {event.type} {event.target or '—'}: “{event.evidence.text}”")


def _register_store_commands() -> None:
    """The database commands live with the store; they are attached here so one `peristiwa` holds all."""
    from peristiwa.cli.store import export_command, ingest_command, query_app

    app.command("ingest")(ingest_command)
    app.command("export")(export_command)
    app.add_typer(query_app, name="query")


_register_store_commands()


def _register_batch_commands() -> None:
    """`batch` and `load` live with the batch package (Dask is imported only when `batch` runs)."""
    from peristiwa.cli.batch import batch_command, load_command

    app.command("batch")(batch_command)
    app.command("load")(load_command)


_register_batch_commands()


def main() -> None:
    app()


def _register_server_commands() -> None:
    """`peristiwa serve` lives with the server; attached here like the store commands."""
    from peristiwa.cli.server import serve_command

    app.command("serve")(serve_command)


_register_server_commands()


def _register_knowledge_commands() -> None:
    """`peristiwa kb …` and `peristiwa recode`: the analysts' knowledge overlay."""
    from peristiwa.cli.kb import kb_app, recode_command

    app.add_typer(kb_app, name="kb")
    app.command("recode")(recode_command)
    from peristiwa.cli.corrections import corrections_app

    app.add_typer(corrections_app, name="corrections")


_register_knowledge_commands()


def _register_watch_commands() -> None:
    """`peristiwa watch` and `peristiwa watchlist` live with the watcher; attached here like the others."""
    from peristiwa.cli.watch import watch_command, watchlist_app

    app.command("watch")(watch_command)
    app.add_typer(watchlist_app, name="watchlist")


_register_watch_commands()
