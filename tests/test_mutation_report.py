"""The mutation table (tools/mutation_report.py): it reads mutmut's result files right,
counts what was caught, and writes its block into RESULTS.md without touching the rest."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import mutation_report  # noqa: E402


def _meta(mutants: Path, module: str, codes: dict) -> None:
    """A result file as mutmut 3 writes it beside its copy of the module."""
    path = mutants / f"{module}.meta"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "exit_code_by_key": codes, "hash_by_function_name": {},
        "type_check_error_by_key": {}, "durations_by_key": {},
        "estimated_durations_by_key": {}}), "utf-8")


def _pyproject(tmp_path: Path, modules: list[str]) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.mutmut]\nonly_mutate = [" + ", ".join(f'"{m}"' for m in modules)
                    + "]\n", "utf-8")
    return path


def _names(module: str, codes: list) -> dict:
    stem = module.removesuffix(".py").replace("/", ".")
    return {f"{stem}.x_f__mutmut_{k + 1}": code for k, code in enumerate(codes)}


def test_killed_and_timed_out_mutants_are_caught_skipped_ones_are_not_counted(tmp_path):
    # 6 killed (exit 1, and 3: pytest's internal error), 1 timeout, 2 survived,
    # 1 with no test, 1 skipped, 1 never run
    codes = [1, 1, 1, 1, 1, 3, 36, 0, 0, 33, 34, None]
    [t] = mutation_report.collect(["pkg/a.py"], _write(tmp_path, {"pkg/a.py": codes}))
    assert (t.tried, t.caught) == (10, 7)
    assert t.share == pytest.approx(0.7)
    assert t.count("no tests") == 1 and t.count(*mutation_report.NOT_TRIED) == 2


def _write(tmp_path: Path, results: dict[str, list]) -> Path:
    mutants = tmp_path / "mutants"
    for module, codes in results.items():
        _meta(mutants, module, _names(module, codes))
    return mutants


def test_survivors_are_those_no_test_caught_in_the_order_a_person_reads(tmp_path):
    codes = [0] * 10 + [1, 33, -24, 35]
    [t] = mutation_report.collect(["a.py"], _write(tmp_path, {"a.py": codes}))
    assert t.survivors[:3] == ["a.x_f__mutmut_1", "a.x_f__mutmut_2", "a.x_f__mutmut_3"]
    assert t.survivors[-3:] == ["a.x_f__mutmut_10", "a.x_f__mutmut_12", "a.x_f__mutmut_14"]
    assert "a.x_f__mutmut_13" not in t.survivors  # a timeout (SIGXCPU) is caught


def test_the_table_has_a_row_per_module_in_the_configured_order_and_judges_the_target(
        tmp_path):
    modules = ["lib/b.py", "lib/a.py", "lib/never.py"]
    mutants = _write(tmp_path, {"lib/a.py": [1] * 17 + [0] * 3, "lib/b.py": [1] * 9 + [0]})
    text = mutation_report.table(mutation_report.collect(modules, mutants))
    rows = text.splitlines()
    assert rows[0].startswith("| module | tried | killed | timeout | survived")
    assert rows[2] == "| `lib/b.py` | 10 | 9 | 0 | 1 | 0 | 0 | 90.0% | met |"
    assert rows[3] == "| `lib/a.py` | 20 | 17 | 0 | 3 | 0 | 0 | 85.0% | met |"
    assert rows[4].startswith("| `lib/never.py` | no results") and rows[4].endswith("MISSED |")
    assert rows[5] == "| all | 30 | 26 | 0 | 4 | 0 | 0 | 86.7% | |"


def test_a_module_just_under_the_target_is_missed_and_main_fails(tmp_path, capsys):
    mutants = _write(tmp_path, {"a.py": [1] * 84 + [0] * 16})
    pyproject = _pyproject(tmp_path, ["a.py"])
    code = mutation_report.main(["--mutants", str(mutants), "--pyproject", str(pyproject)])
    assert code == 1
    assert "| 84.0% | MISSED |" in capsys.readouterr().out
    _meta(mutants, "a.py", _names("a.py", [1] * 85 + [0] * 15))
    assert mutation_report.main(["--mutants", str(mutants), "--pyproject", str(pyproject)]) == 0


def test_the_block_replaces_the_old_one_and_keeps_the_text_around_it(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nbefore\n\n## Mutation testing\n\n"
                       f"{mutation_report.BEGIN}\nold table\n{mutation_report.END}\n\n"
                       "Survivors judged harmless: kept.\n", "utf-8")
    mutants = _write(tmp_path, {"a.py": [1, 0]})
    pyproject = _pyproject(tmp_path, ["a.py"])
    mutation_report.main(["--mutants", str(mutants), "--pyproject", str(pyproject),
                          "--write", "--results", str(results), "--seconds", "3000"])
    text = results.read_text("utf-8")
    assert "old table" not in text
    assert text.count(mutation_report.BEGIN) == text.count(mutation_report.END) == 1
    assert text.startswith("# Benchmark results\n\nbefore\n\n## Mutation testing\n\n")
    assert text.endswith(f"{mutation_report.END}\n\nSurvivors judged harmless: kept.\n")
    assert "50 min wall time" in text and "| `a.py` | 2 | 1 |" in text
    assert "1 worker (`make mutation`)" in text
    mutation_report.main(["--mutants", str(mutants), "--pyproject", str(pyproject),
                          "--write", "--results", str(results), "--workers", "2"])
    text = results.read_text("utf-8")
    assert "2 workers (`make mutation JOBS=2`)." in text and "wall time" not in text


def test_the_first_block_goes_under_its_own_heading_at_the_end(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nrows\n", "utf-8")
    mutation_report.write_block(results, f"{mutation_report.BEGIN}\nT\n{mutation_report.END}")
    assert results.read_text("utf-8") == (
        "# Benchmark results\n\nrows\n\n## Mutation testing\n\n"
        f"{mutation_report.BEGIN}\nT\n{mutation_report.END}\n")


def test_a_result_file_that_is_not_mutmuts_is_named_in_the_error(tmp_path):
    mutants = tmp_path / "mutants"
    mutants.mkdir()
    (mutants / "a.py.meta").write_text("{not json", "utf-8")
    with pytest.raises(SystemExit, match=r"a\.py\.meta: not a mutmut result file"):
        mutation_report.collect(["a.py"], mutants)
    (mutants / "a.py.meta").write_text('{"exit_code_by_key": [1, 0]}', "utf-8")
    with pytest.raises(SystemExit, match="exit_code_by_key is a list"):
        mutation_report.collect(["a.py"], mutants)


def test_no_mutants_folder_tells_what_to_run(tmp_path, capsys):
    assert mutation_report.main(["--mutants", str(tmp_path / "none")]) == 2
    assert "make mutation" in capsys.readouterr().err


def test_the_modules_reported_are_those_pyproject_tells_mutmut_to_mutate():
    modules = mutation_report.modules_to_mutate(ROOT / "pyproject.toml")
    assert "lesson_lib/checks/progress.py" in modules and "lesson_lib/actors/ties.py" in modules
    assert [m for m in modules if not (ROOT / m).is_file()] == []


def test_the_exit_codes_are_mutmuts_own_reading():
    mutmut_stats = pytest.importorskip("mutmut.stats")
    for code, name in mutmut_stats.status_by_exit_code.items():
        ours = mutation_report.status(code)
        assert ours == ("interrupted" if name == "check was interrupted by user" else name), code


def test_the_examples_in_the_tool_run():
    import doctest

    assert doctest.testmod(mutation_report).failed == 0
