"""Generate a realistic benchmark corpus of Indonesian news articles (JSON Lines, one article a line).

    .venv/bin/python benchmarks/corpus.py --articles 20000 -o /tmp/corpus.jsonl [--seed 7]

How an article is built (deterministic for a given --seed):
1. Sentences: every `# text =` line of the Universal Dependencies Indonesian treebanks in ../shared/data
   (GSD dev+test, CSUI train+test, PUD test: ~6,300 real sentences, mostly news and Wikipedia), in file
   order (the treebanks are not all in document order, so an article's topic drifts as real ones don't).
2. Body: a target length drawn uniformly from 300–900 words; sentences are taken consecutively from a
   random starting point while they fit in it (bodies come out 300–900 words less at most one sentence,
   mean ~590), grouped into paragraphs of 1–4 sentences. About one
   sentence in seven is turned into an attributed quotation (“…,” kata NAME. / NAME mengatakan, “…”) with
   a speaker from a short list of real public figures, so the quotes stage has work like in the seeds.
3. Noise of the kinds the five seed articles carry, each added with its own probability: a title line,
   a reporter line ("Laporan: …"), a dateline opening the first paragraph ("Brussel –", "JAKARTA, KOMPAS.com
   -"), a publication-date line, "Baca juga:" links, a photo caption and credit, a "–––" separator with a
   contributors line, share widgets, section headings (BERITALAINNYA), a cookie notice and its button, and
   gambling spam ("Posted By : togel …").
4. Container metadata: url, outlet and a publication date in 2015–2022, as a JSONL export would carry.
With ~6,300 sentences, a 20,000-article corpus reuses each sentence many times, in different articles,
positions and neighbourhoods; every article's text (and so its id) is distinct.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TREEBANKS = ("ud_indonesian_gsd", "ud_indonesian_csui", "ud_indonesian_pud")
SPEAKERS = (
    "Retno Marsudi",
    "Jens Stoltenberg",
    "Sergei Lavrov",
    "Joko Widodo",
    "Antonio Guterres",
    "Prabowo Subianto",
    "Wang Yi",
    "Antony Blinken",
)
CUES = ("kata", "ujar", "tutur", "ungkap", "tegas")
DATELINES = ("Brussel –", "JAKARTA, KOMPAS.com -", "Moskow (ANTARA) -", "Jenewa –", "WASHINGTON, KOMPAS.com -")
OUTLETS = ("kompas.com", "antaranews.com", "voaindonesia.com", "tempo.co", "rbth.com")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def load_sentences(data: Path = SHARED_DATA) -> list[str]:
    """The raw text of every treebank sentence, in file order."""
    sentences = []
    for conllu in sorted(p for bank in TREEBANKS for p in (data / bank).glob("*.conllu")):
        for line in conllu.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sentences.append(line.removeprefix("# text = ").strip())
    if not sentences:
        raise SystemExit(f"no treebank sentences under {data}; pass --data with the shared/data folder")
    return sentences


def _quoted(sentence: str, rng: random.Random) -> str:
    body, speaker, cue = sentence.rstrip(".!? "), rng.choice(SPEAKERS), rng.choice(CUES)
    if rng.random() < 0.5:
        return f"“{body},” {cue} {speaker}."
    return f"{speaker} mengatakan, “{body}.”"


def _body(sentences: list[str], rng: random.Random) -> list[str]:
    target, words, paragraphs = rng.randint(300, 900), 0, []
    i = rng.randrange(len(sentences))
    while words < target:
        chunk: list[str] = []
        for _ in range(rng.randint(1, 4)):
            sentence = sentences[i % len(sentences)]
            sentence = _quoted(sentence, rng) if rng.random() < 1 / 7 else sentence
            i += 1
            if words and words + len(sentence.split()) > target:
                words = target  # the next sentence would overshoot the drawn length: the body ends here
                break
            chunk.append(sentence)
            words += len(sentence.split())
        if chunk:
            paragraphs.append(" ".join(chunk))
    return paragraphs


def _published_line(day: dt.date, rng: random.Random) -> str:
    return (
        f"{DAYS[day.weekday()]}, {day.day:02d} {MONTHS[day.month - 1]} {day.year} | {rng.randint(6, 22):02d}:"
        f"{rng.randint(0, 59):02d} WIB"
    )


def _with_noise(paragraphs: list[str], title: str, day: dt.date, rng: random.Random) -> list[str]:
    lines = list(paragraphs)
    if rng.random() < 0.6:
        lines[0] = f"{rng.choice(DATELINES)} {lines[0]}"
    if rng.random() < 0.5:
        lines.insert(min(2, len(lines)), f"Baca juga: {rng.choice(paragraphs)[:70].rstrip()}")
    if rng.random() < 0.3:
        lines.insert(1, f"Ilustrasi pertemuan para menteri. (Foto: ANTARA/{rng.choice(SPEAKERS).split()[-1]})")
    head = [title, ""]
    if rng.random() < 0.4:
        head += [f"Laporan: {rng.choice(SPEAKERS)}", ""]
    if rng.random() < 0.5:
        head += [_published_line(day, rng), ""]
    tail = []
    if rng.random() < 0.3:
        tail += ["–––", f"{rng.choice(SPEAKERS)} di Jakarta berkontribusi pada laporan ini."]
    if rng.random() < 0.3:
        tail += ["Bagikan: Facebook Twitter WhatsApp"]
    if rng.random() < 0.2:
        tail += ["", "BERITALAINNYA", "BERITATERKINI"]
    if rng.random() < 0.2:
        tail += ["", "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.", "", "Terima kuki"]
    if rng.random() < 0.1:
        tail += ["Posted By : togel hongkong malam ini"]
    return head + lines + tail


def build_articles(count: int, seed: int = 7, data: Path = SHARED_DATA) -> Iterator[dict[str, str]]:
    """`count` articles as JSONL records: text, url, outlet, published."""
    sentences, rng = load_sentences(data), random.Random(seed)
    for number in range(count):
        paragraphs = _body(sentences, rng)
        title = " ".join(paragraphs[0].split()[: rng.randint(6, 12)]).rstrip(",.;:")
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        text = "\n".join(_with_noise(paragraphs, title, day, rng)) + f"\n(Artikel uji {seed}-{number})"
        outlet = rng.choice(OUTLETS)
        yield {
            "text": text,
            "url": f"https://{outlet}/berita/{seed}/{number}",
            "outlet": outlet,
            "published": day.isoformat(),
        }


def write_corpus(path: Path, count: int, seed: int = 7, data: Path = SHARED_DATA) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for article in build_articles(count, seed, data):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared/data folder")
    args = parser.parse_args()
    write_corpus(args.output, args.articles, args.seed, args.data)
    print(f"{args.articles} articles written to {args.output}")


if __name__ == "__main__":
    main()
