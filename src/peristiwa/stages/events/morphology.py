"""Indonesian affixation: generate the surface forms of a root for the affix classes a lexicon entry lists.

Only the regular meN-/peN- nasal assimilation lives here; irregular forms (bekerja, mengebom …) are data
(`data/events/morphology.yaml`), so the lexicon can list a root once and still match every affixed form.
"""

from __future__ import annotations

from collections.abc import Iterable

VOWELS = "aeiou"
CLUSTERS = ("pr", "pl", "tr", "kr", "kl", "sk", "sp", "st", "sw")  # initials that do not drop after meN-


def nasal_prefix(stem: str, base: str) -> str:
    """Attach meN- (base "me") or peN- (base "pe") to a stem with the standard assimilation rules."""
    first = stem[:1]
    keeps = stem.startswith(CLUSTERS)
    if first in "lmnrwy" or stem.startswith(("ng", "ny")):
        return base + stem
    if first in "bfv":
        return base + "m" + stem
    if first == "p":
        return base + "m" + (stem if keeps else stem[1:])
    if first in "dcjz":
        return base + "n" + stem
    if first == "t":
        return base + "n" + (stem if keeps else stem[1:])
    if first == "s":
        return base + ("n" + stem if keeps else "ny" + stem[1:])
    if first == "k":
        return base + "ng" + (stem if keeps else stem[1:])
    return base + "ng" + stem  # vowels, g, h


def ber_prefix(stem: str) -> str:
    """ber- loses its r before a root in r- (be+rapat) and before a first syllable ending in -er."""
    if stem.startswith("r") or (stem[1:3] == "er" and stem[:1] not in VOWELS):
        return "be" + stem
    return "ber" + stem


def per_prefix(stem: str) -> str:
    """per- merges with a root in r- (per+runding → perundingan)."""
    return "pe" + stem if stem.startswith("r") else "per" + stem


AFFIXES: dict[str, str] = {
    # class name → template; {N} nasal me-, {P} nasal pe-, {R} the bare root
    "bare": "{R}",
    "me": "{N}",
    "me-kan": "{N}kan",
    "me-i": "{N}i",
    "memper-kan": "memper{R}kan",
    "memper-i": "memper{R}i",
    "di": "di{R}",
    "di-kan": "di{R}kan",
    "di-i": "di{R}i",
    "diper-kan": "diper{R}kan",
    "ter": "ter{R}",
    "ber": "{B}",
    "ber-an": "{B}an",
    "-an": "{R}an",
    "pe-an": "{P}an",
    "per-an": "{Q}an",
    "ke-an": "ke{R}an",
}


def inflect(root: str, affix: str) -> str:
    """One surface form of `root` with the affix class `affix` (a key of AFFIXES)."""
    template = AFFIXES[affix]
    return (
        template.replace("{N}", nasal_prefix(root, "me"))
        .replace("{P}", nasal_prefix(root, "pe"))
        .replace("{B}", ber_prefix(root))
        .replace("{Q}", per_prefix(root))
        .replace("{R}", root)
    )


def forms(root: str, affixes: Iterable[str], irregular: dict[str, str] | None = None) -> set[str]:
    """All surface forms of a root; `irregular` maps "affix+root" to the form actually used."""
    irregular = irregular or {}
    return {irregular.get(f"{affix}+{root}", inflect(root, affix)) for affix in affixes}
