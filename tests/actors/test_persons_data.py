"""The office-holders file persons.yaml: schema of every entry, consistency across entries, spot facts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from functools import cache
from typing import Any

import pytest
import yaml

from peristiwa.settings import DATA_DIR
from peristiwa.stages.actors.kb import KnowledgeBase, roles_on

ACTORS = DATA_DIR / "actors"
PERSON_KEYS = {"id", "name", "names", "type", "roles"}
ROLE_KEYS = {"role", "org", "sector", "from", "to", "note"}
SECTORS = {"GOV", "MIL", "DIP", "LEG", "JUD", "IGO", "PARTY", "MEDIA", "BUS", "CIV", "REB"}
ID_PATTERN = re.compile(r"^per\.[a-z0-9]+(?:_[a-z0-9]+)*$")
ACTOR_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")  # a state (ISO alpha-3) or an organisation
# Offices one person holds at a time: two holders may overlap on the handover day only.
SINGLE_HOLDER = {
    "President",
    "Prime Minister",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Supreme Leader",
    "Sultan",
    "Emir",
    "Pope",
    "Foreign Minister",
    "Secretary of State",
    "Foreign Secretary",
    "Defense Minister",
    "Secretary of Defense",
    "Defence Secretary",
    "Secretary General",
    "President of the European Commission",
    "President of the European Council",
    "High Representative",
    "Crown Prince",
    "Vice President",
}
# Role words and ranks that must not start an alias (monarchs keep "Raja Salman", "Paus Fransiskus").
TITLE_WORDS = {
    "Presiden",
    "Wapres",
    "Menlu",
    "Menhan",
    "Menteri",
    "PM",
    "Perdana",
    "Jenderal",
    "Marsekal",
    "Laksamana",
    "Kaisar",
    "Dr.",
    "Sekjen",
    "Jubir",
}
FOREIGN = {"Foreign Minister", "Secretary of State", "Foreign Secretary"}
DEFENCE = {"Defense Minister", "Secretary of Defense", "Defence Secretary"}
# States the brief requires: G20, ASEAN and Timor-Leste, P5, and the conflict parties followed in the news.
REQUIRED_STATES = (
    "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA "
    "BRN KHM LAO MYS MMR PHL SGP THA VNM TLS UKR SYR IRN ISR PRK"
).split()
SAMPLE_DATES = [
    dt.date(2010, 6, 1),
    dt.date(2013, 10, 1),
    dt.date(2017, 10, 1),
    dt.date(2021, 10, 1),
    dt.date(2026, 6, 1),
]


@cache
def persons() -> list[dict[str, Any]]:
    data = yaml.safe_load((ACTORS / "persons.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@cache
def by_id() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in persons()}


@cache
def org_codes() -> frozenset[str]:
    """Actor codes of non-state organisations (UN, NATO, HAMAS …) from the organisations file."""
    raw = yaml.safe_load((ACTORS / "organisations.yaml").read_text(encoding="utf-8"))
    return frozenset(o["actor"] for o in raw["organisations"] if o.get("actor"))


@cache
def state_codes() -> frozenset[str]:
    raw = yaml.safe_load((ACTORS / "countries.yaml").read_text(encoding="utf-8"))
    return frozenset(c["code"] for c in raw["countries"])


def ascii_snake(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_").lower()


def holds(person_id: str, role: str, org: str, when: dt.date) -> bool:
    return any(
        r["role"] == role and r["org"] == org and r["from"] <= when and (r["to"] is None or when <= r["to"])
        for r in by_id()[person_id]["roles"]
    )


def all_roles() -> list[tuple[str, dict[str, Any]]]:
    return [(p["id"], r) for p in persons() for r in p["roles"]]


# --- schema -----------------------------------------------------------------------------------------


def test_file_is_large_and_sorted_by_unique_id() -> None:
    ids = [p["id"] for p in persons()]
    assert len(ids) > 500
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def person_problems(person: dict[str, Any]) -> list[str]:
    names = person.get("names") or []
    checks = {
        "keys": set(person) == PERSON_KEYS,
        "id": bool(ID_PATTERN.match(person.get("id", "")))
        and person["id"] == "per." + ascii_snake(person.get("name", "")),
        "type": person.get("type") == "PER",
        "names": bool(names) and all(isinstance(n, str) and n and n.strip() == n for n in names),
        "name in names": person.get("name") in names and len(names) == len(set(names)),
        "roles": bool(person.get("roles")),
    }
    return [f"{person.get('id')}: {what}" for what, ok in checks.items() if not ok]


def role_problems(person_id: str, role: dict[str, Any]) -> list[str]:
    org, start, end = role.get("org", ""), role.get("from"), role.get("to")
    checks = {
        "keys": set(role) <= ROLE_KEYS and ROLE_KEYS - {"note"} <= set(role),
        "role": isinstance(role.get("role"), str) and bool(role["role"]),
        "sector": role.get("sector") in SECTORS,
        "org": bool(ACTOR_CODE.match(org)) and org in state_codes() | org_codes(),
        "from": isinstance(start, dt.date),
        "to": end is None or (isinstance(end, dt.date) and isinstance(start, dt.date) and start <= end),
        "note": role.get("note", "uncertain") == "uncertain",
    }
    return [f"{person_id} {role}: {what}" for what, ok in checks.items() if not ok]


def test_every_person_entry_matches_the_schema() -> None:
    assert [problem for person in persons() for problem in person_problems(person)] == []


def test_every_role_matches_the_schema() -> None:
    assert [problem for person_id, role in all_roles() for problem in role_problems(person_id, role)] == []


def test_schema_check_rejects_bad_entries() -> None:
    """The checks above must fail on broken entries, not pass everything."""
    bad_person = {"id": "per.Bad Id", "name": "X", "names": ["Y"], "type": "ORG", "roles": []}
    assert len(person_problems(bad_person)) == 4
    bad_role = {
        "role": "",
        "org": "Rusia",
        "sector": "ARMY",
        "from": dt.date(2020, 1, 2),
        "to": dt.date(2020, 1, 1),
        "note": "maybe",
    }
    assert len(role_problems("per.x", bad_role)) == 5


def test_no_two_entries_share_a_name_or_alias() -> None:
    """A surname alias must be distinctive: one surface form points to one person."""
    owners: dict[str, list[str]] = defaultdict(list)
    for person in persons():
        for name in person["names"]:
            owners[name].append(person["id"])
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not shared


def overlapping_terms(roles: list[tuple[str, dict[str, Any]]]) -> list[tuple[tuple[str, str], str, str]]:
    """Pairs of different holders of one single-holder office whose terms overlap beyond the handover day."""
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for person_id, role in roles:
        if role["role"] in SINGLE_HOLDER:
            terms[(role["org"], role["role"])].append((role["from"], role["to"] or dt.date.max, person_id))
    clashes = []
    for office, spans in terms.items():
        spans.sort()
        for (_, end, who), (start, _, other) in zip(spans, spans[1:], strict=False):
            if start < end and who != other:
                clashes.append((office, who, other))
    return clashes


def test_single_holder_offices_do_not_overlap() -> None:
    """A typo in a date shows up as two presidents at once."""
    assert overlapping_terms(all_roles()) == []
    typo = {"role": "President", "org": "XYZ", "sector": "GOV", "from": dt.date(2019, 1, 1), "to": None}
    handover = {**typo, "from": dt.date(2010, 1, 1), "to": dt.date(2019, 1, 1)}
    assert overlapping_terms([("per.a", handover), ("per.b", typo)]) == []
    clash = overlapping_terms([("per.a", {**handover, "to": None}), ("per.b", typo)])
    assert clash == [(("XYZ", "President"), "per.a", "per.b")]


@pytest.mark.parametrize("code", REQUIRED_STATES)
def test_required_states_have_foreign_and_defence_ministers_over_time(code: str) -> None:
    offices = {(r["org"], r["role"], r["from"], r["to"]) for _, r in all_roles()}

    def covered(titles: set[str], when: dt.date) -> bool:
        return any(
            org == code and role in titles and start <= when and (end is None or when <= end)
            for org, role, start, end in offices
        )

    assert all(covered(FOREIGN, when) for when in SAMPLE_DATES)
    assert all(covered(DEFENCE, when) for when in SAMPLE_DATES)


# --- facts that could break ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person_id", "role", "org", "when", "expected"),
    [
        ("per.sergey_lavrov", "Foreign Minister", "RUS", "2022-03-04", True),
        ("per.jens_stoltenberg", "Secretary General", "NATO", "2016-01-01", True),
        ("per.jens_stoltenberg", "Secretary General", "NATO", "2025-01-01", False),
        ("per.mark_rutte", "Secretary General", "NATO", "2025-01-01", True),
        ("per.retno_marsudi", "Foreign Minister", "IDN", "2020-01-01", True),
        ("per.retno_marsudi", "Foreign Minister", "IDN", "2025-01-01", False),
        ("per.sugiono", "Foreign Minister", "IDN", "2025-01-01", True),
        ("per.prabowo_subianto", "Defense Minister", "IDN", "2020-01-01", True),
        ("per.prabowo_subianto", "President", "IDN", "2024-10-21", True),
        ("per.joko_widodo", "President", "IDN", "2024-10-21", False),
        ("per.donald_trump", "President", "USA", "2019-01-01", True),
        ("per.donald_trump", "President", "USA", "2022-01-01", False),
        ("per.donald_trump", "President", "USA", "2025-06-01", True),
        ("per.antony_blinken", "Secretary of State", "USA", "2023-01-01", True),
        ("per.marco_rubio", "Secretary of State", "USA", "2025-06-01", True),
        ("per.vladimir_putin", "Prime Minister", "RUS", "2010-01-01", True),
        ("per.vladimir_putin", "President", "RUS", "2010-01-01", False),
        ("per.wang_yi", "Foreign Minister", "CHN", "2023-03-01", False),
        ("per.qin_gang", "Foreign Minister", "CHN", "2023-03-01", True),
        ("per.benjamin_netanyahu", "Prime Minister", "ISR", "2021-12-01", False),
        ("per.volodymyr_zelensky", "President", "UKR", "2022-03-04", True),
        ("per.yoon_suk_yeol", "President", "KOR", "2025-05-01", False),
        ("per.hun_sen", "Prime Minister", "KHM", "2023-09-01", False),
        ("per.hun_manet", "Prime Minister", "KHM", "2023-09-01", True),
        ("per.ursula_von_der_leyen", "Defense Minister", "DEU", "2015-01-01", True),
        ("per.kaja_kallas", "High Representative", "EU", "2025-01-01", True),
        ("per.kao_kim_hourn", "Secretary General", "ASEAN", "2024-01-01", True),
        ("per.antonio_guterres", "Secretary General", "UN", "2016-06-01", False),
        ("per.dmitry_peskov", "Spokesperson", "RUS", "2022-02-24", True),
        ("per.maria_zakharova", "Spokesperson", "RUS", "2020-01-01", True),
    ],
)
def test_dated_roles(person_id: str, role: str, org: str, when: str, expected: bool) -> None:
    assert holds(person_id, role, org, dt.date.fromisoformat(when)) is expected


@pytest.mark.parametrize(
    ("person_id", "variant"),
    [
        ("per.volodymyr_zelensky", "Zelenskyy"),
        ("per.volodymyr_zelensky", "Zelenskiy"),
        ("per.sergey_lavrov", "Sergei Lavrov"),
        ("per.joko_widodo", "Jokowi"),
        ("per.retno_marsudi", "Retno L.P. Marsudi"),
        ("per.prabowo_subianto", "Prabowo"),
        ("per.antony_blinken", "Blinken"),
        ("per.ahmed_al_sharaa", "Abu Mohammed al-Jolani"),
    ],
)
def test_name_variants(person_id: str, variant: str) -> None:
    assert variant in by_id()[person_id]["names"]


def test_misspellings_and_common_surnames_are_not_aliases() -> None:
    everything = {name for person in persons() for name in person["names"]}
    assert "Anthony Blinken" not in everything
    assert not everything & {"Kim", "Lee", "Li", "Wang", "Khan", "Ali", "Park", "Hun"}


def test_aliases_carry_no_title() -> None:
    """A title inside an alias ("Menlu Retno") would swallow the role word the role-phrase finder needs."""
    titled = [name for person in persons() for name in person["names"] if name.split()[0] in TITLE_WORDS]
    assert titled == []


def test_knowledge_base_loads_the_file_and_dates_roles() -> None:
    kb = KnowledgeBase.load(DATA_DIR / "actors")
    lavrov = kb.persons["per.sergey_lavrov"]
    assert [e.key for e in kb.lookup("Lavrov")] == ["per.sergey_lavrov"]
    assert roles_on(lavrov, dt.date(2022, 3, 4))[0].org == "RUS"
    stoltenberg = kb.persons["per.jens_stoltenberg"]
    assert [r.org for r in roles_on(stoltenberg, dt.date(2012, 1, 1))] == ["NOR"]
