"""Every kind of bad input in a data file gives a teaching error naming file, line and column."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.__main__ import main
from lesson_lib.cross_table_rules import check_references
from lesson_lib.schema import load_schema
from lesson_lib.table_parser import parse_table

HEADER = ("source_id,title,title_language,publisher,published,published_precision,url,kind,"
          "reliability,reprint_of,reliability_note\n")
GOOD = "a_source_2016,A title,,An outlet,2016-07-25,day,https://example.org/a,analysis,research,,\n"


def problems_for(data_copy, content: str | bytes) -> LessonError:
    """Write sources.csv in the teacher's copy and return the error checking it raises."""
    target = data_copy / "sources.csv"
    if isinstance(content, str):
        target.write_text(content, "utf-8")
    else:
        target.write_bytes(content)
    with pytest.raises(LessonError) as caught:
        lesson_lib.check_folder(data_copy)
    return caught.value


def only(error: LessonError):
    assert len(error.problems) == 1, error
    return error.problems[0]


def test_shipped_data_passes_the_check():
    counts = lesson_lib.check_folder()
    assert set(counts) == set(lesson_lib.table_names())


def test_missing_column(data_copy):
    problem = only(problems_for(data_copy, HEADER.replace(",kind", "")
                                + GOOD.replace(",analysis", "")))
    assert problem.column == "kind" and problem.line == 1
    assert "column is missing" in str(problem)


def test_misspelled_column_suggests_the_right_name(data_copy):
    error = problems_for(data_copy, HEADER.replace("title", "titel") + GOOD)
    assert 'did you mean "title"' in str(error)
    assert "sources.csv, line 1" in str(error)


def test_empty_required_field(data_copy):
    problem = only(problems_for(data_copy, HEADER + GOOD.replace("A title", "")))
    assert (problem.line, problem.column) == (2, "title")
    assert "required but empty" in str(problem)


@pytest.mark.parametrize("date, message", [
    ("25/07/2016", "not a date written YYYY-MM-DD"),
    ("2016-02-30", "not a real calendar date"),
    ("1850-01-01", "outside the range"),
])
def test_bad_dates(data_copy, date, message):
    problem = only(problems_for(data_copy, HEADER + GOOD.replace("2016-07-25", date)))
    assert (problem.line, problem.column, problem.found) == (2, "published", date)
    assert message in str(problem) and "YYYY-MM-DD" in str(problem)


def test_date_more_exact_than_its_precision(data_copy):
    problem = only(problems_for(data_copy, HEADER + GOOD.replace(",day,", ",month,")))
    assert problem.column == "published" and "1st of the month" in str(problem)


def test_value_outside_the_allowed_list(data_copy):
    problem = only(problems_for(data_copy, HEADER + GOOD.replace("analysis", "analyses")))
    assert problem.column == "kind" and problem.found == "analyses"
    assert 'did you mean "analysis"' in str(problem)
    assert "one of official_document" in str(problem)


def test_duplicate_id_names_both_lines(data_copy):
    problem = only(problems_for(data_copy, HEADER + GOOD + GOOD))
    assert problem.line == 3 and "first used on line 2" in str(problem)


def test_invalid_id_says_what_an_id_looks_like(data_copy):
    problem = only(problems_for(data_copy, HEADER + GOOD.replace("a_source_2016", "A Source")))
    assert "lowercase letters" in str(problem)


def test_file_not_utf8_gives_the_line(data_copy):
    content = (HEADER + GOOD + GOOD.replace("a_source_2016", "b_2016").replace(
        "A title", "Лукашенко")).encode("cp1251")
    problem = only(problems_for(data_copy, content))
    assert problem.line == 3 and "not UTF-8" in str(problem)


def test_a_byte_order_mark_from_excel_is_read_as_utf8(data_copy):
    shipped = (data_copy / "sources.csv").read_bytes()
    (data_copy / "sources.csv").write_bytes(b"\xef\xbb\xbf" + shipped.replace(b"\n", b"\r\n"))
    counts = lesson_lib.check_folder(data_copy)
    lesson_lib.use_data(data_copy)
    sources = lesson_lib.load_sources()
    assert counts["sources"] == len(sources) and sources.columns[0] == "source_id"


@pytest.mark.parametrize("separator, word", [(";", "semicolons"), ("\t", "tabs")])
def test_a_semicolon_or_tab_file_gets_one_problem_with_the_fix(data_copy, separator, word):
    shipped = (data_copy / "sources.csv").read_text("utf-8").splitlines()
    header = shipped[0].replace(",", separator)
    problem = only(problems_for(data_copy, header + "\n" + GOOD.replace(",", separator)))
    assert problem.line == 1 and word in str(problem) and "Save As" in str(problem)


def test_ragged_row_names_the_line_and_the_fix(data_copy):
    content = (HEADER + GOOD
               + "b_2016,A title, with a comma,,Outlet,2016-07-25,day,,analysis,research,,\n")
    problem = only(problems_for(data_copy, content))
    assert problem.line == 3 and "wrong number of fields" in str(problem)
    assert "double quotes" in str(problem)


def test_line_numbers_count_quoted_line_breaks_and_blank_lines(data_copy):
    multi = 'b_2016,"A title\nover two lines",,Outlet,2016-07-25,day,,analysis,research,,\n'
    content = HEADER + GOOD + "\n" + multi + GOOD.replace("a_source_2016", "c_2016").replace(
        "2016-07-25", "2016-13-01")
    problem = only(problems_for(data_copy, content))
    assert problem.line == 6


def test_empty_file(data_copy):
    problem = only(problems_for(data_copy, b""))
    assert "empty" in str(problem) and "source_id" in str(problem)


def test_missing_file(data_copy):
    (data_copy / "sources.csv").unlink()
    with pytest.raises(LessonError, match="missing") as caught:
        lesson_lib.check_folder(data_copy)
    assert str(data_copy / "sources.csv") in str(caught.value)


def test_several_problems_are_reported_together(data_copy):
    content = HEADER + GOOD.replace("analysis", "x") + GOOD.replace("2016-07-25", "2016-02-30")
    error = problems_for(data_copy, content)
    assert len(error.problems) == 3  # bad kind, then the bad date and the duplicate id
    assert str(error).startswith("3 problems:")


SMALL_SCHEMA = {
    "tables": {
        "people": {"file": "people.csv", "key": "person_id", "columns": [
            {"name": "person_id", "type": "id", "required": True},
            {"name": "friends", "type": "id_list", "references": "people"},
        ], "must_be_cited": True},
    }
}


def test_reference_to_unknown_id_names_line_and_suggests():
    spec = SMALL_SCHEMA["tables"]["people"]
    raw = b"person_id,friends\nanna,boris\nboris,anna;borys_x\nclara,anna\n"
    table, problems = parse_table("people", raw, spec, "people.csv")
    assert problems == []
    found = check_references(SMALL_SCHEMA, {"people": table})
    unknown = [p for p in found if p.found == "borys_x"]
    assert unknown and unknown[0].line == 3 and 'did you mean "boris"' in str(unknown[0])
    uncited = [p for p in found if "cites" in p.message]
    assert [p.found for p in uncited] == ["clara"]


def test_id_list_rejects_repeats_and_empty_items():
    spec = SMALL_SCHEMA["tables"]["people"]
    _, problems = parse_table("people", b"person_id,friends\nanna,boris;;boris\n", spec, "p.csv")
    assert problems and problems[0].column == "friends"


def test_schema_itself_is_checked():
    broken = {"tables": {"t": {"file": "t.csv", "key": "id", "columns": [
        {"name": "id", "type": "idd"}]}}}
    with pytest.raises(LessonError, match="unknown column type"):
        load_schema(json.dumps(broken))
    with pytest.raises(LessonError, match="not valid JSON"):
        load_schema("{")


def test_check_command_reports_problems_and_exits_1(data_copy, capsys):
    (data_copy / "sources.csv").write_text(HEADER + GOOD.replace("day", "dya"), "utf-8")
    assert main(["check", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "sources.csv, line 2" in err and "Traceback" not in err


def test_check_command_passes_on_shipped_data(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("OK:")


def test_copy_data_command(tmp_path, capsys):
    assert main(["copy-data", str(tmp_path / "mine")]) == 0
    assert (tmp_path / "mine" / "sources.csv").is_file()
    assert main(["check", str(tmp_path / "mine")]) == 0


def parse(spec: dict, text: str):
    return parse_table("t", text.encode(), spec, "t.csv")


SPAN_SPEC = {"file": "t.csv", "key": "k", "columns": [
    {"name": "k", "type": "id", "required": True},
    {"name": "start", "type": "date", "required": True},
    {"name": "end", "type": "date", "required": True}],
    "rules": [{"rule": "contiguous", "start": "start", "end": "end"}]}


def test_periods_with_a_gap_or_overlap_are_named():
    _, problems = parse(SPAN_SPEC, "k,start,end\na,2000-01-01,2000-12-31\n"
                                   "b,2001-01-05,2001-12-31\nc,2001-12-01,2002-12-31\n")
    assert [(p.line, "gap" in p.message, "overlaps" in p.message) for p in problems] == [
        (3, True, False), (4, False, True)]


def test_near_duplicate_rows_are_named():
    spec = {"file": "t.csv", "key": "k", "columns": [
        {"name": "k", "type": "id", "required": True},
        {"name": "date", "type": "date", "required": True},
        {"name": "title", "type": "string", "required": True}],
        "rules": [{"rule": "no_near_duplicates", "date": "date", "text": "title"}]}
    _, problems = parse(spec, "k,date,title\na,2016-02-15,EU lifts most sanctions\n"
                              "b,2016-02-15,EU lifts most sanctions.\n"
                              "c,2016-02-15,Something else entirely\n")
    assert len(problems) == 1 and problems[0].line == 3 and "line 2" in problems[0].message


def test_required_when_and_flag_requires():
    spec = {"file": "t.csv", "key": "k", "columns": [
        {"name": "k", "type": "id", "required": True},
        {"name": "kind", "type": "category", "values": ["fact", "view"], "required": True},
        {"name": "verdict", "type": "string"},
        {"name": "only_article", "type": "boolean", "required": True},
        {"name": "source_ids", "type": "id_list"}],
        "rules": [{"rule": "required_when", "column": "verdict", "when": "kind", "in": ["fact"]},
                  {"rule": "flag_requires", "flag": "only_article", "column": "source_ids",
                   "value": "the_article"}]}
    _, problems = parse(spec, "k,kind,verdict,only_article,source_ids\n"
                              "a,fact,,false,x\nb,view,,TRUE,x;y\nc,fact,ok,true,the_article\n")
    assert [(p.line, p.column) for p in problems] == [(2, "verdict"), (3, "source_ids")]
    assert "the_article" in str(problems[1])


def test_id_outside_its_allowed_values():
    spec = {"file": "t.csv", "key": "k", "columns": [
        {"name": "k", "type": "id", "required": True, "values": ["nato", "eu"]}]}
    _, problems = parse(spec, "k\nnato\nwarsaw_pact\n")
    assert problems[0].line == 3 and "one of nato, eu" in str(problems[0])


def test_date_outside_its_era_suggests_the_right_one():
    schema = {"tables": {
        "eras": SPAN_SPEC,
        "events": {"file": "e.csv", "key": "event_id", "columns": [
            {"name": "event_id", "type": "id", "required": True},
            {"name": "date", "type": "date", "required": True},
            {"name": "era_id", "type": "id", "required": True, "references": "eras"}],
            "rules": [{"rule": "within", "column": "date", "via": "era_id", "table": "eras",
                       "start": "start", "end": "end"}]}}}
    eras, _ = parse_table("eras", b"k,start,end\nearly,2000-01-01,2009-12-31\n"
                          b"late,2010-01-01,2019-12-31\n", SPAN_SPEC, "eras.csv")
    events, _ = parse_table("events", b"event_id,date,era_id\nx_2012,2012-05-01,early\n",
                            schema["tables"]["events"], "e.csv")
    problems = check_references(schema, {"eras": eras, "events": events})
    assert len(problems) == 1 and problems[0].line == 2 and '"late"' in str(problems[0])


def test_schema_rejects_unknown_rules_and_columns():
    bad = {"tables": {"t": {"file": "t.csv", "key": "k", "columns": [
        {"name": "k", "type": "id"}], "rules": [
        {"rule": "not_before", "column": "k", "other": "missing"}, {"rule": "magic"}]}}}
    with pytest.raises(LessonError) as caught:
        load_schema(json.dumps(bad))
    text = str(caught.value)
    assert "unknown rule" in text and "missing" in text


def test_a_source_nothing_cites_is_named(data_copy):
    uncited = ("never_cited_2016,A title,,An outlet,2016-07-25,day,https://example.org/a,"
               "analysis,research,,\n")
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(uncited)
    problem = only(problems_for(data_copy, (data_copy / "sources.csv").read_bytes()))
    assert "nothing in the course cites this row" in str(problem)
    assert problem.found == "never_cited_2016"


def test_a_dated_glossary_term_without_sources_is_named(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text("utf-8").replace(
        '"Its charter was signed on 7 October 2002.",', '"Its charter was signed in 2002.",', 1)
    lines = text.splitlines()
    csto = next(i for i, line in enumerate(lines) if line.startswith("csto,"))
    fields = next(csv.reader([lines[csto]]))
    fields[5] = ""  # source_ids
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(fields)
    lines[csto] = buffer.getvalue()
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(LessonError) as caught:
        lesson_lib.check_folder(data_copy)
    problem = only(caught.value)
    assert problem.column == "source_ids" and 'required when "dates" is filled' in str(problem)


# ---- checks that stay linear, and data that ties a thing to itself --------------------------

NEAR_SPEC = {"file": "t.csv", "key": "k", "columns": [
    {"name": "k", "type": "id", "required": True},
    {"name": "date", "type": "date", "required": True},
    {"name": "title", "type": "string", "required": True}],
    "rules": [{"rule": "no_near_duplicates", "date": "date", "text": "title"}]}


def test_each_repeat_is_named_once_against_the_first_row():
    rows = "".join(f"k{i},2016-02-15,EU lifts most sanctions\n" for i in range(5))
    _, problems = parse(NEAR_SPEC, "k,date,title\n" + rows +
                        "x,2016-02-15,EU lifts  most SANCTIONS\n"  # spacing and case
                        "y,2016-02-16,EU lifts most sanctions\n")  # another day
    assert [p.line for p in problems] == [3, 4, 5, 6, 7]
    assert all("repeat of line 2" in p.message for p in problems)


def test_the_near_duplicate_check_compares_each_row_with_a_bounded_number(monkeypatch):
    from lesson_lib import schema_rules as schema

    calls = []
    real = schema._nearly_same
    monkeypatch.setattr(schema, "_nearly_same", lambda a, b: calls.append(1) or real(a, b))
    rows = "".join(f"k{i},2016-02-15,Event number {i:05d} with its own words {i * 7919}\n"
                   for i in range(400))
    parse(NEAR_SPEC, "k,date,title\n" + rows)
    # every pair would be 79,800 comparisons; a window of 50 makes it at most 50 a row
    assert 0 < len(calls) <= 400 * schema.NEAR_DUPLICATE_WINDOW


def test_a_long_list_of_problems_shows_the_first_50_and_counts_the_rest():
    from lesson_lib.errors import Problem

    error = LessonError([Problem(f"problem {i}", file="events.csv", line=i + 2)
                         for i in range(303)])
    text = str(error)
    assert text.startswith("303 problems:") and "problem 49;" not in text
    assert "line 51: problem 49" in text and "line 52: problem 50" not in text
    assert text.splitlines()[-1] == ("  ... and 253 more like these: fix the ones above and "
                                     "check again (one mistake often causes many)")
    assert len(error.problems) == 303  # the list itself is whole, for use_data and tools
    assert str(LessonError([Problem("a"), Problem("b")])).count("\n") == 2


def test_did_you_mean_is_looked_up_for_the_first_ids_only(monkeypatch):
    from lesson_lib import cross_table_rules

    monkeypatch.setattr(cross_table_rules, "SUGGESTED_IDS", 3)
    spec = SMALL_SCHEMA["tables"]["people"]
    wrong = ";".join(f"borys{i}" for i in range(6))
    raw = f"person_id,friends\nanna,boris\nboris,anna;{wrong}\n".encode()
    table, _ = parse_table("people", raw, spec, "people.csv")
    found = [p for p in check_references(SMALL_SCHEMA, {"people": table})
             if p.found.startswith("borys")]
    assert [("did you mean" in p.message) for p in found] == [True] * 3 + [False] * 3


def relations_with(data_copy, edit) -> LessonError:
    target = data_copy / "relations.csv"
    lines = target.read_text("utf-8").splitlines(keepends=True)
    lines[1] = edit(lines[1])
    target.write_text("".join(lines), "utf-8")
    with pytest.raises(LessonError) as caught:
        lesson_lib.check_folder(data_copy)
    return caught.value


def test_a_relation_from_an_actor_to_itself_is_refused(data_copy):
    header = (data_copy / "relations.csv").read_text("utf-8").splitlines()[0].split(",")
    frm, to = header.index("from_actor"), header.index("to_actor")

    def self_tie(line: str) -> str:
        cells = next(csv.reader([line]))
        cells[to] = cells[frm]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(cells)
        return out.getvalue()

    problem = only(relations_with(data_copy, self_tie))
    assert (problem.file.endswith("relations.csv"), problem.line, problem.column) == (
        True, 2, "to_actor")
    assert "to itself" in str(problem) and "an id other than" in str(problem)


def sources_with_reprints(data_copy, reprints: dict[str, str]) -> LessonError:
    target = data_copy / "sources.csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    ids = [r["source_id"] for r in rows]
    for row in rows:
        if row["source_id"] in reprints:
            row["reprint_of"] = reprints[row["source_id"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(out.getvalue(), "utf-8")
    with pytest.raises(LessonError) as caught:
        lesson_lib.check_folder(data_copy)
    return caught.value, ids


@pytest.mark.parametrize("loop", [1, 2, 3])
def test_a_source_that_reprints_itself_directly_or_in_a_loop_is_refused(data_copy, loop):
    ids = [r.source_id for r in lesson_lib.load_sources().head(40).itertuples()
           if r.reprint_of is pd.NA or not isinstance(r.reprint_of, str)][:loop]
    chain = {ids[i]: ids[(i + 1) % loop] for i in range(loop)}
    error, order = sources_with_reprints(data_copy, chain)
    problem = only(error)
    assert problem.column == "reprint_of" and problem.line == order.index(ids[0]) + 2
    assert problem.file.endswith("sources.csv")
    assert ("points to itself" if loop == 1 else "is part of a loop") in problem.message
    assert problem.message.count("→") == loop


def documents_with(data_copy, document_id: str, **changes) -> tuple[LessonError, int]:
    """Check a copy of the data whose row ``document_id`` of documents.csv has ``changes``;
    returns the error and the row's line in the file."""
    target = data_copy / "documents.csv"
    text = target.read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["document_id"] == document_id:
            row.update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    line = 2
    for row in rows:
        if row["document_id"] == document_id:
            break
        line += 1 + sum(cell.count("\n") for cell in row.values())
    writer.writerows(rows)
    target.write_text(out.getvalue(), "utf-8")
    with pytest.raises(LessonError) as caught:
        lesson_lib.check_folder(data_copy)
    return caught.value, line


def test_key_words_that_are_not_in_the_excerpt_are_refused(data_copy):
    error, line = documents_with(data_copy, "makei_washington_post_interview",
                                 key_words="we want to be friends with everyone")
    problem = only(error)
    assert (problem.column, problem.line) == ("key_words", line)
    assert "not found in \"excerpt\"" in problem.message


def test_key_words_may_differ_from_the_excerpt_in_spacing_only(data_copy):
    documents_with_spacing = lesson_lib.load_documents().set_index("document_id")
    words = documents_with_spacing.loc["makei_washington_post_interview", "key_words"]
    (data_copy / "documents.csv").write_text(
        (data_copy / "documents.csv").read_text("utf-8").replace(
            words, words.replace(" ", "  ", 1), 1), "utf-8")
    assert lesson_lib.check_folder(data_copy)["documents"] >= 26


def test_a_longer_excerpt_than_the_publishers_terms_allow_is_refused(data_copy):
    doc = lesson_lib.load_documents().set_index("document_id").loc["putin_reserve_interview"]
    longer = doc["excerpt"] + " A third sentence. And a fourth."
    error, line = documents_with(data_copy, "putin_reserve_interview", excerpt=longer)
    problem = only(error)
    assert (problem.column, problem.line) == ("excerpt", line)
    assert "4 sentences" in problem.message and "none" in problem.message
    assert "at most 2 sentences" in problem.expected


def test_the_same_excerpt_is_allowed_under_terms_that_allow_reuse(data_copy):
    doc = lesson_lib.load_documents().set_index("document_id").loc["putin_reserve_interview"]
    longer = doc["excerpt"] + " A third sentence. And a fourth."
    target = data_copy / "documents.csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    for row in rows:
        if row["document_id"] == "putin_reserve_interview":
            row.update(excerpt=longer, reuse_id="kremlin_cc_by")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(out.getvalue(), "utf-8")
    assert lesson_lib.check_folder(data_copy)["documents"] >= 26
