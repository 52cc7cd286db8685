"""Page code that every explorer carries, for the keyboard and the screen reader.

ipywidgets leaves two gaps that a learner without a mouse falls into:

- a slider's handle has no name a screen reader can say, and the number beside it (which
  can be typed into) says only the number;
- a radio group's buttons have no common ``name``, so the arrow keys do not move between
  them as in any other form. Worse, a button alone in its group leaves the arrow key to
  the page: on the last verdict of lesson 05 the down arrow moved the notebook's active
  cell. With one name per group the arrows move within it and wrap at its end.

:class:`AccessibleControls` is an invisible widget whose page code closes both inside the
explorer it sits in, for controls drawn later too (a redraw, a panel opened).
"""

from __future__ import annotations

import anywidget

__all__ = ["AccessibleControls"]

# Sliders: each handle takes its slider's full name (the tooltip lesson_lib.display.stacked
# sets, which ipywidgets puts on the label, else the short label); a range slider's two
# handles say "from" and "to", and the readout says whose value it is.
_ESM = """
function nameSliders(root) {
  for (const slider of root.querySelectorAll('.widget-slider')) {
    const label = slider.querySelector('.widget-label');
    // ipywidgets writes a missing tooltip as the word "null"
    const tip = label && label.title !== 'null' ? label.title : '';
    const name = (tip || slider.getAttribute('title') || (label && label.textContent)
                  || '').trim();
    const handles = slider.querySelectorAll('.noUi-handle');
    handles.forEach((handle, i) => {
      const spoken = handles.length === 2 ? `${name}, ${i === 0 ? 'from' : 'to'}` : name;
      if (name && handle.getAttribute('aria-label') !== spoken)
        handle.setAttribute('aria-label', spoken);
    });
    // The number beside a slider can be typed into, so it is a stop of its own: it says
    // whose value it is.
    const readout = slider.querySelector('.widget-readout');
    const said = `${name}: value (type a new one)`;
    if (name && readout && readout.getAttribute('aria-label') !== said) {
      // an editable number is a text box to a screen reader, which may then name it
      if (readout.isContentEditable) readout.setAttribute('role', 'textbox');
      readout.setAttribute('aria-label', said);
    }
  }
}

// Each explorer runs its own copy of this code, so a counter here would give two explorers'
// groups the same name, and the browser would make them one group: the name is random.
function groupRadios(root) {
  for (const box of root.querySelectorAll('.widget-radio-box')) {
    if (!box.dataset.radioGroup)
      box.dataset.radioGroup = `two-chairs-radio-${Math.random().toString(36).slice(2, 12)}`;
    for (const radio of box.querySelectorAll('input[type="radio"]'))
      if (radio.name !== box.dataset.radioGroup) radio.name = box.dataset.radioGroup;
  }
}

function tidy(root) {
  nameSliders(root);
  groupRadios(root);
}

export default {
  render({ el }) {
    let observer = null;
    const start = () => {
      const root = el.closest('.two-chairs-explorer');
      if (!root) { timer = setTimeout(start, 100); return; }
      tidy(root);
      observer = new MutationObserver(() => tidy(root));
      observer.observe(root, {childList: true, subtree: true, attributes: true,
                              attributeFilter: ['title']});
    };
    let timer = setTimeout(start, 0);
    return () => { clearTimeout(timer); if (observer) observer.disconnect(); };
  }
};
"""


class AccessibleControls(anywidget.AnyWidget):
    """Invisible; its page code names every slider of the explorer it sits in and makes
    each radio group one group for the arrow keys."""

    _esm = _ESM
