"""Loading the course data: types, caching, copies, and the teacher's own folder."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.data import DATA_ENV_VAR


def test_sources_have_schema_types():
    sources = lesson_lib.load_sources()
    assert str(sources["source_id"].dtype) == "string"
    assert pd.api.types.is_datetime64_any_dtype(sources["published"])
    assert isinstance(sources["kind"].dtype, pd.CategoricalDtype)
    assert list(sources["published_precision"].cat.categories) == ["day", "month", "year"]
    assert sources["published_precision"].cat.ordered


def test_every_table_in_schema_loads():
    for name in lesson_lib.table_names():
        frame = lesson_lib.load_table(name)
        assert len(frame) > 0, name


def test_loader_returns_a_fresh_copy_each_time():
    first = lesson_lib.load_sources()
    first.loc[:, "title"] = "edited by a learner"
    del first["url"]
    again = lesson_lib.load_sources()
    assert "url" in again.columns
    assert (again["title"] != "edited by a learner").all()


def test_unknown_table_name_lists_the_valid_ones():
    with pytest.raises(LessonError, match="one of .*sources"):
        lesson_lib.load_table("sauces")


def test_use_data_reads_the_teachers_copy(data_copy):
    path = data_copy / "sources.csv"
    path.write_text(path.read_text("utf-8").replace(
        "Minsk seeks to demonstrate", "EDITED Minsk seeks to demonstrate"), "utf-8")
    lesson_lib.use_data(data_copy)
    assert lesson_lib.load_sources()["title"].str.startswith("EDITED").any()
    lesson_lib.use_data(None)
    assert not lesson_lib.load_sources()["title"].str.startswith("EDITED").any()


def test_edits_are_seen_without_restarting(data_copy):
    lesson_lib.use_data(data_copy)
    assert not lesson_lib.load_eras()["name"].eq("Renamed by a teacher").any()
    path = data_copy / "eras.csv"
    path.write_text(path.read_text("utf-8").replace("A sovereign start", "Renamed by a teacher"),
                    "utf-8")
    assert lesson_lib.load_eras()["name"].eq("Renamed by a teacher").any()


def test_environment_variable_chooses_the_folder(data_copy, monkeypatch):
    (data_copy / "sources.csv").write_text("source_id\n", "utf-8")
    monkeypatch.setenv(DATA_ENV_VAR, str(data_copy))
    with pytest.raises(LessonError, match="column is missing"):
        lesson_lib.load_sources()


def test_use_data_with_problems_keeps_the_previous_folder(data_copy):
    (data_copy / "sources.csv").write_bytes(b"")
    with pytest.raises(LessonError, match="empty"):
        lesson_lib.use_data(data_copy)
    assert lesson_lib.data_folder() != data_copy
    assert len(lesson_lib.load_sources()) >= 1


def test_use_data_on_a_missing_folder_says_how_to_make_one(tmp_path):
    with pytest.raises(LessonError, match="copy-data"):
        lesson_lib.use_data(tmp_path / "nowhere")


def test_copy_data_never_overwrites(data_copy):
    with pytest.raises(LessonError, match="already exists"):
        lesson_lib.copy_data(data_copy)
