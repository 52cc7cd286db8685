"""A lesson's self-check as a page of plain HTML and a little JavaScript, for the reading
copies (``make html``) that are read without a kernel, from a USB stick or an intranet.

The learner chooses or types an answer and gets the same feedback, hints and explanation
as in the notebook. Everything is in the page: no request leaves it. The answers are in
the page source too, which is fine for practice; the graded assessment is never rendered
here.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata

from ..tables import load_actors, load_events, load_sources
from .banks import load_quiz
from .questions import Question
from .quiz import SHOW_EXPLANATION_AFTER, explanation_html, prompt_html

__all__ = ["static_quiz_html", "plain_text"]


def plain_text(text: str) -> str:
    """Lower case, accents dropped, anything but letters and digits turned into single
    spaces: the form in which the page compares a typed answer (its script does the same).

    >>> plain_text("  Latvija! "), plain_text("Лукашэнка")
    ('latvija', 'лукашэнка')
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+|_", " ", bare).strip()


def _question_data(q: Question, events, sources, actors) -> dict:
    data = {"id": q.id, "type": q.type, "hints": list(q.hints),
            "explanation": explanation_html(q, {"correct": True, "attempts": 0},
                                            events, sources)}
    if q.type in ("single", "multiple"):
        data["options"] = [{"id": o.id, "text": o.text, "feedback": o.feedback or ""}
                           for o in q.options]
        data["answer"] = q.answer if q.type == "single" else list(q.answer)
    elif q.type == "number":
        data.update(answer=q.answer, tolerance=q.tolerance, year=q.unit == "year",
                    wrong=q.wrong_feedback or "")
    elif q.type == "text":
        data.update(accepted=sorted({plain_text(a) for a in q.accepted}),
                    wrong=q.wrong_feedback or "")
    elif q.type == "order":
        titles = events.set_index("event_id")["title"]
        dates = events.set_index("event_id")["date"]
        data.update(items=[{"id": e, "text": titles[e]} for e in q.order],
                    answer=sorted(q.order, key=lambda e: dates[e]))
    elif q.type == "match":
        names = actors.set_index("actor_id")["name"]
        data.update(actors=[{"id": p.actor_id, "text": names.get(p.actor_id, p.actor_id)}
                            for p in q.pairs],
                    roles=sorted({p.role for p in q.pairs}),
                    answer={p.actor_id: p.role for p in q.pairs})
    return data


def _controls(q: Question, data: dict) -> str:
    name = html.escape(q.id)
    if q.type in ("single", "multiple"):
        kind = "radio" if q.type == "single" else "checkbox"
        return "".join(
            f'<label class="tc-option"><input type="{kind}" name="{name}" '
            f'value="{html.escape(o["id"])}"> {html.escape(o["text"])}</label>'
            for o in data["options"])
    if q.type in ("number", "text"):
        hint = "a year, e.g. 2004" if data.get("year") else (
            "a number" if q.type == "number" else "your answer")
        return (f'<input type="text" class="tc-typed" aria-label="Your answer" '
                f'placeholder="{hint}">')
    if q.type == "order":
        choices = "".join(f'<option value="{html.escape(i["id"])}">{html.escape(i["text"])}'
                          "</option>" for i in data["items"])
        return "".join(f'<label class="tc-slot">{n + 1}. <select aria-label="Place {n + 1}">'
                       f'<option value="">choose…</option>{choices}</select></label>'
                       for n in range(len(data["items"])))
    choices = "".join(f'<option value="{html.escape(r)}">{html.escape(r)}</option>'
                      for r in data["roles"])
    return "".join(f'<label class="tc-slot">{html.escape(a["text"])}: <select '
                   f'aria-label="Role of {html.escape(a["text"])}" data-actor='
                   f'"{html.escape(a["id"])}"><option value="">choose…</option>{choices}'
                   "</select></label>" for a in data["actors"])


def static_quiz_html(lesson: str) -> str:
    """The self-check of ``lesson`` as a self-contained block of HTML with its script.

    >>> page = static_quiz_html("02")
    >>> "q02_union_state_year" in page and "<script>" in page and "http" not in page.split(
    ...     "<script>")[1]
    True
    """
    bank = load_quiz(lesson)
    events, sources, actors = load_events(), load_sources(), load_actors()
    blocks, data = [], []
    for number, q in enumerate(bank.questions, start=1):
        entry = _question_data(q, events, sources, actors)
        data.append(entry)
        blocks.append(
            f'<fieldset class="tc-question" data-index="{number - 1}">'
            f"<legend>{prompt_html(q, number)}</legend>{_controls(q, entry)}"
            '<div class="tc-buttons"><button type="button" class="tc-check">Check</button> '
            f'<button type="button" class="tc-hint">Hint ({len(q.hints)} left)</button></div>'
            '<div class="tc-hints"></div><div class="tc-feedback" aria-live="polite"></div>'
            '<div class="tc-why" hidden></div></fieldset>')
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return (f'<div class="two-chairs-static-quiz" data-lesson="{html.escape(lesson)}">'
            f"<p><b>{html.escape(bank.title)}</b></p>"
            "<p><i>In this reading copy your answers are not saved: open the lesson in "
            "JupyterLab to keep your progress.</i></p>"
            f'<p class="tc-score">0 of {len(data)} right, 0 hints used</p>'
            f"{''.join(blocks)}"
            f'<script type="application/json" class="tc-data">{payload}</script>'
            f"<style>{_STYLE}</style><script>{_SCRIPT % SHOW_EXPLANATION_AFTER}</script></div>")


_STYLE = """
.two-chairs-static-quiz fieldset {border: 1px solid #ccc; margin: 0.8em 0; padding: 0.6em;
  min-width: 0;}
.two-chairs-static-quiz legend p {margin: 0;}
.two-chairs-static-quiz .tc-option, .two-chairs-static-quiz .tc-slot {display: flex;
  gap: 0.4em; align-items: flex-start; margin: 0.3em 0;}
.two-chairs-static-quiz .tc-option input {margin-top: 0.25em;}
.two-chairs-static-quiz select, .two-chairs-static-quiz .tc-typed {max-width: 100%;
  min-width: 0; font-size: 1em;}
.two-chairs-static-quiz .tc-slot select {flex: 1 1 auto; width: 100%;}
.two-chairs-static-quiz button {font-size: 1em; padding: 0.3em 0.8em; margin-top: 0.4em;}
.two-chairs-static-quiz :focus-visible {outline: 3px solid #0B57D0;}
"""

# The same checks as lesson_lib.checks.marking, in the browser. %d is when the explanation opens.
_SCRIPT = """
(() => {
  const root = document.currentScript.closest('.two-chairs-static-quiz');
  const data = JSON.parse(root.querySelector('.tc-data').textContent);
  const plain = t => t.toLowerCase().normalize('NFD').replace(/\\p{M}/gu, '')
    .replace(/[^\\p{L}\\p{N}]+/gu, ' ').trim();
  const state = data.map(() => ({right: false, tries: 0, hints: 0}));
  const say = (box, mark, text) => {
    box.textContent = '';
    const p = document.createElement('p');
    const b = document.createElement('b');
    b.textContent = mark;
    p.append(b, text);
    box.append(p);
  };
  const score = () => {
    const right = state.filter(s => s.right).length;
    const hints = state.reduce((n, s) => n + s.hints, 0);
    root.querySelector('.tc-score').textContent =
      `${right} of ${data.length} right, ${hints} hint${hints === 1 ? '' : 's'} used`;
  };
  const check = (q, box) => {
    if (q.type === 'single') {
      const c = box.querySelector('input:checked');
      if (!c) return [null, 'Choose one of the answers first.'];
      const o = q.options.find(o => o.id === c.value);
      const right = c.value === q.answer;
      return [right, o.feedback || (right ? 'Right.' : 'Not quite.')];
    }
    if (q.type === 'multiple') {
      const chosen = [...box.querySelectorAll('input:checked')].map(c => c.value);
      if (!chosen.length) return [null, 'Tick at least one answer first.'];
      const extra = chosen.filter(c => !q.answer.includes(c));
      const missing = q.answer.filter(a => !chosen.includes(a)).length;
      if (!extra.length && !missing)
        return [true, 'Right: you found all of them and nothing else.'];
      const notes = extra.map(id => {
        const o = q.options.find(o => o.id === id);
        return o.feedback || `“${o.text}” is not one of them.`;
      });
      if (missing)
        notes.push(`${missing} correct answer${missing > 1 ? 's are' : ' is'} missing.`);
      return [false, notes.join(' ')];
    }
    if (q.type === 'number') {
      const text = box.querySelector('.tc-typed').value.trim().replace(',', '.');
      if (!text) return [null, 'Type a number first.'];
      const value = Number(text);
      if (!Number.isFinite(value))
        return [null, 'That is not a number. Type digits only, e.g. '
                      + (q.year ? '2004.' : 'a number such as 3.')];
      if (Math.abs(value - q.answer) <= q.tolerance) return [true, 'Right.'];
      const dir = value < q.answer ? (q.year ? 'too early' : 'too low')
                                   : (q.year ? 'too late' : 'too high');
      const close = Math.abs(value - q.answer) <= Math.max(2 * q.tolerance, q.year ? 2 : 0);
      return [false, q.wrong || `Not quite: ${dir}${close ? ', but close.' : '.'}`];
    }
    if (q.type === 'text') {
      const text = box.querySelector('.tc-typed').value;
      if (!text.trim()) return [null, 'Type an answer first.'];
      return q.accepted.includes(plain(text)) ? [true, 'Right.']
        : [false, q.wrong || 'Not quite. A hint may help.'];
    }
    const picks = [...box.querySelectorAll('select')];
    if (picks.some(s => !s.value)) return [null, q.type === 'order'
      ? 'Place each event exactly once.' : 'Give every actor a role.'];
    if (q.type === 'order') {
      const given = picks.map(s => s.value);
      if (new Set(given).size !== given.length) return [null, 'Place each event exactly once.'];
      const placed = given.filter((g, i) => g === q.answer[i]).length;
      return placed === given.length ? [true, 'Right: that is the order in which they happened.']
        : [false, `${placed} of ${given.length} are in the right place. `
                  + 'Check the dates on the timeline.'];
    }
    const good = picks.filter(s => q.answer[s.dataset.actor] === s.value).length;
    return good === picks.length ? [true, 'Right: every actor has its role.']
      : [false, `${good} of ${picks.length} roles are right.`];
  };
  root.querySelectorAll('.tc-question').forEach(box => {
    const i = Number(box.dataset.index), q = data[i], s = state[i];
    const feedback = box.querySelector('.tc-feedback'), why = box.querySelector('.tc-why');
    const hintButton = box.querySelector('.tc-hint');
    if (!q.hints.length) hintButton.hidden = true;
    box.querySelector('.tc-check').addEventListener('click', () => {
      const [right, text] = check(q, box);
      if (right === null) { say(feedback, '', text); return; }
      s.tries += 1;
      s.right = s.right || right;
      say(feedback, right ? '✔ ' : '✘ ', text);
      if (s.right || s.tries >= %d) { why.innerHTML = q.explanation; why.hidden = false; }
      score();
    });
    box.querySelectorAll('.tc-typed').forEach(input => input.addEventListener('keydown',
      e => { if (e.key === 'Enter') box.querySelector('.tc-check').click(); }));
    hintButton.addEventListener('click', () => {
      if (s.hints >= q.hints.length) return;
      const p = document.createElement('p');
      const label = document.createElement('i');
      label.textContent = `Hint ${s.hints + 1}: `;
      p.append(label, q.hints[s.hints]);
      box.querySelector('.tc-hints').append(p);
      s.hints += 1;
      const left = q.hints.length - s.hints;
      hintButton.textContent = left ? `Hint (${left} left)` : 'No more hints';
      hintButton.disabled = !left;
      score();
    });
  });
})();
"""
