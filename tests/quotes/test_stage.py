"""Unit tests on hand-built documents: the actors layers win and spans are exact."""

from __future__ import annotations

from peristiwa.model import Entity, Mention, Reference
from peristiwa.stages.quotes import QuotesStage, make_stage
from tests.quotes.helpers import find, run

TEXT = (
    "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Wang Yi di Beijing. "
    "“Kami sepakat menolak sanksi sepihak,” kata sang menlu kepada wartawan."
)


def _lavrov() -> Entity:
    start = TEXT.index("Sergey Lavrov")
    mention = Mention(start, start + 13, "Sergey Lavrov")
    return Entity("e1", "Sergey Lavrov", "PER", actor="RUS", mentions=[mention])


def _wang() -> Entity:
    start = TEXT.index("Wang Yi")
    return Entity("e2", "Wang Yi", "PER", actor="CHN", mentions=[Mention(start, start + 7, "Wang Yi")])


def test_make_stage_returns_a_quotes_stage() -> None:
    from peristiwa.settings import Settings

    assert isinstance(make_stage(Settings()), QuotesStage)


def test_reference_from_actors_stage_gives_entity_name_and_id() -> None:
    start = TEXT.index("sang menlu")
    ref = Reference(start, start + 10, "sang menlu", "e2", "role")  # deliberately the other minister
    quote = find(run(TEXT, [_lavrov(), _wang()], [ref]), "Kami sepakat")
    assert quote is not None
    assert (quote.speaker, quote.speaker_id) == ("Wang Yi", "e2")
    assert quote.speaker_span is not None and quote.speaker_span.text == "sang menlu"


def test_role_anaphor_without_reference_takes_speaker_in_focus() -> None:
    quote = find(run(TEXT, [_lavrov(), _wang()]), "Kami sepakat")
    assert quote is not None and (quote.speaker, quote.speaker_id) == ("Sergey Lavrov", "e1")
    assert quote.addressee == "wartawan" and quote.cue == "kata"


def test_mention_inside_speaker_phrase_prefers_the_person() -> None:
    text = "“Kami menolak,” ujar juru bicara Kremlin Dmitry Peskov."
    at = text.index("Kremlin")
    kremlin = Entity("k", "Kremlin", "ORG", mentions=[Mention(at, at + 7, "Kremlin")])
    peskov_at = text.index("Dmitry Peskov")
    mention = Mention(peskov_at, peskov_at + 13, "Dmitry Peskov")
    peskov = Entity("p", "Dmitry Peskov", "PER", mentions=[mention])
    assert run(text, [kremlin, peskov]).quotes[0].speaker_id == "p"


def test_unknown_speaker_keeps_surface_and_null_id() -> None:
    quote = run("“Kami tidak takut,” kata Min Aung Hlaing.").quotes[0]
    assert (quote.speaker, quote.speaker_id) == ("Min Aung Hlaing", None)


def test_no_speaker_at_all_is_null() -> None:
    assert run("“Perang harus berakhir.”").quotes[0].speaker is None


def test_spans_are_exact_and_marks_excluded() -> None:
    doc = run('Ia berkata, "Kami menolak." Lalu “ASEAN,” katanya, “harus bertindak.”')
    assert [q.text for q in doc.quotes] == ["Kami menolak.", "ASEAN", "harus bertindak."]
    assert all(doc.text[q.start : q.end] == q.text for q in doc.quotes)


def test_unclosed_quote_runs_to_paragraph_end_and_continues() -> None:
    doc = run("Guterres berkata: “Ini bencana.\n\n“Kita harus bertindak,” ujarnya.\n\nLalu ia pergi.")
    assert [q.text for q in doc.quotes] == ["Ini bencana.", "Kita harus bertindak"]
    assert {q.speaker for q in doc.quotes} == {"Guterres"}


def test_reported_clause_ends_at_new_clause() -> None:
    doc = run("Retno mengatakan Indonesia siap membantu, menekankan pentingnya dialog.")
    assert doc.quotes[0].text == "Indonesia siap membantu"


def test_empty_document() -> None:
    assert run("").quotes == []


def test_a_sentence_ending_in_a_naming_word_does_not_hide_the_next_quotation() -> None:
    from peristiwa.settings import Settings
    from peristiwa.stages.quotes.lexicon import load_lexicon
    from peristiwa.stages.quotes.marks import find_quoted

    text = (
        'Jay Tarriela mengatakan insiden itu membahayakan nyawa awak kapal. "Tindakan ini berbahaya," '
        'ujar Tarriela. Kapal "Sierra Madre" kandas di sana.'
    )
    quoted = [text[s.start : s.end] for s in find_quoted(text, load_lexicon(Settings().data_dir))]
    assert quoted == ["Tindakan ini berbahaya"]


def test_two_entities_claiming_the_same_words_do_not_stop_the_stage() -> None:
    # Found on the benchmark corpus: 64 of 300 articles lost their quotes to a TypeError when two entities
    # held a mention with the same offsets (sorting fell through to comparing the entities).
    start = TEXT.index("Wang Yi")
    twin = Entity("e3", "Wang Yi", "ORG", mentions=[Mention(start, start + 7, "Wang Yi")])
    assert find(run(TEXT, [_lavrov(), _wang(), twin]), "Kami sepakat") is not None


def _entity(text: str, key: str, name: str, kind: str, surface: str | None = None) -> Entity:
    """An entity with every mention of `surface` (default: the name) in `text`."""
    surface = surface or name
    mentions, at = [], text.find(surface)
    while at >= 0:
        mentions.append(Mention(at, at + len(surface), surface))
        at = text.find(surface, at + 1)
    return Entity(key, name, kind, mentions=mentions)


MINISTRY = (
    "Kementerian Pertahanan Azerbaijan mengumumkan operasi di Karabakh. "
    "Kementerian menyatakan bahwa pihaknya telah memberi tahu pasukan Rusia. "
    "Mereka mengklaim bahwa operasi itu sah. "
    "“Operasi ini akan berakhir segera,” kata pernyataan itu."
)


def test_bare_head_noun_and_plural_pronoun_and_statement_take_the_ministry_named_before() -> None:
    ministry = _entity(MINISTRY, "m", "Kementerian Pertahanan Azerbaijan", "ORG")
    doc = run(MINISTRY, [ministry])
    for start in ("pihaknya telah memberi", "operasi itu sah", "Operasi ini akan"):
        quote = find(doc, start)
        assert quote is not None and quote.speaker_id == "m", start


def test_unnamed_sources_are_unattributed_even_beside_a_state() -> None:
    text = (
        "India menerima nota verbal itu. Sumber di pemerintahan India mengonfirmasi bahwa mereka telah "
        "menerima nota tersebut. Pengunjuk rasa mengatakan mereka tidak hanya berjuang untuk pemilu."
    )
    doc = run(text, [_entity(text, "i", "India", "GPE")])
    assert [q.speaker for q in doc.quotes] == [None, None]


def test_a_sentence_subject_that_names_no_entity_gives_no_speaker() -> None:
    text = "Konsensus tersebut menyerukan “penghentian segera kekerasan” di Myanmar."
    event = _entity(text, "k", "Konsensus Lima Poin", "EVENT", "Konsensus")
    assert [q.speaker for q in run(text, [event]).quotes] == [None]


def test_a_person_named_inside_a_quotation_does_not_take_the_clitic() -> None:
    text = (
        "Menteri Keuangan AS Scott Bessent mengumumkan sanksi baru. “Kami siap mendukung upaya Presiden "
        "Donald Trump,” katanya. Ia juga menyebut bahwa pertemuan di Alaska menjadi titik balik."
    )
    bessent, trump = _entity(text, "b", "Scott Bessent", "PER"), _entity(text, "t", "Donald Trump", "PER")
    nya, ia = text.index("nya."), text.index("Ia juga")
    wrong = [Reference(nya, nya + 3, "nya", "t", "pronoun"), Reference(ia, ia + 2, "Ia", "t", "pronoun")]
    doc = run(text, [bessent, trump], wrong)  # the actors stage's coreference, blind to quotation marks
    assert [q.speaker_id for q in doc.quotes] == ["b", "b"]


def test_the_speaker_is_named_as_the_article_writes_it_and_a_news_agency_beats_its_country() -> None:
    text = "Militer Kongo mengatakan telah menyerang basis M23. Kantor berita Perancis AFP mengatakan M23 membantah."
    congo = Entity(
        "c",
        "Republik Demokratik Kongo",
        "GPE",
        actor="COD",
        mentions=[Mention(text.index("Kongo"), text.index("Kongo") + 5, "Kongo")],
    )
    france = _entity(text, "f", "Prancis", "GPE", "Perancis")
    afp = Entity("a", "AFP", "ORG", sector="MEDIA", mentions=[Mention(text.index("AFP"), text.index("AFP") + 3, "AFP")])
    doc = run(text, [congo, france, afp])
    assert [(q.speaker, q.speaker_id) for q in doc.quotes] == [("Kongo", "c"), ("AFP", "a")]


def test_an_anaphoric_unnamed_source_and_a_report_after_an_unnamed_one_stay_unattributed() -> None:
    text = (
        "Keempat orang asing itu diminta meninggalkan negara itu, lapor media pemerintah. "
        "Kyaw Tint Swe akan dibebaskan, menurut laporan itu. Rashad juga berdiskusi dengan Qatar, tambah sumber "
        "tersebut."
    )
    assert [q.speaker for q in run(text).quotes] == [None, None, None]
