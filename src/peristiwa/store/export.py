"""Export merged events: PLOVER JSON Lines, GDELT-style TSV, CSV, Parquet, GeoJSON (placed events only).

DuckDB's COPY streams the rows to a temporary file beside the target, which is renamed into place
only when complete, so an interrupted export never leaves a half-written file under the real name.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from peristiwa.errors import OutputExistsError
from peristiwa.store.errors import BadQuery
from peristiwa.store.geojson import write_geojson

FORMATS = ("plover-jsonl", "gdelt-tsv", "csv", "parquet", "geojson")

# Coordinates and precision of a merged event's location, from the mentions that gave it (issue 9).
_GEO = """(SELECT event_id, location_name, any_value(lat) AS lat, any_value(lon) AS lon,
                  any_value(location_precision) AS precision
           FROM event_mentions WHERE location_name IS NOT NULL GROUP BY event_id, location_name)"""
_GEO_JOIN = f"LEFT JOIN {_GEO} g ON g.event_id = e.event_id AND g.location_name = e.location_name"
# GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 unknown.
_GEO_TYPE = """CASE g.precision WHEN 'country' THEN 1
                   WHEN 'region' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END
                   WHEN 'city' THEN CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END ELSE 0 END"""

_MENTIONS = """(SELECT m.event_id, list({'article_id': m.article_id, 'mention_id': m.mention_id,
                   'source': coalesce(a.url, a.path), 'outlet': a.outlet, 'published': a.published,
                   'evidence': {'start': m.evidence_start, 'end': m.evidence_end, 'text': m.evidence_text}}
                   ORDER BY m.article_id, m.mention_id) AS mentions
                FROM event_mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.event_id)"""

# The first day of the event's best date, whatever its precision (GDELT's SQLDATE wants a whole day).
_DAY = """CASE length(e.date) WHEN 10 THEN TRY_CAST(e.date AS DATE) WHEN 7 THEN TRY_CAST(e.date || '-01' AS DATE)
                              WHEN 4 THEN TRY_CAST(e.date || '-01-01' AS DATE) END"""

QUERIES = {
    "plover-jsonl": f"""
        SELECT e.event_id AS id, e.date AS event_date, e.date_precision, e.date_source, e.type AS event_type,
               e.mode, e.modality, e.negated,
               e.source AS actor, e.source_entity AS actor_entity, e.target AS recipient,
               e.target_entity AS recipient_entity, e.quad, e.score,
               CASE WHEN e.location_name IS NULL THEN NULL ELSE
                   {{'name': e.location_name, 'country': e.location_country, 'lat': g.lat, 'lon': g.lon,
                     'precision': g.precision}} END AS event_loc,
               e.num_mentions, e.num_articles, e.num_sources, e.story_id, e.source_url, e.text AS evidence,
               coalesce(m.mentions, []) AS mentions
        FROM events e LEFT JOIN {_MENTIONS} m ON m.event_id = e.event_id {_GEO_JOIN}
        ORDER BY e.month NULLS LAST, e.event_id""",
    "gdelt-tsv": f"""
        SELECT e.event_id AS GLOBALEVENTID,
               strftime({_DAY}, '%Y%m%d') AS SQLDATE, strftime({_DAY}, '%Y%m') AS MonthYear, year({_DAY}) AS Year,
               e.source AS Actor1Code, e.source_entity AS Actor1Name,
               e.target AS Actor2Code, e.target_entity AS Actor2Name,
               e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode, left(e.cameo, 2) AS EventRootCode,
               e.quad_class AS QuadClass, e.score AS GoldsteinScale,
               e.num_mentions AS NumMentions, e.num_sources AS NumSources, e.num_articles AS NumArticles,
               {_GEO_TYPE} AS ActionGeo_Type,
               e.location_name AS ActionGeo_FullName, e.location_country AS ActionGeo_CountryCode,
               g.lat AS ActionGeo_Lat, g.lon AS ActionGeo_Long,
               e.type AS PloverType, e.source_url AS SOURCEURL
        FROM events e {_GEO_JOIN} ORDER BY e.month NULLS LAST, e.event_id""",
    "geojson": f"""
        SELECT e.event_id, e.date, e.date_source, e.date_precision, e.type, e.source, e.target, e.quad,
               e.location_name, e.location_country,
               g.precision, g.lat, g.lon, e.num_articles, e.text
        FROM events e JOIN {_GEO} g ON g.event_id = e.event_id AND g.location_name = e.location_name
        WHERE g.lat IS NOT NULL ORDER BY e.month NULLS LAST, e.event_id""",
    "csv": "SELECT * FROM events ORDER BY month NULLS LAST, event_id",
    "parquet": "SELECT * FROM events ORDER BY month NULLS LAST, event_id",
}
OPTIONS = {
    "plover-jsonl": "FORMAT JSON",
    "gdelt-tsv": "FORMAT CSV, DELIMITER '\t', HEADER true",
    "csv": "FORMAT CSV, HEADER true",
    "parquet": "FORMAT PARQUET, COMPRESSION zstd",
}
_WRITERS = {"geojson": write_geojson}  # formats DuckDB's COPY cannot write


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path | str, force: bool = False) -> int:
    """Write every merged event to `out` ('-' for stdout) in `fmt`; return the number of events."""
    if fmt not in FORMATS:
        raise BadQuery(fmt, f"unknown export format; choose one of {', '.join(FORMATS)}")
    if str(out) == "-":
        return _export_stdout(con, fmt)
    target = Path(out)
    if target.exists() and not force:
        raise OutputExistsError(f"{target} exists; pass --force to overwrite it")
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path("."))
    os.close(handle)
    try:
        count = _copy(con, fmt, Path(temp))
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)
    return count


def _copy(con: duckdb.DuckDBPyConnection, fmt: str, path: Path) -> int:
    path.unlink(missing_ok=True)
    if fmt in _WRITERS:
        return _WRITERS[fmt](con.execute(QUERIES[fmt]), path)
    con.execute(f"COPY ({QUERIES[fmt]}) TO '{_quoted(path)}' ({OPTIONS[fmt]})")
    row = con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0


def _export_stdout(con: duckdb.DuckDBPyConnection, fmt: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{fmt}"
        count = _copy(con, fmt, path)
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return count


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
