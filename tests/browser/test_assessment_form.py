"""A form of the graded assessment as a learner gets it, in JupyterLab: Run All works on the
blank paper (each unanswered question says what to type and the run goes on), the explorers
and the UN votes' table show, and typed answers are each told they are in the right form."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from playwright.sync_api import expect

from .jupyter import assert_ran_clean, assert_stayed_offline, run_lesson, save_screenshot

ROOT = Path(__file__).resolve().parents[2]
FORM = (ROOT / "notebooks" / "assessment" / "source" / "two_chairs_form_a"
        / "two_chairs_form_a.ipynb")
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS\n?", re.S)


def learner_copy(folder: Path, name: str, *, answered: bool) -> str:
    """The form as nbgrader releases it (solutions and hidden tests taken out), written to the
    lab's folder; ``answered``: with the solution's lines typed in, as a learner would."""
    notebook = nbformat.read(FORM, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        solution = SOLUTION.search(cell.source)
        if solution and answered:  # the learner's lines replace the three dots
            cell.source = solution.group(1)
        cell.source = HIDDEN.sub("", SOLUTION.sub("", cell.source)).rstrip()
    nbformat.write(notebook, folder / name)
    return name


def every_output_text(page) -> str:
    """The text of every output as it stands in the page, drawn or not (JupyterLab skips
    drawing cells far from view, so what is visible is not all there is); one check cell
    prints one line per answer."""
    return "\n".join(page.locator(".jp-OutputArea-output").all_text_contents())


def test_a_blank_form_runs_to_the_end_and_says_what_to_type(lab, lab_context):
    page, run = run_lesson(lab_context, lab, learner_copy(lab.root, "form_a_blank.ipynb",
                                                           answered=False))
    assert_ran_clean(run)
    outputs = page.locator(".jp-OutputArea-output")
    # every check cell ran and said what to type; none stopped the run
    text = every_output_text(page)
    assert "q9_says: ✘ q9_says has no answer yet" in text
    assert text.count("has no answer yet") == 13, text
    table = outputs.filter(has_text="Moratorium on the use of the death penalty")
    table.scroll_into_view_if_needed()
    expect(table.locator("tbody tr")).to_have_count(2)  # the course's two votes of 2007
    save_screenshot(page, run, "-un-votes")
    assert_stayed_offline(run, lab_context)


def test_typed_answers_are_each_in_the_right_form(lab, lab_context):
    page, run = run_lesson(lab_context, lab, learner_copy(lab.root, "form_a_answered.ipynb",
                                                           answered=True))
    assert_ran_clean(run)
    outputs = page.locator(".jp-OutputArea-output")
    text = every_output_text(page)
    assert text.count("✔ in the right form") == 13, text
    assert "✘" not in text
    explorer = outputs.filter(has_text="add the points of lasting links").first
    explorer.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # cells above are drawn as they come near, and push it down
    explorer.scroll_into_view_if_needed()
    expect(explorer.locator(".js-plotly-plot")).to_be_in_viewport()
    save_screenshot(page, run, "-index")
    assert_stayed_offline(run, lab_context)
