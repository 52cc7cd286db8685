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
    assert {p.message for p in found[3:]} == {"refers to an id that people.csv does not have"}


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


# A teacher who edits schema.json is told which table, column or course fact is wrong, what
# was found and what is expected, in these words.
from lesson_lib.errors import Problem  # noqa: E402

_COURSE = {"years": [1990, 2025], "state_years_from": 1991, "lessons": ["01"],
           "domains": ["security"]}
_WHERE = 'schema.json, table "t"'


def _schema(columns=None, course=_COURSE, **table):
    columns = columns if columns is not None else [
        {"name": "k", "type": "id"}, {"name": "kind", "type": "category", "values": ["a", "b"]}]
    return {"course": course, "tables": {"t": {"file": "t.csv", "key": "k", "columns": columns,
                                               **table}, "u": {"file": "u.csv", "key": "u_id",
                                               "columns": [{"name": "u_id", "type": "id"}]}}}


def _schema_problems(schema) -> list[Problem]:
    with pytest.raises(LessonError) as caught:
        load_schema(json.dumps(schema))
    return caught.value.problems


def test_a_schema_that_follows_the_rules_is_read_as_it_is():
    good = _schema(rules=[{"rule": "within", "column": "k", "via": "kind", "table": "u"}])
    assert load_schema(json.dumps(good)) == good


@pytest.mark.parametrize("schema, problems", [
    ([], [Problem('the schema needs a "tables" object', file="schema.json")]),
    ({"tables": []}, [Problem('the schema needs a "tables" object', file="schema.json")]),
    (_schema(course=None), [Problem('the schema needs a "course" object', file="schema.json",
                                    expected='"years", "state_years_from", "lessons" and '
                                             '"domains"')]),
    (_schema(columns=[]), [
        Problem("a table needs a list of columns", file=_WHERE),
        Problem("the key must be one of the table's columns", file=_WHERE, found="k",
                expected="")]),
    (_schema(key="id"), [Problem("the key must be one of the table's columns", file=_WHERE,
                                 found="id", expected="k, kind")]),
    (_schema(columns=[{"name": "k", "type": "idd"}]), [
        Problem("unknown column type", file=_WHERE, column="k", found="idd",
                expected="boolean, category, date, id, id_list, integer, number, string, url")]),
    (_schema(columns=[{"name": "k", "type": "id"}, {"name": "c", "type": "category"}]), [
        Problem("a category column needs its allowed values", file=_WHERE, column="c")]),
    (_schema(columns=[{"name": "k", "type": "id"},
                      {"name": "c", "type": "category", "values": ["a", "b"],
                       "labels": {"a": "A", "z": "Z"}}]), [
        Problem('the "labels" must name exactly the column\'s values', file=_WHERE,
                column="c", found="a, z", expected="a, b")]),
    (_schema(columns=[{"name": "k", "type": "id"},
                      {"name": "c", "type": "category", "values": ["a"], "titles": {}}]), [
        Problem('the "titles" must name exactly the column\'s values', file=_WHERE,
                column="c", found="", expected="a")]),
    (_schema(columns=[{"name": "k", "type": "id"},
                      {"name": "r", "type": "id", "references": "v"}]), [
        Problem("references a table the schema does not have", file=_WHERE, column="r",
                found="v", expected="t, u")]),
    (_schema(rules=[{"rule": "magic"}, {"rule": "not_before", "column": "k", "other": "x"}]), [
        Problem("unknown rule", file=_WHERE, found="magic", expected=", ".join(
            __import__("lesson_lib.schema_rules").schema_rules.RULE_COLUMNS)),
        Problem('the rule "not_before" names a column the table does not have', file=_WHERE,
                found="x", expected="k, kind")]),
    (_schema(rules=[{"rule": "one_of_required", "columns": ["k", "y"]}]), [
        Problem('the rule "one_of_required" names a column the table does not have',
                file=_WHERE, found="y", expected="k, kind")]),
    (_schema(rules=[{"rule": "reuse_limit", "column": "k", "via": "kind", "table": "v"}]), [
        Problem('the rule "reuse_limit" names an unknown table', file=_WHERE, found="v",
                expected="t, u")]),
    (_schema(rules=[{"rule": "known_by_day", "column": "k"}]), [
        Problem('the rule "known_by_day" names an unknown table', file=_WHERE, found="None",
                expected="t, u")]),
])
def test_a_broken_schema_gets_one_problem_per_fault_in_these_words(schema, problems):
    assert _schema_problems(schema) == problems


_COURSE_WHERE = 'schema.json, "course"'


@pytest.mark.parametrize("change, problems", [
    ({"years": [2025, 1990]}, [Problem('"years" must be the first and last year',
                                       file=_COURSE_WHERE, found="[2025, 1990]",
                                       expected="two years in order, e.g. [1990, 2025]")]),
    ({"years": [1990]}, [Problem('"years" must be the first and last year', file=_COURSE_WHERE,
                                 found="[1990]",
                                 expected="two years in order, e.g. [1990, 2025]")]),
    ({"years": [1990, 2000, 2025]}, [Problem('"years" must be the first and last year',
                                             file=_COURSE_WHERE, found="[1990, 2000, 2025]",
                                             expected="two years in order, e.g. [1990, 2025]")]),
    ({"years": [1990, "2025"]}, [Problem('"years" must be the first and last year',
                                         file=_COURSE_WHERE, found="[1990, '2025']",
                                         expected="two years in order, e.g. [1990, 2025]")]),
    ({"years": "1990-2025"}, [Problem('"years" must be the first and last year',
                                      file=_COURSE_WHERE, found="1990-2025",
                                      expected="two years in order, e.g. [1990, 2025]")]),
    ({"state_years_from": 1989}, [Problem('"state_years_from" must be a year inside "years"',
                                          file=_COURSE_WHERE, found="1989",
                                          expected="[1990, 2025]")]),
    ({"state_years_from": 2026}, [Problem('"state_years_from" must be a year inside "years"',
                                          file=_COURSE_WHERE, found="2026",
                                          expected="[1990, 2025]")]),
    ({"state_years_from": "1991"}, [Problem('"state_years_from" must be a year inside "years"',
                                            file=_COURSE_WHERE, found="1991",
                                            expected="[1990, 2025]")]),
    ({"lessons": []}, [Problem('"lessons" must be a list of names', file=_COURSE_WHERE,
                               found="[]")]),
    ({"domains": ["security", 3]}, [Problem('"domains" must be a list of names',
                                            file=_COURSE_WHERE, found="['security', 3]")]),
    ({"domains": "security"}, [Problem('"domains" must be a list of names',
                                       file=_COURSE_WHERE, found="security")]),
])
def test_a_wrong_course_fact_is_named_with_what_was_found(change, problems):
    assert _schema_problems(_schema(course=dict(_COURSE, **change))) == problems


@pytest.mark.parametrize("change", [
    {"years": [2000, 2000], "state_years_from": 2000},  # a course of one year
    {"state_years_from": 1990}, {"state_years_from": 2025},  # the first and last year
])
def test_the_edges_of_the_course_years_are_allowed(change):
    load_schema(json.dumps(_schema(course=dict(_COURSE, **change))))


def test_a_schema_that_is_not_json_names_the_line():
    with pytest.raises(LessonError) as caught:
        load_schema('{\n"tables": }')
    assert caught.value.problems == [
        Problem("schema is not valid JSON", file="schema.json", line=2,
                found="Expecting value", expected="a JSON object as described in the datasheet")]


# One table with a column of every type: each bad cell gets one problem naming the file, the
# editor's line, the column, what was found and what the column takes, in these words.
EVERY_TYPE = {"file": "t.csv", "key": "k", "columns": [
    {"name": "k", "type": "id", "required": True},
    {"name": "kind", "type": "id", "values": ["treaty", "visit"]},
    {"name": "title", "type": "string", "max_words": 3},
    {"name": "url", "type": "url"},
    {"name": "day", "type": "date", "min": "1990-01-01", "max": "2025-12-31"},
    {"name": "count", "type": "integer", "min": 1, "max": 3},
    {"name": "share", "type": "number", "min": 0, "max": 1},
    {"name": "open", "type": "boolean"},
    {"name": "tilt", "type": "category", "values": ["west", "east"]},
    {"name": "ids", "type": "id_list"},
    {"name": "size", "type": "number"},
]}
_EVERY_HEADER = "k,kind,title,url,day,count,share,open,tilt,ids,size\n"
_ID = 'an id of lowercase letters, digits and single underscores, e.g. "eu_sanctions_2011"'
_IDS = ('ids separated by ";", each of lowercase letters, digits and underscores, e.g. '
        '"blr;rus" (or empty)')
_DAY = "a real calendar date written YYYY-MM-DD between 1990-01-01 and 2025-12-31 (or empty)"


def _cell_problem(column: str, text: str) -> list:
    """The problems of one row whose ``column`` holds ``text`` (the other cells empty)."""
    names = [c["name"] for c in EVERY_TYPE["columns"]]
    row = ["a1" if n == "k" else "" for n in names]
    row[names.index(column)] = text
    if not any(row):
        row[names.index("open")] = "no"  # a row of empty cells is a blank line, not a row
    raw = (_EVERY_HEADER + ",".join(f'"{v}"' for v in row) + "\n").encode()
    _, problems = parse_table("t", raw, EVERY_TYPE, "t.csv")
    return problems


def _bad(column, found, message, expected):
    return [Problem(message, file="t.csv", line=2, column=column, found=found,
                    expected=expected)]


@pytest.mark.parametrize("column, text, problems", [
    ("k", "A1", _bad("k", "A1", "not a valid id", _ID)),
    ("k", "a__1", _bad("k", "a__1", "not a valid id", _ID)),
    ("k", "", [Problem("this field is required but empty", file="t.csv", line=2, column="k",
                       expected=_ID)]),
    ("kind", "summit", _bad("kind", "summit", "this id is not allowed here",
                            "one of treaty, visit")),
    ("title", "one two three four", [Problem("the text is too long", file="t.csv", line=2,
                                             column="title", found="4 words",
                                             expected="at most 3 words")]),
    ("url", "example.org", _bad("url", "example.org", "not a web address",
                                "an address starting with https:// or http://")),
    ("url", "https://example", _bad("url", "https://example", "not a web address",
                                    "an address starting with https:// or http://")),
    ("day", "2016-7-25", _bad("day", "2016-7-25", "not a date written YYYY-MM-DD", _DAY)),
    ("day", "2016-02-30", _bad("day", "2016-02-30", "not a real calendar date", _DAY)),
    ("day", "1989-12-31", _bad("day", "1989-12-31", "date outside the range the course covers",
                               _DAY)),
    ("day", "2026-01-01", _bad("day", "2026-01-01", "date outside the range the course covers",
                               _DAY)),
    ("count", "2.5", _bad("count", "2.5", "not a whole number",
                          "a whole number from 1 to 3 (or empty)")),
    ("count", "0", _bad("count", "0", "number out of range",
                        "a whole number from 1 to 3 (or empty)")),
    ("count", "4", _bad("count", "4", "number out of range",
                        "a whole number from 1 to 3 (or empty)")),
    ("share", "half", _bad("share", "half", "not a number", "a number from 0 to 1 (or empty)")),
    ("share", "1.01", _bad("share", "1.01", "number out of range",
                           "a number from 0 to 1 (or empty)")),
    ("share", "-0.1", _bad("share", "-0.1", "number out of range",
                           "a number from 0 to 1 (or empty)")),
    ("size", "big", _bad("size", "big", "not a number", "a number (or empty)")),
    ("open", "maybe", _bad("open", "maybe", "not true or false", "true or false")),
    ("tilt", "wets", _bad("tilt", "wets", 'value not allowed (did you mean "west"?)',
                          "one of west, east (or empty)")),
    ("tilt", "north", _bad("tilt", "north", "value not allowed",
                           "one of west, east (or empty)")),
    ("ids", "blr;Rus", _bad("ids", "blr;Rus", '"Rus" is not a valid id in this list', _IDS)),
    ("ids", "blr;;rus", _bad("ids", "blr;;rus", '"" is not a valid id in this list', _IDS)),
    ("ids", "blr;rus;blr", _bad("ids", "blr;rus;blr", "an id is listed twice", _IDS)),
])
def test_each_bad_cell_is_named_by_line_and_column_in_these_words(column, text, problems):
    assert _cell_problem(column, text) == problems


@pytest.mark.parametrize("column, text", [
    ("title", "one two three"), ("url", "http://example.org/a b"[:18]),
    ("day", "1990-01-01"), ("day", "2025-12-31"), ("count", "1"), ("count", "3"),
    ("count", "+2"), ("share", "0"), ("share", "1"), ("open", "Yes"), ("open", "no"),
    ("kind", "visit"), ("ids", " blr ; rus "),
])
def test_the_values_at_each_limit_are_read(column, text):
    assert _cell_problem(column, text) == []


def test_each_type_arrives_in_its_column_type_and_empty_cells_as_missing():
    raw = (_EVERY_HEADER
           + "a1,treaty,A title,https://example.org,2016-07-25,2,0.5,TRUE,east,blr;rus,7\n"
           + "a2,,,,,,,false,,,\n").encode()
    table, problems = parse_table("t", raw, EVERY_TYPE, "t.csv")
    assert problems == [] and table.lines == [2, 3] and table.name == "t"
    frame = table.frame
    assert [str(t) for t in frame.dtypes] == [
        "string", "string", "string", "string", "datetime64[s]", "Int64", "Float64", "boolean",
        "category", "object", "Float64"]
    first, second = frame.iloc[0], frame.iloc[1]
    assert (first["day"], first["count"], first["share"], first["open"], first["ids"]) == (
        pd.Timestamp("2016-07-25"), 2, 0.5, True, ("blr", "rus"))
    assert list(frame["tilt"].cat.categories) == ["west", "east"] and frame["tilt"].cat.ordered
    assert second["ids"] == () and not second["open"]
    assert pd.isna(second["day"]) and pd.isna(second["count"]) and pd.isna(second["title"])


def test_a_column_empty_in_every_row_or_whole_numbers_only_keeps_its_type():
    # A teacher may leave an optional column empty throughout, or give a number column only
    # whole numbers: the column's type comes from the schema, not from what the cells hold.
    raw = (_EVERY_HEADER + "a1,,,,,,1,,,,2\n" + "a2,,,,,,,,,,\n").encode()
    table, problems = parse_table("t", raw, EVERY_TYPE, "t.csv")
    assert problems == []
    assert [str(t) for t in table.frame.dtypes] == [
        "string", "string", "string", "string", "datetime64[s]", "Int64", "Float64", "boolean",
        "category", "object", "Float64"]
    unordered = {**EVERY_TYPE, "columns": [
        {**c, "ordered": False} if c["name"] == "tilt" else c for c in EVERY_TYPE["columns"]]}
    table, _ = parse_table("t", raw, unordered, "t.csv")
    assert not table.frame["tilt"].cat.ordered


@pytest.mark.parametrize("raw, problems", [
    (None, [Problem("the file is missing", file="t.csv",
                    expected="a CSV file with the columns k, kind, title, url, day, count, "
                             "share, open, tilt, ids, size")]),
    (b"  \n", [Problem("the file is empty", file="t.csv", line=1,
                       expected="a header line: k, kind, title, url, day, count, share, open, "
                                "tilt, ids, size")]),
    (b"\xff\xfek\x00", [Problem("the file is saved as UTF-16", file="t.csv", line=1,
                                expected="UTF-8 text (save or export it as CSV in UTF-8)")]),
    (_EVERY_HEADER.encode() + b"a1,,Caf\xe9\n", [Problem(
        "the file is not UTF-8 text", file="t.csv", line=2, found="e9 0a",
        expected="UTF-8 (it was probably saved as Windows-1251 or Latin-1; save it again "
                 "choosing UTF-8 as the encoding)")]),
    (_EVERY_HEADER.encode() + b"a1,visit\n", [Problem(
        "this row has the wrong number of fields", file="t.csv", line=2, found="2 fields",
        expected="11 like the header (a value that contains a comma must be wrapped in double "
                 "quotes)")]),
])
def test_a_file_that_cannot_be_read_says_why_in_these_words(raw, problems):
    table, found = parse_table("t", raw, EVERY_TYPE, "t.csv")
    assert found == problems
    assert table is None or found[0].message.startswith("this row")


def test_a_header_with_a_repeat_a_typo_and_a_gap_gets_one_problem_each():
    header = "k,kind,kind,titel,url,day,count,share,open,tilt,ids,size\n"
    _, problems = parse_table("t", header.encode(), EVERY_TYPE, "t.csv")
    every = "k, kind, title, url, day, count, share, open, tilt, ids, size"
    assert problems == [
        Problem("a column name appears twice in the header", file="t.csv", line=1,
                column="kind"),
        Problem('unknown column (did you mean "title"?)', file="t.csv", line=1, found="titel",
                expected=f"only the columns {every}"),
        Problem("a column is missing from the header", file="t.csv", line=1, column="title",
                expected=f"the columns {every}")]


def test_an_unknown_column_like_no_other_gets_no_guess():
    header = _EVERY_HEADER.replace("size", "zzzzzz")
    _, problems = parse_table("t", header.encode(), EVERY_TYPE, "t.csv")
    assert problems[0].message == "unknown column" and problems[0].found == "zzzzzz"


@pytest.mark.parametrize("raw, line", [
    (_EVERY_HEADER.encode() + b"a1,visit\na2,\"" + b"y" * 140_000 + b"\n", 3),  # never closed
    (b'"' + b"k" * 140_000 + b"\n", 1),
])
def test_a_quote_that_runs_on_for_ever_names_the_line_where_reading_stopped(raw, line):
    assert parse_table("t", raw, EVERY_TYPE, "t.csv") == (None, [Problem(
        "the file cannot be read as CSV (field larger than field limit (131072))",
        file="t.csv", line=line, expected="quotes that open and close around a value")])


# ---- the rules within one table, each in its own words ---------------------------------------

from lesson_lib.schema_rules import (  # noqa: E402
    count_sentences,
    key_problems,
    row_rule_problems,
)

D = pd.Timestamp  # the parser gives dates; comparisons and sums are the same on Timestamps


def _rule(rule: dict, **columns) -> list[Problem]:
    lines = list(range(2, 2 + len(next(iter(columns.values())))))
    return list(row_rule_problems({"key": "k", "rules": [rule]}, columns, lines, "t.csv"))


def _at(line, message, column, found=None, expected=None):
    return Problem(message, file="t.csv", line=line, column=column, found=found,
                   expected=expected)


@pytest.mark.parametrize("rule, columns, problems", [
    ({"rule": "not_before", "column": "end", "other": "start"},
     {"start": [D("2016-01-02"), D("2016-01-02"), None], "end": [D("2016-01-01"),
                                                                 D("2016-01-02"), D("2016-01-01")]},
     [_at(2, 'this date is before "start" (2016-01-02 00:00:00)', "end", "2016-01-01 00:00:00",
          'a date on or after "start"')]),
    ({"rule": "allowed_when", "column": "tilt", "when": "mover", "in": ["society"],
      "values": ["society"]},
     {"mover": ["society", "society", "minsk", "society"],
      "tilt": ["balancing", "society", "balancing", None]},
     [_at(2, 'this value is not allowed when "mover" is society', "tilt", "balancing",
          "society")]),
    ({"rule": "quoted_within", "column": "key", "within": "excerpt"},
     {"key": ["two  words", "not there", None, "x"],
      "excerpt": ["some two\nwords here", "some words", "text", None]},
     [_at(3, 'these words are not found in "excerpt"', "key", "not there",
          'words copied exactly from "excerpt" (spaces and line breaks may differ)')]),
    ({"rule": "different", "column": "to", "other": "from"},
     {"from": ["blr", "blr", None], "to": ["blr", "rus", None]},
     [_at(2, 'this row ties "from" to itself', "to", "blr", 'an id other than "from" (blr)')]),
    ({"rule": "precision", "column": "day", "by": "precision"},
     {"day": [D("2016-03-02"), D("2016-03-01"), D("2016-02-01"), D("2016-01-01"),
              D("2016-03-02"), None],
      "precision": ["month", "month", "year", "year", "day", "year"]},
     [_at(2, 'the date is more exact than its precision "month"', "day", "2016-03-02 00:00:00",
          'the 1st of the month for a month-precision date, or set "precision" to day'),
      _at(4, 'the date is more exact than its precision "year"', "day", "2016-02-01 00:00:00",
          '1 January for a year-precision date, or set "precision" to day')]),
    ({"rule": "required_when", "column": "docs", "when_filled": "contested"},
     {"contested": ["why", "why", None, "why"], "docs": [(), ("d1",), None, None]},
     [_at(2, 'this field is required when "contested" is filled', "docs", expected="a value"),
      _at(5, 'this field is required when "contested" is filled', "docs", expected="a value")]),
    ({"rule": "required_when", "column": "end", "when": "kind", "in": ["span"]},
     {"kind": ["span", "point", "span"], "end": [None, None, D("2016-01-01")]},
     [_at(2, 'this field is required when "kind" is span', "end", expected="a value")]),
    ({"rule": "one_of_required", "columns": ["a", "b"]},
     {"a": [None, "x", None, ()], "b": [(), None, ("y",), None]},
     [_at(2, "this row needs at least one of these fields", "a", expected='"a" or "b"'),
      _at(5, "this row needs at least one of these fields", "a", expected='"a" or "b"')]),
    ({"rule": "flag_requires", "flag": "article_only", "column": "sources",
      "value": "the_article"},
     {"article_only": [True, True, False, True],
      "sources": [("a", "b"), ("the_article",), (), None]},
     [_at(2, 'a row with "article_only" true must cite the_article', "sources", "a;b",
          'the_article among the ids, or "article_only" false'),
      _at(5, 'a row with "article_only" true must cite the_article', "sources", "",
          'the_article among the ids, or "article_only" false')]),
])
def test_each_row_rule_names_the_row_and_what_it_expects(rule, columns, problems):
    assert _rule(rule, **columns) == problems


def test_periods_must_follow_each_other_day_after_day():
    rule = {"rule": "contiguous", "start": "start", "end": "end"}
    starts = [D("1990-01-01"), D("1995-01-01"), D("2000-01-02"), D("2004-12-01"), None]
    ends = [D("1994-12-31"), D("2000-01-01"), D("2004-12-31"), D("2010-12-31"), D("2011-01-01")]
    assert _rule(rule, start=starts, end=ends) == [
        _at(5, "this period overlaps the period before it", "start", "2004-12-01 00:00:00",
            "the day after the previous period ends (2004-12-31 00:00:00)")]
    starts[2] = D("2000-01-05")
    starts[3] = D("2005-01-01")
    assert _rule(rule, start=starts, end=ends) == [
        _at(4, "this period leaves a gap", "start", "2000-01-05 00:00:00",
            "the day after the previous period ends (2000-01-01 00:00:00)")]
    ends[1] = D("2000-01-04")  # the shuffled order of the rows does not matter
    assert _rule(rule, start=starts[::-1], end=ends[::-1]) == []


def test_a_near_repeat_on_the_same_date_is_named_against_its_first_row():
    rule = {"rule": "no_near_duplicates", "date": "day", "text": "title"}
    day, other = D("2016-01-01"), D("2016-01-02")
    titles = ["EU lifts most sanctions on Belarus", "EU lifts most sanctions on Belarus.",
              "EU lifts most sanctions on Belarus", "Latvia opens a consulate",
              "EU  LIFTS most sanctions on BELARUS", None]
    found = _rule(rule, day=[day, day, other, day, day, day], title=titles)
    assert found == [
        _at(3, "this row looks like a repeat of line 2 (same date, nearly the same title)",
            "title", titles[1], "one row per event: merge the two rows"),
        _at(6, "this row looks like a repeat of line 2 (same date, nearly the same title)",
            "title", titles[4], "one row per event: merge the two rows")]


def test_two_titles_85_percent_alike_are_a_repeat_and_less_alike_are_not():
    from lesson_lib.schema_rules import NEAR_DUPLICATE_RATIO, _nearly_same
    assert NEAR_DUPLICATE_RATIO == 0.85
    assert _nearly_same("abcdefghijklmnopqrst", "abcdefghijklmnopqXYZ")  # 0.85 exactly
    assert not _nearly_same("abcdefghijklmnopqrst", "abcdefghijklmnopWXYZ")  # 0.80


def test_a_loop_of_reprints_is_named_once_with_its_path():
    rule = {"rule": "no_cycles", "column": "reprint_of"}
    found = _rule(rule, k=["a", "b", "c", "d", "e", "f"],
                  reprint_of=["b", "c", "a", "d", None, "e"])
    expected = 'a "reprint_of" that leads to a row that points nowhere (the original), never back'
    assert found == [
        _at(2, "this row is part of a loop (a → b → c → a)", "reprint_of", "b", expected),
        _at(5, "this row points to itself (d → d)", "reprint_of", "d", expected)]


def test_a_repeated_key_or_pair_is_named_against_its_first_line():
    spec = {"key": "k", "unique_together": [["a", "b"]]}
    values = {"k": ["x", "y", "x", None, "z"], "a": ["p", "p", "q", "p", "p"],
              "b": [1, 2, 3, 2, None]}
    assert list(key_problems(spec, values, [2, 3, 4, 6, 7], "t.csv")) == [
        _at(4, "duplicate k (first used on line 2)", "k", "x", "each row to have its own value"),
        _at(6, "duplicate a + b (first used on line 3)", "a", "p, 2",
            "each row to have its own value")]


@pytest.mark.parametrize("text, count", [
    ("", 0), ("One.", 1), ("One. Two! Three? Four", 4), ("He said “no.” Then left.", 2),
    ("We need planes ... not bases. I know… nothing.", 2), ("1. First. 2. Second.", 3),
    ("Para one.\n\nPara two. And more.", 3), ("e.g. this counts once", 1),
    ("At 5 p.m. they met. Yes.", 2),
])
def test_sentences_are_counted_as_a_reader_counts_them(text, count):
    assert count_sentences(text) == count


# ---- the rules across tables, on a small course of its own ----------------------------------

def _world(**csv: str) -> list[Problem]:
    tables = {}
    for name, text in csv.items():
        table, problems = parse_table(name, text.encode(), WORLD["tables"][name], f"{name}.csv")
        assert problems == [], problems
        tables[name] = table
    return check_references(WORLD, tables)


WORLD = {"tables": {
    "eras": {"file": "eras.csv", "key": "era_id", "columns": [
        {"name": "era_id", "type": "id"}, {"name": "start", "type": "date"},
        {"name": "end", "type": "date"}]},
    "sources": {"file": "sources.csv", "key": "source_id", "must_be_cited": True, "columns": [
        {"name": "source_id", "type": "id"}, {"name": "published", "type": "date"},
        {"name": "terms_allow", "type": "boolean"}]},
    "events": {"file": "events.csv", "key": "event_id", "columns": [
        {"name": "event_id", "type": "id"}, {"name": "date", "type": "date"},
        {"name": "era_id", "type": "id", "references": "eras"},
        {"name": "source_ids", "type": "id_list", "references": "sources"}],
        "rules": [{"rule": "within", "column": "date", "via": "era_id", "table": "eras",
                   "start": "start", "end": "end"}]},
    "sides": {"file": "sides.csv", "key": "side_id", "columns": [
        {"name": "side_id", "type": "id"}, {"name": "from", "type": "date"},
        {"name": "to", "type": "date"}, {"name": "evidence", "type": "id_list",
                                         "references": "events"}],
        "rules": [{"rule": "refs_within", "column": "evidence", "start": "from", "end": "to",
                   "table": "events", "date": "date"}]},
    "briefs": {"file": "briefs.csv", "key": "brief_id", "columns": [
        {"name": "brief_id", "type": "id"}, {"name": "day", "type": "date"},
        {"name": "known", "type": "id_list", "references": "events"},
        {"name": "next", "type": "id_list", "references": "events"}],
        "rules": [{"rule": "known_by_day", "column": "known", "side": "before", "day": "day",
                   "table": "events", "date": "date", "sources": "source_ids",
                   "source_table": "sources", "source_date": "published"},
                  {"rule": "known_by_day", "column": "next", "side": "after", "day": "day",
                   "table": "events", "date": "date"}]},
    "seats": {"file": "seats.csv", "key": "seat_id", "columns": [
        {"name": "seat_id", "type": "id"}, {"name": "brief_id", "type": "id",
                                            "references": "briefs"},
        {"name": "known", "type": "id_list", "references": "events"}],
        "rules": [{"rule": "known_by_day", "column": "known", "side": "before", "day": "day",
                   "via": "brief_id", "via_table": "briefs", "table": "events",
                   "date": "date"}]},
    "quotes": {"file": "quotes.csv", "key": "quote_id", "columns": [
        {"name": "quote_id", "type": "id"}, {"name": "source_id", "type": "id",
                                             "references": "sources"},
        {"name": "passage", "type": "string"}],
        "rules": [{"rule": "reuse_limit", "column": "passage", "via": "source_id",
                   "table": "sources", "flag": "terms_allow", "sentences": 2}]},
}}
_ERAS = "era_id,start,end\nearly,1990-01-01,1999-12-31\nlate,2000-01-01,2025-12-31\n"
_SOURCES = ("source_id,published,terms_allow\nold,1995-01-01,false\nnew,2020-01-01,true\n"
            "unused,2020-01-01,true\n")
_EVENTS = ("event_id,date,era_id,source_ids\ne95,1995-06-01,early,old\n"
           "e05,2005-06-01,late,new\ne10,2010-06-01,late,new;old\n")


def test_a_small_course_that_keeps_every_rule_has_no_problem_but_its_uncited_row():
    assert _world(eras=_ERAS, sources=_SOURCES, events=_EVENTS) == [Problem(
        "nothing in the course cites this row", file="sources.csv", line=4,
        column="source_id", found="unused",
        expected="every row to be cited by another table, or removed")]


def test_an_unknown_id_is_named_with_a_guess_and_the_rules_wait_until_ids_are_right():
    events = _EVENTS.replace("e05,2005-06-01,late,new", "e05,1985-06-01,lat,neww;zzzzz")
    found = _world(eras=_ERAS, sources=_SOURCES.replace("unused", "new2"), events=events)
    assert found == [
        Problem('refers to an id that eras.csv does not have (did you mean "late"?)',
                file="events.csv", line=3, column="era_id", found="lat",
                expected="an id from the era_id column of eras.csv"),
        Problem('refers to an id that sources.csv does not have (did you mean "new"?)',
                file="events.csv", line=3, column="source_ids", found="neww",
                expected="an id from the source_id column of sources.csv"),
        Problem("refers to an id that sources.csv does not have", file="events.csv", line=3,
                column="source_ids", found="zzzzz",
                expected="an id from the source_id column of sources.csv"),
        Problem("nothing in the course cites this row", file="sources.csv", line=4,
                column="source_id", found="new2",
                expected="every row to be cited by another table, or removed")]


def test_an_event_outside_its_era_is_named_with_the_era_that_holds_it():
    events = _EVENTS.replace("e05,2005-06-01,late", "e05,2005-06-01,early").replace(
        "e95,1995-06-01,early", "e95,1985-06-01,early")
    found = _world(eras=_ERAS, sources=_SOURCES.replace("unused,2020-01-01,true\n", ""),
                   events=events)
    assert found == [
        Problem("the date 1985-06-01 is outside early (1990-01-01 to 1999-12-31)",
                file="events.csv", line=2, column="era_id", found="early",
                expected="a row whose span holds the date"),
        Problem("the date 2005-06-01 is outside early (1990-01-01 to 1999-12-31)",
                file="events.csv", line=3, column="era_id", found="early",
                expected='"late", the eras row whose span holds the date')]


def test_evidence_outside_a_sides_span_is_named():
    sides = ("side_id,from,to,evidence\nwest,2004-01-01,2010-06-01,e05;e10;e95\n"
             "open,,2010-01-01,e95\n")
    found = _world(eras=_ERAS, sources=_SOURCES.replace("unused,2020-01-01,true\n", ""),
                   events=_EVENTS, sides=sides)
    assert found == [Problem(
        "e95 is dated 1995-06-01, outside this row's span (2004-01-01 to 2010-06-01)",
        file="sides.csv", line=2, column="evidence", found="e95",
        expected='a row of events dated inside the span, or a wider "from"/"to"')]


def test_a_brief_cites_only_what_was_known_that_day_and_a_debrief_only_what_came_after():
    briefs = ("brief_id,day,known,next\nb1,2005-06-01,e95;e05;e10,e05;e10;e95\n"
              "b2,2012-01-01,e10,\nb3,,e10,e95\n")
    seats = "seat_id,brief_id,known\ns1,b1,e95;e10\ns2,b3,e10\n"
    sources = _SOURCES.replace("new,2020-01-01", "new,2005-06-01").replace(
        "unused,2020-01-01,true\n", "")
    found = _world(eras=_ERAS, sources=sources, events=_EVENTS, briefs=briefs, seats=seats)
    assert found == [
        Problem("e10 is dated 2010-06-01, after this row's day (2005-06-01): hindsight",
                file="briefs.csv", line=2, column="known", found="e10",
                expected="a row of events dated on or before 2005-06-01"),
        Problem("e95 is dated 1995-06-01, before this row's day (2005-06-01)",
                file="briefs.csv", line=2, column="next", found="e95",
                expected="a row of events dated on or after 2005-06-01"),
        Problem("e10 is dated 2010-06-01, after this row's day (2005-06-01): hindsight",
                file="seats.csv", line=2, column="known", found="e10",
                expected="a row of events dated on or before 2005-06-01")]
    late_source = sources.replace("new,2005-06-01", "new,2005-06-02")
    found = _world(eras=_ERAS, sources=late_source, events=_EVENTS,
                   briefs="brief_id,day,known,next\nb1,2005-06-01,e05,\n")
    assert found == [Problem(
        "no source of e05 was published by 2005-06-01, so nobody could have read it that day",
        file="briefs.csv", line=2, column="known", found="e05",
        expected="an events row with at least one source published on or before 2005-06-01")]


def test_a_passage_longer_than_its_publishers_terms_allow_is_named():
    long = "One. Two. Three. " * 8
    quotes = (f"quote_id,source_id,passage\nq1,old,{long}\nq2,old,One. Two.\n"
              f"q3,new,{long}\nq4,old,\n")
    found = _world(eras=_ERAS, sources=_SOURCES.replace("unused,2020-01-01,true\n", ""),
                   events=_EVENTS, quotes=quotes)
    assert found == [Problem(
        "this passage has 24 sentences, but the terms of old do not allow quoting more than 2",
        file="quotes.csv", line=2, column="passage", found=long.strip()[:80] + "…",
        expected="at most 2 sentences, or a source_id whose terms_allow is true (terms read on "
                 "a page)")]
    short = "One. Two. Three."
    found = _world(eras=_ERAS, sources=_SOURCES.replace("unused,2020-01-01,true\n", ""),
                   events=_EVENTS, quotes=f"quote_id,source_id,passage\nq1,old,{short}\n")
    assert [p.found for p in found] == [short]  # no ellipsis on a passage of 80 or fewer


_FIVE = {"file": "f.csv", "key": "a", "columns": [{"name": n, "type": "string"}
                                                  for n in ("a", "b", "c", "d", "e")]}


@pytest.mark.parametrize("header, separator", [
    ('"a";"b";"c";"d";"e"', "semicolons"),  # as a spreadsheet in a comma-decimal region saves
    ("a\tb\tc\td\tx", "tabs"),  # four of five is enough to tell
    ("a;b;c;x;y", None),  # three of five is not: then the columns are named one by one
])
def test_a_file_split_by_another_character_is_told_how_to_save_it(header, separator):
    _, problems = parse_table("f", (header + "\n1;2;3;4;5\n").encode(), _FIVE, "f.csv")
    if separator is None:
        assert [p.message for p in problems][-1] == "a column is missing from the header"
        return
    assert problems == [Problem(
        f"the file is separated by {separator} instead of commas (Excel saves CSV this way where "
        "the decimal mark is a comma)", file="f.csv", line=1,
        expected="comma-separated values: in LibreOffice Calc use Save As, Text CSV, tick "
                 "'Edit filter settings' and choose ',' as the field delimiter; in Google Sheets "
                 "use File, Download, CSV; Excel uses the list separator of the computer's region "
                 "settings")]


def test_the_shipped_schema_is_read_from_the_package():
    shipped = json.loads((lesson_lib.data.PACKAGE_DATA / "schema.json").read_text("utf-8"))
    assert load_schema() == shipped


@pytest.mark.parametrize("kind, fields", [
    ("within", {"column": "k", "via": "kind"}),
    ("refs_within", {"column": "k", "start": "k", "end": "k"}),
])
def test_every_rule_that_looks_into_another_table_names_a_table_the_schema_has(kind, fields):
    assert _schema_problems(_schema(rules=[{"rule": kind, **fields, "table": "v"}])) == [
        Problem(f'the rule "{kind}" names an unknown table', file=_WHERE, found="v",
                expected="t, u")]


def test_a_table_without_columns_and_a_rule_with_only_its_own_fields_are_told_apart():
    schema = _schema()
    del schema["tables"]["t"]["columns"]
    assert _schema_problems(schema) == [
        Problem("a table needs a list of columns", file=_WHERE),
        Problem("the key must be one of the table's columns", file=_WHERE, found="k",
                expected="")]
    # required_when takes "when" or "when_filled": the other may be left out
    load_schema(json.dumps(_schema(rules=[{"rule": "required_when", "column": "kind",
                                           "when_filled": "k"}])))


@pytest.mark.parametrize(("column", "words"), [
    ({"type": "date"}, "a real calendar date written YYYY-MM-DD (or empty)"),
    ({"type": "date", "min": "1990-01-01"},
     "a real calendar date written YYYY-MM-DD between 1990-01-01 and any date (or empty)"),
    ({"type": "date", "max": "2025-12-31", "required": True},
     "a real calendar date written YYYY-MM-DD between any date and 2025-12-31"),
    ({"type": "boolean"}, "true or false"),
    ({"type": "boolean", "required": True}, "true or false"),
    ({"type": "url"}, "a web address starting with https:// (or empty)"),
    ({"type": "url", "required": True}, "a web address starting with https://"),
    ({"type": "string"}, "text (or empty)"),
    ({"type": "string", "required": True}, "text"),
    ({"type": "integer", "min": 1}, "a whole number (or empty)"),  # both ends, or none
    ({"type": "number", "min": 0, "max": 1, "required": True}, "a number from 0 to 1"),
])
def test_what_a_column_accepts_is_said_in_these_words(column, words):
    # The words every message about the column ends with (an empty required field, a bad
    # value), for every kind of column, bounded at one end, both or neither.
    from lesson_lib.table_parser import _describe_type

    assert _describe_type({"name": "c", **column}) == words


@pytest.mark.parametrize(("kind", "words"), [
    ("boolean", "true or false"), ("url", "a web address starting with https://"),
    ("string", "text")])
def test_an_empty_required_field_says_what_belongs_there(kind, words):
    spec = {"key": "k", "columns": [{"name": "k", "type": "id", "required": True},
                                    {"name": "v", "type": kind, "required": True}]}
    _, [problem] = parse_table("t", b"k,v\na,\n", spec, "t.csv")
    assert (problem.message, problem.line, problem.column, problem.expected) == (
        "this field is required but empty", 2, "v", words)
