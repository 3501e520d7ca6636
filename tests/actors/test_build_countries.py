"""scripts/build_countries.py: alpha-3 codes derived from CLDR, and the committed file is up to date."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

from peristiwa.settings import DATA_DIR

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_countries.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_countries", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_countries"] = module
    spec.loader.exec_module(module)
    return module


def test_alpha3_table_is_derived_from_cldr() -> None:
    script = _script()
    table = script.alpha3_table(script.read_preferred(DATA_DIR / "actors" / "alpha3_preferred.tsv"))
    codes = (table["RU"], table["US"], table["MM"], table["DE"], table["XK"])
    assert codes == ("RUS", "USA", "MMR", "DEU", "XKX")


def test_committed_countries_file_matches_the_generator() -> None:
    script = _script()
    built = script.build(script.read_preferred(DATA_DIR / "actors" / "alpha3_preferred.tsv"))
    committed = yaml.safe_load((DATA_DIR / "actors" / "countries.yaml").read_text(encoding="utf-8"))
    assert [c["code"] for c in committed["countries"]] == [c["code"] for c in built["countries"]]
    assert {"code": "RUS", "alpha2": "RU", "name": "Rusia", "aliases": []} in built["countries"]
