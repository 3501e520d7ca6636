"""GeoJSON of the events that have a location: the export (one Point per merged event) and the map's places
(one Point per place with its events, filtered like the event table)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from peristiwa.store.queries import EventFilter
from peristiwa.store.queries import _event_clauses as event_clauses  # the event table's own filters

PROPERTIES = (
    "event_id",
    "date",
    "date_source",
    "date_precision",
    "type",
    "source",
    "target",
    "quad",
    "location_name",
    "location_country",
    "precision",
    "num_articles",
    "text",
)


def write_geojson(result: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Stream the rows of `result` (PROPERTIES plus lat, lon) into a FeatureCollection; return the count."""
    columns = [d[0] for d in result.description or []]
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        while rows := result.fetchmany(10_000):
            for row in rows:
                out.write(
                    (",\n" if count else "")
                    + json.dumps(feature(dict(zip(columns, row, strict=True))), ensure_ascii=False)
                )
                count += 1
        out.write("\n]}\n")
    return count


def feature(row: dict[str, object]) -> dict[str, object]:
    return {
        "type": "Feature",
        "id": row["event_id"],
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {name: row.get(name) for name in PROPERTIES},
    }


def events_by_place(con: duckdb.DuckDBPyConnection, where: EventFilter, limit: int = 500) -> dict[str, object]:
    """The merged events matching `where` that have a location, one Point per place with its event count,
    quads and types, largest first; as a GeoJSON FeatureCollection (the map of the web UI)."""
    clauses, params = event_clauses(where)
    sql = f"""
        WITH geo AS (SELECT event_id, location_name, any_value(lat) AS lat, any_value(lon) AS lon,
                            any_value(location_precision) AS precision
                     FROM event_mentions WHERE lat IS NOT NULL GROUP BY event_id, location_name)
        SELECT e.location_name AS name, e.location_country AS country, g.precision, g.lat, g.lon,
               count(*) AS events, coalesce(list(DISTINCT e.quad) FILTER (WHERE e.quad IS NOT NULL), []) AS quads,
               list(DISTINCT e.type ORDER BY e.type) AS types,
               list({{'event_id': e.event_id, 'type': e.type, 'source': e.source, 'target': e.target}}
                    ORDER BY e.num_mentions DESC, e.event_id)[1:5] AS top
        FROM events e JOIN geo g ON g.event_id = e.event_id AND g.location_name = e.location_name
        WHERE {" AND ".join(clauses) or "true"}
        GROUP BY e.location_name, e.location_country, g.precision, g.lat, g.lon
        ORDER BY events DESC, name LIMIT ?"""
    result = con.execute(sql, [*params, limit])
    columns = [d[0] for d in result.description or []]
    features = []
    for row in result.fetchall():
        place = dict(zip(columns, row, strict=True))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.pop("lon"), place.pop("lat")]},
                "properties": place,
            }
        )
    return {"type": "FeatureCollection", "features": features}
