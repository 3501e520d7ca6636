"""Export merged events: PLOVER JSON Lines, GDELT 2.0 event table TSV, CSV, Parquet, GeoJSON (placed events only).

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
from peristiwa.knowledge import reference_file
from peristiwa.store.errors import BadQuery
from peristiwa.store.geojson import write_geojson
from peristiwa.store.queries import ACTOR_NAMES

FORMATS = ("plover-jsonl", "gdelt-tsv", "csv", "parquet", "geojson")

# Coordinates, precision and GeoNames id of a merged event's location, from the mentions that gave it (issue 9).
_GEO = """(SELECT m.event_id, m.location_name, any_value(m.lat) AS lat, any_value(m.lon) AS lon,
                  any_value(m.location_precision) AS precision, any_value(p.geonameid) AS geonameid
           FROM event_mentions m LEFT JOIN places p ON p.article_id = m.article_id AND p.name = m.location_name
           WHERE m.location_name IS NOT NULL GROUP BY m.event_id, m.location_name)"""
_GEO_JOIN = f"LEFT JOIN {_GEO} g ON g.event_id = e.event_id AND g.location_name = e.location_name"
# GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 unknown.
_GEO_TYPE = """CASE WHEN e.location_name IS NULL THEN NULL WHEN g.precision = 'country' THEN 1
                   WHEN g.precision = 'region' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END
                   WHEN g.precision = 'city' THEN CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END ELSE 0 END"""
# The names behind an event's source and target: the entities its mentions point to, else the actor's best-known
# name (its state or organisation entity).
_NAMES = f"""(WITH {ACTOR_NAMES}, named AS (
                 SELECT m.event_id, mode(s.name) AS source_name, mode(t.name) AS target_name FROM event_mentions m
                 LEFT JOIN entities s ON s.article_id = m.article_id AND s.entity_id = m.source_entity
                 LEFT JOIN entities t ON t.article_id = m.article_id AND t.entity_id = m.target_entity
                 GROUP BY m.event_id)
             SELECT e.event_id, coalesce(d.source_name, a1.name) AS source_name,
                    coalesce(d.target_name, a2.name) AS target_name
             FROM events e LEFT JOIN named d ON d.event_id = e.event_id
             LEFT JOIN actor_names a1 ON a1.actor = e.source LEFT JOIN actor_names a2 ON a2.actor = e.target)"""
GDELT_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
# The first day of the event's best date, whatever its precision (GDELT's SQLDATE wants a whole day).
_DAY = """CASE length(e.date) WHEN 10 THEN TRY_CAST(e.date AS DATE) WHEN 7 THEN TRY_CAST(e.date || '-01' AS DATE)
                              WHEN 4 THEN TRY_CAST(e.date || '-01-01' AS DATE) END"""


def gdelt_columns() -> list[tuple[str, str | None]]:
    """The GDELT 2.0 event table's 61 columns in its order, each with what fills it (None: we know nothing)."""
    return [
        ("GlobalEventID", "TRY_CAST('0x' || substr(e.event_id, 4, 15) AS BIGINT)"),  # the number in our id
        ("Day", f"strftime({_DAY}, '%Y%m%d')"),
        ("MonthYear", f"strftime({_DAY}, '%Y%m')"),
        ("Year", f"year({_DAY})"),
        ("FractionDate", f"round(year({_DAY}) + dayofyear({_DAY}) / 365.0, 4)"),
        *_actor_columns("Actor1", "e.source", "n.source_name"),
        *_actor_columns("Actor2", "e.target", "n.target_name"),
        ("IsRootEvent", None),
        ("EventCode", "e.cameo"),
        ("EventBaseCode", "left(e.cameo, 3)"),
        ("EventRootCode", "left(e.cameo, 2)"),
        ("QuadClass", "e.quad_class"),
        ("GoldsteinScale", "e.score"),
        ("NumMentions", "e.num_mentions"),
        ("NumSources", "e.num_sources"),
        ("NumArticles", "e.num_articles"),
        ("AvgTone", None),
        *_geo_columns("Actor1Geo_", {}),
        *_geo_columns("Actor2Geo_", {}),
        *_geo_columns(
            "ActionGeo_",
            {
                "Type": _GEO_TYPE,
                "FullName": "e.location_name",
                "CountryCode": "c.fips",
                "Lat": "g.lat",
                "Long": "g.lon",
                "FeatureID": "g.geonameid",
            },
        ),
        ("DATEADDED", None),
        ("SOURCEURL", "e.source_url"),
    ]


def _actor_columns(prefix: str, code: str, name: str) -> list[tuple[str, str | None]]:
    # CAMEO country codes are ISO alpha-3: an actor whose code is a state's is of that state.
    filled = {"Code": code, "Name": name, "CountryCode": f"CASE WHEN {code} IN (SELECT iso3 FROM fips) THEN {code} END"}
    return [(f"{prefix}{field}", filled.get(field)) for field in GDELT_ACTOR]


def _geo_columns(prefix: str, filled: dict[str, str]) -> list[tuple[str, str | None]]:
    return [(f"{prefix}{field}", filled.get(field)) for field in GDELT_GEO]


def _gdelt_query() -> str:
    columns = ", ".join(f"{expression or 'NULL'} AS {name}" for name, expression in gdelt_columns())
    return f"""WITH fips(iso3, fips) AS (VALUES {_fips_values()})
        SELECT {columns}
        FROM events e LEFT JOIN {_NAMES} n ON n.event_id = e.event_id {_GEO_JOIN}
        LEFT JOIN fips c ON c.iso3 = e.location_country
        ORDER BY e.month NULLS LAST, e.event_id"""


def _fips_values() -> str:
    """ISO alpha-3 → FIPS 10-4 country codes (GDELT's geography uses FIPS), from data/places/fips.tsv."""
    lines = reference_file("places", "fips.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    return ", ".join(f"('{iso3}', '{fips}')" for iso3, fips in pairs if (iso3 + fips).isalnum())


_MENTIONS = """(SELECT m.event_id, list({'article_id': m.article_id, 'mention_id': m.mention_id,
                   'source': coalesce(a.url, a.path), 'outlet': a.outlet, 'published': a.published,
                   'evidence': {'start': m.evidence_start, 'end': m.evidence_end, 'text': m.evidence_text}}
                   ORDER BY m.article_id, m.mention_id) AS mentions
                FROM event_mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.event_id)"""


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
               coalesce(e.corrected, false) AS corrected,
               coalesce(m.mentions, []) AS mentions
        FROM events e LEFT JOIN {_MENTIONS} m ON m.event_id = e.event_id {_GEO_JOIN}
        ORDER BY e.month NULLS LAST, e.event_id""",
    "gdelt-tsv": _gdelt_query(),
    "geojson": f"""
        SELECT e.event_id, e.date, e.date_source, e.date_precision, e.type, e.source, e.target, e.quad,
               e.location_name, e.location_country,
               g.precision, g.lat, g.lon, e.num_articles, e.text
        FROM events e JOIN {_GEO} g ON g.event_id = e.event_id AND g.location_name = e.location_name
        WHERE g.lat IS NOT NULL ORDER BY e.month NULLS LAST, e.event_id""",
    "csv": "SELECT * EXCLUDE (index_keys) FROM events ORDER BY month NULLS LAST, event_id",
    "parquet": "SELECT * EXCLUDE (index_keys) FROM events ORDER BY month NULLS LAST, event_id",
}
OPTIONS = {
    "plover-jsonl": "FORMAT JSON",
    "gdelt-tsv": "FORMAT CSV, DELIMITER '\t', HEADER false",  # GDELT's files have no header row
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
