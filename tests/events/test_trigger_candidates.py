"""scripts/trigger_candidates.py: candidate triggers the lexicon lacks, found next to actors and grouped by root."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from peristiwa.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
IRREGULAR = {"me+bom": "mengebom"}


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("trigger_candidates", ROOT / "scripts" / "trigger_candidates.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


@pytest.mark.parametrize(
    ("word", "analysis"),
    [
        ("ditabrak", ("tabrak", "di")),
        ("menyerbu", ("serbu", "me")),
        ("perundingan", ("runding", "per-an")),
        ("pengusiran", ("usir", "pe-an")),
        ("mengebom", ("bom", "me")),
    ],
)
def test_reverse_morphology_finds_the_root(word: str, analysis: tuple[str, str]) -> None:
    assert analysis in TOOL.analyses(word, IRREGULAR)


def test_the_best_attested_family_wins() -> None:
    vocabulary = Counter({"pernyataan": 3, "menyatakan": 2, "nyata": 1})
    assert TOOL.root_guess("pernyataan", vocabulary, {}, IRREGULAR) == ("nyata", "per-an")


def test_an_unknown_verb_between_two_actors_is_a_candidate_and_a_known_one_is_not() -> None:
    text = TOOL.Text(
        "ramming.txt",
        (
            "JAKARTA - Kapal penjaga pantai China menjegal kapal nelayan Vietnam di dekat Kepulauan Paracel, "
            "kata Kementerian Luar Negeri Vietnam pada Senin.\n\n"
            "Vietnam mengecam China atas insiden tersebut.\n"
        ),
        [{"type": "COERCE", "evidence": "menjegal kapal nelayan Vietnam"}],
    )
    found, vocabulary = TOOL.mine([text], window=6)
    words = {o.word: o for o in found}
    assert "menjegal" in words and "mengecam" not in words
    assert words["menjegal"].between and words["menjegal"].gold_types == ("COERCE",)
    rows = [TOOL.describe(f, {}) for f in TOOL.families(found, vocabulary, Settings().data_dir, 2)]
    jegal = next(r for r in rows if r["root"] == "jegal")
    assert jegal["gold"] == {"COERCE": 1} and "«menjegal»" in jegal["examples"][0]["text"]
    json.dumps(rows)  # the --json listing is plain JSON


def test_the_blind_test_set_is_refused() -> None:
    with pytest.raises(SystemExit):
        TOOL.refuse_blind(ROOT / "corpus" / "blind" / "raw")


def test_dataset_sentences_are_read_whole(tmp_path: Path) -> None:
    conllu = tmp_path / "x.conllu"
    conllu.write_text("# sent_id = 1\n# text = Rusia menyerang Ukraina.\n1\tRusia\n\n", encoding="utf-8")
    tokens = tmp_path / "x.txt"
    tokens.write_text("Rusia\tB-GPE\nmenyerang\tO\n(\tO\nUkraina\tB-GPE\n)\tO\n.\tO\n\n", encoding="utf-8")
    assert list(TOOL.conllu_sentences(conllu)) == ["Rusia menyerang Ukraina."]
    assert list(TOOL.token_file_sentences(tokens)) == ["Rusia menyerang (Ukraina)."]


def test_forms_of_a_lexicon_root_that_no_entry_generates_are_listed() -> None:
    entries = [
        {"id": "accuse.kecam", "type": "ACCUSE", "root": "kecam", "affixes": ["me", "-an"]},
        {"id": "accuse.kecaman", "type": "ACCUSE", "nouns": ["pengecaman"]},  # read as kecam: the same family
        {"id": "assault.invasi", "type": "ASSAULT", "words": ["menginvasi"], "nouns": ["invasi"]},
        {"id": "support.akui", "type": "SUPPORT", "root": "aku", "affixes": ["me-i"]},
        {"id": "x.kaku", "type": "REJECT", "root": "kaku", "affixes": ["me"]},  # "mengaku" is also meN- + kaku
    ]
    vocabulary = Counter({"mengecam": 5, "kecaman": 4, "dikecam": 3, "pengecaman": 1, "diinvasi": 2, "mengaku": 6})
    near = Counter({"dikecam": 2})
    rows = {r["root"]: r for r in TOOL.inflection_gaps(entries, vocabulary, near, IRREGULAR)}
    kecam = rows["kecam"]
    assert [(m["form"], m["affix"], m["count"], m["near"]) for m in kecam["missing"]] == [("dikecam", "di", 3, 2)]
    assert {e["id"] for e in kecam["entries"]} == {"accuse.kecam", "accuse.kecaman"}
    assert [m["form"] for m in rows["invasi"]["missing"]] == ["diinvasi"]  # the root read from "menginvasi"
    aku = {m["form"]: m for m in rows["aku"]["missing"]}
    assert aku["mengaku"]["claimed"] == ["x.kaku"] and rows["aku"]["count"] == 0  # a claimed form is not counted
    assert "dikecam (di) 3 in the texts, 2 next to actors" in TOOL.render_gap(kecam)


def test_a_reduplicated_plural_of_a_known_noun_is_a_candidate_of_its_family() -> None:
    text = TOOL.Text("plural.txt", "Rusia menolak kecaman-kecaman keras Ukraina pada Rabu.\n")
    found, vocabulary = TOOL.mine([text], window=6)
    assert TOOL.singular("sanksi-sanksi") == "sanksi" and TOOL.singular("undang-undang") == "undang"
    assert TOOL.singular("kerja-sama") == "kerja-sama"
    rows = [
        TOOL.describe(f, TOOL.lexicon_roots(Settings().data_dir))
        for f in TOOL.families(found, vocabulary, Settings().data_dir, 2)
    ]
    kecam = next(r for r in rows if r["root"] == "kecam")
    assert kecam["forms"][0] == {"form": "kecaman-kecaman", "count": 1, "affix": "-an reduplicated"}
    assert kecam["lexicon"][0]["id"] == "accuse.kecam" and kecam["missing_affixes"] == ["-an reduplicated"]
