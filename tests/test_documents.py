"""The document pack, the reader's organiser and the learner's own corroboration."""

from __future__ import annotations

import html
import json
import re

import pytest

import lesson_lib
from lesson_lib.checks.progress import progress_path
from lesson_lib.sources.documents import ORGANISER, CorroborationTask, DocumentReader, document_html
from lesson_lib.sources.sourcing import independent_sources


@pytest.fixture(scope="module")
def pack():
    return lesson_lib.load_documents()


def test_the_pack_spans_every_side_and_every_era(pack):
    assert len(pack) >= 26
    assert pack["perspective"].nunique() >= 8
    assert {"minsk_officials", "moscow", "nato", "eu", "un", "neighbours", "ukraine", "society",
            "analysts"} <= set(pack["perspective"])
    eras = lesson_lib.load_eras()
    for era in eras[eras["end"].dt.year >= 1994].itertuples():
        inside = pack[pack["date"].between(era.start, era.end)]
        assert len(inside) >= 1, f"no document in the era {era.era_id}"


def test_moscow_speaks_in_its_own_words_in_2014_2016_and_2020_2022(pack):
    moscow = pack[pack["perspective"] == "moscow"]
    years = set(moscow["date"].dt.year)
    assert years & {2014, 2015, 2016} and years & {2020, 2021, 2022}
    urls = lesson_lib.load_sources().set_index("source_id")["url"]
    own = {d.date.year for d in moscow.itertuples() if "kremlin.ru" in str(urls[d.source_ids[0]])}
    assert own & {2014, 2015, 2016} and own & {2021, 2022}


def test_excerpts_keep_to_their_publishers_terms(pack):
    terms = lesson_lib.load_reuse_terms().set_index("reuse_id")
    from lesson_lib.schema_rules import count_sentences
    long_ones = 0
    for doc in pack.itertuples():
        words = len(doc.excerpt.split())
        if bool(terms.loc[doc.reuse_id, "long_excerpts"]):
            assert words <= 260, doc.document_id
            long_ones += words >= 100
        else:
            assert count_sentences(doc.excerpt) <= 2, doc.document_id
        assert " ".join(doc.key_words.split()) in " ".join(doc.excerpt.split()), doc.document_id
        assert doc.adapted.strip() and doc.head_note.strip(), doc.document_id
    assert long_ones >= 8


def test_an_adapted_version_is_the_courses_own_words(pack):
    """No run of eight words of an excerpt comes back in its adapted version."""
    for doc in pack.itertuples():
        words = re.findall(r"[a-z0-9']+", doc.excerpt.lower())
        adapted = " ".join(re.findall(r"[a-z0-9']+", doc.adapted.lower()))
        runs = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
        copied = [run for run in runs if run in adapted]
        assert not copied, f"{doc.document_id}: {copied[:1]}"


def test_key_words_are_a_phrase_or_one_sentence(pack):
    for doc in pack.itertuples():
        inner = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", doc.key_words.strip())
        assert len(inner) == 1, f"{doc.document_id}: more than one sentence"


def test_every_document_cites_an_addressable_source(pack):
    sources = lesson_lib.load_sources().set_index("source_id")
    for doc in pack.itertuples():
        first = sources.loc[doc.source_ids[0]]
        assert isinstance(first["url"], str) and first["url"].startswith("http"), doc.document_id


def test_a_translated_document_says_who_translated_it(pack):
    for doc in pack.itertuples():
        if not doc.language.startswith("English (original"):
            assert doc.translation != "original", doc.document_id


def test_document_html_shows_the_excerpt_beside_its_adapted_version_and_escapes(pack):
    doc = next(pack.itertuples())
    page = document_html(doc._replace(adapted="<script>x</script>", head_note="A & B"),
                         lesson_lib.load_sources(), lesson_lib.load_reuse_terms())
    assert "<script>" not in page and "&lt;script&gt;" in page and "A &amp; B" in page
    assert page.index("The words as published") < page.index("Adapted by the course")
    assert f"<mark>{html.escape(' '.join(doc.key_words.split()))}</mark>" in page
    assert "Words to know" in page and "Quoted" in page


def test_a_two_sentence_excerpt_says_why_it_is_short(pack):
    short = pack[pack["reuse_id"] == "none"].iloc[0]
    page = document_html(next(pack[pack["document_id"] == short["document_id"]].itertuples()),
                         lesson_lib.load_sources(), lesson_lib.load_reuse_terms())
    assert "at most two sentences" in page


def test_the_reading_is_revealed_only_after_the_learner_writes():
    reader = DocumentReader(save=False)
    reader.reveal()
    assert "The course's reading" not in reader.reading.value
    reader.fields["close_reading"].value = "The words 'what everyone wanted'"
    reader.reveal()
    assert "The course's reading" in reader.reading.value
    reader.next.click()
    assert reader.position == 1 and reader.reading.value == ""
    assert all(field.value == "" for field in reader.fields.values())


def test_notes_are_saved_with_progress_and_come_back():
    reader = DocumentReader()
    reader.go(2)
    reader.fields["sourcing"].value = "NATO's leaders, agreed text"
    stored = json.loads(progress_path().read_text("utf-8"))
    key = f"document:{reader.document.document_id}:sourcing"
    assert stored["notes"]["01"][key]["text"] == "NATO's leaders, agreed text"
    again = DocumentReader()
    again.go(2)
    assert again.fields["sourcing"].value == "NATO's leaders, agreed text"
    again.go(3)
    assert again.fields["sourcing"].value == ""


def test_notes_and_self_check_answers_share_the_file_without_loss():
    reader = DocumentReader()
    quiz = lesson_lib.Quiz("01")
    reader.fields["context"].value = "after the Minsk summit"
    quiz.hint(0)
    reader.fields["sourcing"].value = "Lukashenko on Russian TV"
    stored = json.loads(progress_path().read_text("utf-8"))
    assert stored["lessons"]["01"]["q01_publisher"]["hints"] == 1
    assert len(stored["notes"]["01"]) == 2


def test_the_organiser_asks_the_four_historians_questions():
    assert list(ORGANISER) == ["sourcing", "context", "corroboration", "close_reading"]


def test_independent_sources_count_a_reprint_once_and_never_the_article():
    sources = lesson_lib.load_sources().copy()
    sources.loc[sources.source_id == "rferl_2016_07_08_warsaw_summit_liveblog",
                "reprint_of"] = "defensenews_2016_07_08_rotational_battalions"
    cited = ["rferl_2016_07_08_warsaw_summit_liveblog",
             "defensenews_2016_07_08_rotational_battalions", lesson_lib.ARTICLE_SOURCE_ID]
    assert independent_sources(cited, sources) == ["defensenews_2016_07_08_rotational_battalions"]


def test_corroboration_task_counts_and_reveals_after_judging():
    task = CorroborationTask("armenia_invited", save=False)
    task.reveal()
    assert "first" in task.answer.value
    event = "event:armenia_sargsyan_warsaw_summit_2016"
    task.evidence.value = (event, "event:nato_warsaw_summit_2016")
    assert set(task.judgements) == {event, "event:nato_warsaw_summit_2016"}
    assert "rests on <b>0</b> independent sources" in task.count.value  # nothing judged yet
    task.judgements[event].value = "confirms"
    assert "rests on <b>4</b> independent sources" in task.count.value
    task.judgements["event:nato_warsaw_summit_2016"].value = "context"
    assert "rests on <b>4</b> independent sources" in task.count.value  # context: not counted
    assert "Who stands behind it" in task.judgement_box.children[0].children[0].value
    task.reveal()
    assert "confirmed by other sources" in task.answer.value
    task.evidence.value = (event,)
    assert list(task.judgements) == [event]


def test_a_claim_with_rival_readings_shows_them():
    task = CorroborationTask("two_chairs_message", save=False)
    task.evidence.value = (task.evidence.options[0][1],)
    task.judgements[task.evidence.options[0][1]].value = "context"
    task.reveal()
    assert "Other readings of the same facts" in task.answer.value
    assert "Afghanistan" in task.answer.value


def test_the_contact_point_claim_shows_indirect_evidence_labelled_as_such():
    task = CorroborationTask("latvia_nato_contact_point", save=False)
    task.evidence.value = (task.evidence.options[0][1],)
    task.judgements[task.evidence.options[0][1]].value = "context"
    task.reveal()
    assert "context, not proof" in task.answer.value and "estemb.ru" in task.answer.value


def test_an_unknown_claim_is_a_teaching_error():
    with pytest.raises(lesson_lib.LessonError, match='"claim_id"'):
        CorroborationTask("no_such_claim", save=False)


def test_changing_the_claim_starts_the_judgements_afresh():
    task = CorroborationTask("armenia_invited", save=False)
    task.evidence.value = ("event:nato_warsaw_summit_2016",)
    task.judgements["event:nato_warsaw_summit_2016"].value = "confirms"
    task.claim.value = "two_chairs_message"
    assert all(box.value == "" for box in task.judgements.values())


def test_the_reader_opens_on_the_document_a_lesson_names():
    reader = DocumentReader(first="makei_washington_post_interview", save=False)
    assert reader.document.document_id == "makei_washington_post_interview"
    assert "friends with everybody" in reader.header.value
    with pytest.raises(lesson_lib.LessonError, match="makei_washington_post_interview"):
        DocumentReader(first="makei_2015", save=False)


def test_the_chosen_evidence_comes_back_with_its_judgements_after_a_reload():
    task = CorroborationTask("armenia_invited")
    task.evidence.value = ("event:nato_warsaw_summit_2016", "document:nato_warsaw_communique")
    task.judgements["event:nato_warsaw_summit_2016"].value = "confirms"
    again = CorroborationTask("armenia_invited")
    assert set(again.evidence.value) == {"event:nato_warsaw_summit_2016",
                                         "document:nato_warsaw_communique"}
    assert again.judgements["event:nato_warsaw_summit_2016"].value == "confirms"
    again.claim.value = "two_chairs_message"
    assert again.evidence.value == ()
    again.claim.value = "armenia_invited"
    assert len(again.evidence.value) == 2


def test_corroboration_offers_only_evidence_from_the_articles_years():
    task = CorroborationTask("armenia_invited", save=False)
    ids = [value for _, value in task.evidence.options]
    assert "document:makei_washington_post_interview" in ids
    assert "document:putin_single_state_offer_2002" not in ids
    assert "document:lukashenko_nuclear_interview" not in ids
