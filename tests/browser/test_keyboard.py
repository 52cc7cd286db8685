"""Every lesson by keyboard: the down arrow on the last choice of any menu or radio group
keeps the learner where they are (it must not move the notebook's active cell), every
control shows a focus ring, every slider's number says whose number it is, no text is
broken in the middle of a word and no table's cells run together.

JupyterLab's command-mode shortcuts (the arrows, J, K, ...) fire for any focused element
that is not a text box; the course's settings keep them out of widgets
(``tools/lab_settings.py``). A choice at the end of a list is where a browser has nothing
left to do with the key, so the key travels on: this is where a leak shows.
"""

from __future__ import annotations

import pytest

from .jupyter import assert_ran_clean, run_lesson

LESSONS = ["00_start_here.ipynb", "01_the_source.ipynb", "02_timeline.ipynb",
           "03_actor_map.ipynb", "04_balancing_act.ipynb", "05_what_happened_next.ipynb",
           "06_practice_test.ipynb",
           "07_make_the_argument.ipynb", "08_decision_rooms.ipynb"]
CHOICES = (".jp-OutputArea-output .jupyter-widgets select:not([disabled]), "
           ".jp-OutputArea-output .jupyter-widgets .widget-radio-box")
FOCUS_RING_PX = 2  # WCAG 2.4.7: a focus indicator a keyboard user can see

_ACTIVE_CELL = """() => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  return nb.activeCellIndex;
}"""

_NO_RING = """(root, least) => {
  const missing = [];
  for (const el of root.querySelectorAll('.two-chairs-explorer select, .two-chairs-explorer '
       + 'input, .two-chairs-explorer textarea, .two-chairs-explorer button')) {
    if (el.disabled || el.getClientRects().length === 0) continue;
    el.focus({preventScroll: true});
    const style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0;
    if (ring < least) missing.push((el.getAttribute('aria-label') || el.placeholder
                                 || el.textContent.trim() || el.tagName).slice(0, 40));
  }
  return missing;
}"""

# Printed text and text versions: JupyterLab breaks a printed line's words anywhere on a
# narrow screen ("Partne" / "rship"); the course's text versions break between words.
_WORDS_BROKEN = """(root) => [...root.querySelectorAll(
    '.jp-OutputArea-output pre, .jp-OutputArea-output .two-chairs-text-version')]
  .filter(e => e.getClientRects().length > 0 && e.textContent.trim().length > 40
               && getComputedStyle(e).wordBreak === 'break-all')
  .map(e => e.textContent.trim().slice(0, 50))"""

# A table's cells must not touch: the words of two headers would read as one.
_CELLS_TOUCHING = """(root) => {
  const touching = [];
  for (const row of root.querySelectorAll('.two-chairs-explorer table tr')) {
    const cells = [...row.cells].filter(c => c.textContent.trim());
    for (let i = 0; i + 1 < cells.length; i++) {
      const words = c => { const r = document.createRange(); r.selectNodeContents(c);
                           return r.getBoundingClientRect(); };
      const [a, b] = [words(cells[i]), words(cells[i + 1])];
      if (a.width && b.width && b.left - a.right < 6)
        touching.push(`${cells[i].textContent.trim()}|${cells[i + 1].textContent.trim()}`);
    }
  }
  return touching.slice(0, 5);
}"""

_UNNAMED_READOUTS = """(root) => [...root.querySelectorAll('.widget-readout')]
  .filter(r => r.getClientRects().length > 0 && !r.getAttribute('aria-label')
               && r.getAttribute('tabindex') !== '-1' && r.isContentEditable)
  .map(r => r.textContent.trim())"""


def _press_down_on_last_choice(page, control) -> str | None:
    """Choose the last item of a menu or radio group, press the down arrow, and say what
    went wrong (None when the cell and the focus stayed)."""
    # A control in a closed panel (display: none) is not one a learner can reach.
    if not control.evaluate("e => e.checkVisibility()"):
        return None
    control.scroll_into_view_if_needed()
    is_menu = control.evaluate("e => e.tagName === 'SELECT'")
    if is_menu:
        count = control.locator("option").count()
        if count == 0:
            return None
        control.select_option(index=count - 1)
        target = control
    else:
        radios = control.locator("input[type=radio]")
        if radios.count() == 0 or radios.last.is_disabled():
            return None
        radios.last.check()
        target = radios.last
    target.focus()
    cell = page.evaluate(_ACTIVE_CELL)
    page.keyboard.press("ArrowDown")
    # Long enough for the kernel to confirm the new choice: ipywidgets then draws a radio
    # group's buttons again, which is when the focus used to fall out of the group.
    page.wait_for_timeout(400)
    name = (control.get_attribute("aria-label") or control.evaluate(
        "e => (e.labels && e.labels[0] ? e.labels[0].textContent : '') "
        "|| (e.closest('.widget-inline-hbox') || e).textContent.slice(0, 40)")).strip()
    if page.evaluate(_ACTIVE_CELL) != cell:
        return f"{name}: the down arrow moved the active cell from {cell}"
    if not control.evaluate("e => e.contains(document.activeElement)"):
        return f"{name}: the down arrow took the focus away"
    return None


@pytest.mark.parametrize("name", LESSONS)
def test_every_choice_keeps_the_arrow_every_control_a_ring_every_readout_a_name(
        lab, lab_context, name):
    page, run = run_lesson(lab_context, lab, name)
    assert_ran_clean(run)
    notebook = page.locator(".jp-NotebookPanel").first
    problems = []
    choices = page.locator(CHOICES)
    tried = 0
    for i in range(choices.count()):
        control = choices.nth(i)
        if control.count() == 0:  # the explorer redrew after an earlier choice
            continue
        found = _press_down_on_last_choice(page, control)
        tried += 1
        if found:
            problems.append(found)
    problems += [f"no focus ring: {n}" for n in notebook.evaluate(_NO_RING, FOCUS_RING_PX)]
    problems += [f"a readout with no name: {r}" for r in notebook.evaluate(_UNNAMED_READOUTS)]
    problems += [f"words broken anywhere: {t}" for t in notebook.evaluate(_WORDS_BROKEN)]
    problems += [f"table cells run together: {t}" for t in notebook.evaluate(_CELLS_TOUCHING)]
    assert problems == [], problems
    if name != "00_start_here.ipynb":  # lesson 00 has no menu
        assert tried > 0, f"{name}: no menu or radio group found"
