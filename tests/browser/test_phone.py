"""The explorers on a phone (390 x 844): no control runs off the side, none is squashed too
small to use, and every button, menu and box has a name. Screenshots are saved for a person
to look at."""

from __future__ import annotations

import pytest

from lesson_lib.style import NARROWEST_CHART_PX

from .jupyter import NotebookRun, assert_ran_clean, guard_origin, run_lesson, save_screenshot

PHONE = {"width": 390, "height": 844}
# (lesson, text that marks its explorer's output)
EXPLORERS = [
    ("02_timeline.ipynb", "Only what was known by July 2016"),
    ("03_actor_map.ipynb", "Year before"),
    ("04_balancing_act.ipynb", "Minsk's choices"),
]
SMALLEST_CONTROL = 60  # px: a slider or menu narrower than this cannot be used by touch


@pytest.fixture
def phone_context(browser, lab):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(60_000)
    guard = NotebookRun(name="")
    guard_origin(context, lab.url, guard)
    yield context
    context.close()
    lab.shut_down_kernels()


_OVERFLOW = """
([marker, smallest, narrowest]) => {
  const out = [...document.querySelectorAll('.jp-OutputArea-output')]
    .find(o => o.textContent.includes(marker));
  if (!out) return {missing: true};
  out.scrollIntoView();
  const area = out.getBoundingClientRect();
  const problems = [];
  for (const el of out.querySelectorAll(
      '.jupyter-widgets select, .jupyter-widgets input, .jupyter-widgets button, '
      + '.widget-slider .slider-container, .jupyter-widgets .noUi-handle, '
      + '.jupyter-widgets .widget-readout')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // hidden
    const name = (el.getAttribute('aria-label') || el.textContent.trim()
                  || el.tagName).slice(0, 30);
    // A chart's own tools scroll sideways with the chart.
    if (r.right > Math.max(area.right, window.innerWidth) + 1 && !el.closest('.js-plotly-plot'))
      problems.push(`${name}: runs off the right edge (${Math.round(r.right)} px)`);
    if (r.width < smallest && el.matches('select, .slider-container'))
      problems.push(`${name}: only ${Math.round(r.width)} px wide`);
    // Every button, menu, box, text field and slider handle has a name a screen reader
    // can say.
    if (el.matches('select, input, button, .noUi-handle')) {
      const labelled = [...(el.labels || [])].map(l => l.textContent).join(' ');
      const spoken = (el.getAttribute('aria-label') || labelled || el.textContent
                      || el.getAttribute('title') || el.getAttribute('placeholder') || '').trim();
      if (!spoken || spoken === 'null')
        problems.push(`${el.className || el.tagName.toLowerCase()} with no name`);
    }
    // A slider's readout can be typed into: a screen reader must hear whose number it is,
    // not only the number.
    if (el.matches('.widget-readout') && !el.getAttribute('aria-label'))
      problems.push(`the readout ${el.textContent.trim()} with no name`);
  }
  // Charts keep the width their labels were checked at and scroll sideways in their box:
  // walking out from the chart, a box that scrolls sideways must reach its right edge
  // before any box that clips it, or the window, cuts it off.
  for (const plot of out.querySelectorAll('.js-plotly-plot')) {
    const r = plot.getBoundingClientRect();
    if (r.width < narrowest - 1) problems.push(`a chart only ${Math.round(r.width)} px wide`);
    let cut = null;
    for (let box = plot.parentElement; box; box = box.parentElement) {
      const b = box.getBoundingClientRect(), overflow = getComputedStyle(box).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') {
        if (r.right > b.left + box.scrollWidth - box.scrollLeft + 1)
          cut = `its box scrolls only to ${Math.round(b.left + box.scrollWidth)} px`;
        break;
      }
      const shown = b.left + box.clientWidth;
      if ((overflow === 'hidden' || overflow === 'clip') && r.right > shown + 1) {
        cut = `${box.className || box.tagName} hides it from ${Math.round(shown)} px`;
        break;
      }
      if (box === document.body && r.right > window.innerWidth + 1) cut = 'the window ends first';
    }
    if (cut) problems.push(`a chart's right edge (${Math.round(r.right)} px) is cut: ${cut}`);
  }
  const handles = [...out.querySelectorAll('.noUi-handle')].map(h => h.getAttribute('aria-label'));
  return {problems, handles, charts: out.querySelectorAll('.js-plotly-plot').length};
}
"""


@pytest.mark.parametrize("name,marker", EXPLORERS, ids=[e[0] for e in EXPLORERS])
def test_explorer_controls_fit_a_phone(phone_context, lab, name, marker):
    page, run = run_lesson(phone_context, lab, name)
    assert_ran_clean(run)
    # The course opens with the file browser closed on a narrow screen, so the notebook has
    # the width without the learner finding how to close it.
    shell = page.evaluate("() => ({left: window.jupyterapp.shell.leftCollapsed, width: "
                          "document.querySelector('.jp-NotebookPanel').offsetWidth})")
    assert shell["left"], f"{name}: the file browser is open on a phone"
    assert shell["width"] >= 300, shell  # the two side tab bars keep about 70 px of 390
    # The notebook draws a cell's output only near the screen: bring the explorer into view
    # and wait for its chart before measuring anything.
    explorer = page.locator(".jp-OutputArea-output", has_text=marker).first
    explorer.scroll_into_view_if_needed()
    explorer.locator(".js-plotly-plot").first.wait_for()
    result = page.evaluate(_OVERFLOW, [marker, SMALLEST_CONTROL, NARROWEST_CHART_PX])
    assert result["charts"] >= 1, f"{name}: no chart measured"
    assert not result.get("missing"), f"{name}: explorer not found"
    page.locator(".jp-OutputArea-output", has_text=marker).first.scroll_into_view_if_needed()
    save_screenshot(page, run, "-phone")
    assert result["problems"] == [], result["problems"]
    if name.startswith("02"):  # a range slider's two handles say which end they hold
        assert result["handles"] == ["Years, from", "Years, to"]
