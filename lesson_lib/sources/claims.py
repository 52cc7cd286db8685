"""The source article's argument as data: classify claims, check facts, audit forecasts.

Pure functions build tables and figures from ``claims.csv``; two small widgets let a
learner commit to an answer before the course reveals its own.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .._checks import some_of
from ..course import labels
from ..display import Explorer
from ..errors import LessonError, Problem
from ..formatting import events_html
from ..style import FONT, OKABE_ITO, course_figure
from ..tables import load_actors, load_claims, load_events, load_sources
from .article import ARTICLE_SOURCE_ID, article_citation, article_label
from .sourcing import independent_sources

__all__ = [
    "article_paragraphs",
    "article_html",
    "read_article",
    "CLAIM_KINDS",
    "VERDICTS",
    "filter_claims",
    "corroboration_table",
    "forecast_scorecard",
    "scorecard_figure",
    "ClaimsExplorer",
    "ForecastAudit",
    "audit_rule_problems",
]

CLAIM_KINDS = labels("claims", "kind")
VERDICTS = labels("claims", "verdict")
CALIBRATION = labels("claims", "calibration")
# Each forecast verdict once, in the scorecard's order, with its colour and bar pattern.
_VERDICT_STYLE = {"came_true": (OKABE_ITO["green"], ""), "partly": (OKABE_ITO["yellow"], "/"),
                  "did_not": (OKABE_ITO["vermillion"], "x"), "cannot_be_tested": ("#BBBBBB", ".")}
FORECAST_VERDICTS = list(_VERDICT_STYLE)


def filter_claims(claims: pd.DataFrame | None = None, *, kinds=None,
                  actors=None) -> pd.DataFrame:
    """Claims of the given kinds and/or about any of the given actors.

    >>> len(filter_claims(kinds="forecast")) >= 5
    True
    """
    claims = load_claims() if claims is None else claims
    keep = pd.Series(True, index=claims.index)
    kinds = some_of("kinds", kinds, CLAIM_KINDS)
    if kinds is not None:
        keep &= claims["kind"].isin(kinds)
    actors = some_of("actors", actors, load_actors()["actor_id"])
    if actors is not None:
        keep &= claims["actor_ids"].map(lambda ids: bool(set(ids) & set(actors)))
    return claims[keep]


def _event_sources(event_ids, events: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """The sources cited by these events, each once, in order."""
    by_event = events.set_index("event_id")
    found: list[str] = []
    for event_id in event_ids:
        if event_id in by_event.index:
            found += [s for s in by_event.loc[event_id, "source_ids"] if s not in found]
    return found


def corroboration_table(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each reported fact: the verdict, the events that bear on it, who reports them and
    what kind of source each is, and how many independent sources that makes.

    Columns: claim_id, paragraph, claim, verdict, events, related_sources ("publisher
    (kind of source)", the article itself left out), independent_sources (a reprint counts
    as the report it reprints). A related source may confirm the context (the summit took
    place) without confirming the claim (who was invited): the verdict says which.

    >>> table = corroboration_table()
    >>> set(table["verdict"]) <= {"confirmed", "only_in_article", "contradicted"}
    True
    """
    claims = load_claims() if claims is None else claims
    facts = claims[claims["kind"] == "reported_fact"]
    events, sources = load_events(), load_sources()
    by_source = sources.set_index("source_id")
    kinds = labels("sources", "reliability")
    rows = []
    for claim in facts.itertuples():
        cited = [s for s in _event_sources(claim.event_ids, events, sources)
                 if s != ARTICLE_SOURCE_ID]
        named = sorted({f"{by_source.loc[s, 'publisher']} "
                        f"({kinds[by_source.loc[s, 'reliability']]})" for s in cited})
        rows.append({"claim_id": claim.claim_id, "paragraph": claim.paragraph,
                     "claim": claim.paraphrase, "verdict": claim.verdict,
                     "events": ", ".join(claim.event_ids), "related_sources": "; ".join(named),
                     "independent_sources": len(independent_sources(cited, sources))})
    return pd.DataFrame(rows, columns=["claim_id", "paragraph", "claim", "verdict", "events",
                                       "related_sources", "independent_sources"])


def forecast_scorecard(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every forecast with the course's verdict and the events behind it, in article order.

    >>> set(forecast_scorecard()["verdict"]) <= set(FORECAST_VERDICTS)
    True
    """
    claims = load_claims() if claims is None else claims
    forecasts = claims[claims["kind"] == "forecast"]  # claims are stored in article order
    return forecasts[["claim_id", "paragraph", "sentence", "paraphrase", "condition",
                      "condition_met", "horizon", "verdict", "verdict_note", "calibration",
                      "calibration_note", "event_ids"]].reset_index(drop=True)


def audit_rule_problems(claims: pd.DataFrame | None = None) -> list[str]:
    """Forecasts whose verdict breaks the audit's written rule: a forecast whose condition
    did not happen (``condition_met`` is no or not yet) cannot be tested, whatever happened
    otherwise; one whose condition happened, or that has none, gets a real verdict.

    >>> audit_rule_problems()
    []
    """
    claims = load_claims() if claims is None else claims
    problems = []
    for claim in claims[claims["kind"] == "forecast"].itertuples():
        untestable = isinstance(claim.condition, str) and claim.condition_met in ("no",
                                                                                 "not_yet")
        if untestable and claim.verdict != "cannot_be_tested":
            problems.append(f"{claim.claim_id}: its condition did not happen, so the verdict "
                            f"must be cannot_be_tested, not {claim.verdict}")
        if not untestable and claim.verdict == "cannot_be_tested":
            problems.append(f"{claim.claim_id}: cannot_be_tested needs a condition that did "
                            "not happen")
    return problems


def scorecard_figure(claims: pd.DataFrame | None = None) -> go.Figure:
    """How many of the article's forecasts came true, partly, did not, or cannot be tested.

    Bars carry a pattern as well as a colour, and the count is written on each bar.

    >>> fig = scorecard_figure()
    >>> sum(fig.data[0].y) == len(forecast_scorecard())
    True
    """
    card = forecast_scorecard(claims)
    counts = card["verdict"].value_counts()
    order = FORECAST_VERDICTS
    return course_figure(go.Bar(
        x=[VERDICTS[v] for v in order], y=[int(counts.get(v, 0)) for v in order],
        text=[int(counts.get(v, 0)) for v in order], textposition="outside",
        marker={"color": [_VERDICT_STYLE[v][0] for v in order],
                "pattern": {"shape": [_VERDICT_STYLE[v][1] for v in order]},
                "line": {"color": "#333", "width": 1}},
        hoverinfo="x+y", name="forecasts"), layout=dict(
        height=380, font=FONT,
        title={"text": "The article's forecasts, checked against what happened", "x": 0.01},
        yaxis={"title": {"text": "forecasts"}, "dtick": 1},
        margin={"l": 60, "r": 20, "t": 60, "b": 60}))


def _text(value) -> str:
    """Missing text (None or pandas NA) as an empty string."""
    return "" if value is None or pd.isna(value) else str(value)


def where_in_article(paragraph: int) -> str:
    """ "headline" or "paragraph 3": how a claim's place in the article is cited.

    >>> where_in_article(0), where_in_article(3)
    ('headline', 'paragraph 3')
    """
    return "headline" if paragraph == 0 else f"paragraph {paragraph}"


def article_paragraphs(claims: pd.DataFrame | None = None) -> list[str]:
    """The article's unique text rebuilt from the claims' sentences, in the article's order:
    [headline, lead, paragraph 2, ..., paragraph 8]. Claims are stored in article order;
    a sentence two claims share, or one already quoted within a longer passage, is kept once.

    >>> article_paragraphs()[0]
    'Minsk seeks to demonstrate to NATO its independence'
    """
    claims = load_claims() if claims is None else claims
    paragraphs: dict[int, list[str]] = {}
    for claim in claims.itertuples():
        sentences = paragraphs.setdefault(int(claim.paragraph), [])
        if claim.sentence not in " ".join(sentences):  # already there, whole or in part
            sentences.append(claim.sentence)
    return [" ".join(paragraphs[p]) for p in sorted(paragraphs)]


def article_html(claims: pd.DataFrame | None = None) -> str:
    """The whole article to read, quoted and attributed, with the course's paragraph numbers.

    >>> "Belarus in Focus, 25 July 2016" in article_html()
    True
    """
    paragraphs = article_paragraphs(claims)
    body = "".join(f"<p><small>[{where_in_article(i)}]</small> {html.escape(text)}</p>"
                   for i, text in enumerate(paragraphs) if i)
    return ("<div style='border-left:3px solid #0B2E59;padding-left:10px;max-width:46em'>"
            f"<h4>{html.escape(paragraphs[0])}</h4>{body}"
            f"<p><small>{html.escape(article_citation())}. Quoted in full for close "
            "reading; the course numbers the paragraphs.</small></p></div>")


def read_article() -> widgets.HTML:
    """The article, quoted in full with its paragraph numbers, ready to show in a lesson."""
    return widgets.HTML(article_html())


def claim_card_html(claim, reveal: bool, events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """One claim: the article's exact sentence (quoted, attributed), the course's restatement,
    and once revealed the course's classification and what happened. Everything escaped."""
    parts = [
        "<blockquote style='margin:0 0 4px 0;padding-left:8px;border-left:3px solid #0B2E59'>"
        f"“{html.escape(claim.sentence)}”<br><small>{html.escape(article_label())}, "
        f"{where_in_article(claim.paragraph)}</small></blockquote>",
        f"<p><i>In the course's words:</i> {html.escape(claim.paraphrase)}</p>"]
    if reveal:
        parts.append(f"<p><b>The course's classification:</b> {CLAIM_KINDS[claim.kind]}. "
                     f"{html.escape(_text(claim.reasoning))}</p>")
        if isinstance(claim.verdict, str):
            parts.append(f"<p><b>Checked:</b> {VERDICTS[claim.verdict]}. "
                         f"{html.escape(_text(claim.verdict_note))}</p>")
            parts.append(events_html(claim.event_ids, events, sources))
    return "".join(parts)


NOT_CALLED = "not_called"


class ClaimsExplorer(Explorer):
    """Classify the article's claims yourself, then reveal the course's answer.

    Filters by your own call and by actor; each claim has a menu for your classification
    and a *Reveal* button, which shows the course's only once you have made your call. The
    score line counts how often you and the course agree.

    >>> explorer = ClaimsExplorer()
    >>> first = explorer.claim_ids[0]
    >>> explorer.guesses[first].value = "interpretation"
    >>> explorer.reveal(first)
    >>> explorer.score.value.startswith("You classified 1")
    True
    """

    def __init__(self, claims: pd.DataFrame | None = None) -> None:
        self._claims = load_claims() if claims is None else claims
        self._events, self._sources = load_events(), load_sources()
        actors = load_actors().set_index("actor_id")
        present = sorted({a for ids in self._claims["actor_ids"] for a in ids},
                         key=lambda a: actors.loc[a, "name"])
        # Filters by the learner's own calls: filtering by the course's kinds would show its
        # classification before the learner had made theirs (commit first, then compare).
        self.kind = widgets.Dropdown(description="Your call", value="", options=[
            ("Any (all claims)", ""), ("Not called yet", NOT_CALLED)] + [
            (f"You said: {label}", key) for key, label in CLAIM_KINDS.items()])
        self.actor = widgets.Dropdown(description="Actor", value="", options=[
            ("Any actor", "")] + [(actors.loc[a, "name"], a) for a in present])
        self.guesses: dict[str, widgets.Dropdown] = {}
        self.cards: dict[str, widgets.HTML] = {}
        self.revealed: set[str] = set()
        rows = []
        for claim in self._claims.itertuples():
            guess = widgets.Dropdown(description="Your call", value="", options=[
                ("choose…", "")] + [(label, key) for key, label in CLAIM_KINDS.items()])
            guess.observe(self._refresh_if_filtered, names="value")
            button = widgets.Button(description="Reveal", tooltip="Show the course's answer")
            button.on_click(lambda _b, cid=claim.claim_id: self.reveal(cid))
            card = widgets.HTML(claim_card_html(claim, False, self._events, self._sources))
            self.guesses[claim.claim_id], self.cards[claim.claim_id] = guess, card
            rows.append(widgets.VBox([card, widgets.HBox([guess, button])],
                                     layout=widgets.Layout(border="1px solid #ddd",
                                                           padding="4px", margin="4px 0")))
        self._rows = dict(zip(self._claims["claim_id"], rows, strict=True))
        self.claim_ids = list(self._claims["claim_id"])
        self.score = widgets.HTML()
        self.list = widgets.VBox()
        self.paragraph = widgets.Dropdown(description="Where", value=-1, options=[
            ("Whole article", -1)] + [(where_in_article(p).capitalize(), p) for p in
                                      sorted(set(self._claims["paragraph"]))])
        for control in (self.kind, self.actor, self.paragraph):
            control.observe(self._refresh, names="value")
        self.box = widgets.VBox([
            widgets.HBox([self.paragraph, self.kind, self.actor],
                         layout=widgets.Layout(flex_flow="row wrap")), self.score, self.list])
        self._refresh()

    def _refresh(self, _change=None) -> None:
        shown = filter_claims(self._claims, actors=self.actor.value or None)
        if self.paragraph.value >= 0:
            shown = shown[shown["paragraph"] == self.paragraph.value]
        called = self.kind.value
        ids = [c for c in shown["claim_id"]
               if not called or self.guesses[c].value == ("" if called == NOT_CALLED else called)]
        self.list.children = [self._rows[c] for c in ids]
        self._update_score()

    def _refresh_if_filtered(self, _change=None) -> None:
        if self.kind.value:  # a call changed: the claim may leave or join the filtered list
            self._refresh()

    def reveal(self, claim_id: str) -> None:
        """Show the course's classification (and verdict, for facts and forecasts)."""
        if claim_id not in self.cards:
            raise LessonError(Problem("no such claim", found=str(claim_id),
                                      expected="a claim_id of load_claims()"))
        claim = self._claims.set_index("claim_id").loc[claim_id]
        row = next(self._claims[self._claims["claim_id"] == claim_id].itertuples())
        guess = self.guesses[claim_id].value
        if not guess:
            self.cards[claim_id].value = claim_card_html(row, False, self._events,
                                                         self._sources) + (
                "<p><i>Make your call first (the menu below), then reveal the course's.</i></p>")
            return
        self.cards[claim_id].value = claim_card_html(row, True, self._events, self._sources)
        if guess:
            verdict = "agrees" if guess == claim["kind"] else "differs"
            self.cards[claim_id].value += (f"<p><i>Your call ({CLAIM_KINDS[guess]}) {verdict} "
                                           "with the course's.</i></p>")
        self.revealed.add(claim_id)
        self._update_score()

    def _update_score(self) -> None:
        kinds = self._claims.set_index("claim_id")["kind"]
        judged = [c for c in self.revealed if self.guesses[c].value]
        same = sum(self.guesses[c].value == kinds[c] for c in judged)
        verb = "matches" if same == 1 else "match"
        self.score.value = (f"You classified {len(judged)} of {len(kinds)} claims; "
                            f"{same} {verb} the course's classification.")


class ForecastAudit(Explorer):
    """One forecast at a time: give your verdict, then see the course's with its evidence.

    >>> audit = ForecastAudit()
    >>> audit.verdict.value = "did_not"
    >>> audit.reveal_button.click()
    >>> "Answer both questions" in audit.answer.value
    True
    >>> audit.calibration.value = "plausible"
    >>> audit.reveal_button.click()
    >>> "The course's verdict" in audit.answer.value
    True
    >>> audit.next_button.click()
    >>> audit.position
    1
    """

    def __init__(self, claims: pd.DataFrame | None = None) -> None:
        self._card = forecast_scorecard(claims)
        self._events, self._sources = load_events(), load_sources()
        self.position = 0
        self.answers: dict[str, str] = {}
        self.calibrations: dict[str, str] = {}
        self.prompt = widgets.HTML()
        self.verdict = widgets.RadioButtons(
            options=[(VERDICTS[v], v) for v in FORECAST_VERDICTS], value=None,
            description="What happened?", style={"description_width": "initial"})
        self.calibration = widgets.RadioButtons(
            options=[(CALIBRATION[c], c) for c in CALIBRATION], value=None,
            description="A reasonable call in July 2016?",
            style={"description_width": "initial"})
        self.reveal_button = widgets.Button(description="Reveal the course's verdict",
                                            layout=widgets.Layout(width="auto"))
        self.previous_button = widgets.Button(description="◀ Previous")
        self.next_button = widgets.Button(description="Next ▶")
        self.answer = widgets.HTML()
        self.progress = widgets.HTML()
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.next_button.on_click(lambda _b: self.go(self.position + 1))
        self.previous_button.on_click(lambda _b: self.go(self.position - 1))
        self.box = widgets.VBox([self.progress, self.prompt,
                                 widgets.HBox([self.calibration, self.verdict],
                                              layout=widgets.Layout(flex_flow="row wrap")),
                                 widgets.HBox([self.reveal_button, self.previous_button,
                                               self.next_button]), self.answer])
        self.go(0)

    def go(self, position: int) -> None:
        """Show forecast number ``position`` (0-based), staying inside the list."""
        self.position = min(max(position, 0), len(self._card) - 1)
        row = self._card.iloc[self.position]
        condition = (f"<p><i>Condition:</i> {html.escape(row['condition'])} "
                     f"<i>By when:</i> {html.escape(_text(row['horizon']))}</p>"
                     if isinstance(row["condition"], str) else
                     f"<p><i>By when:</i> {html.escape(_text(row['horizon']))}</p>")
        self.prompt.value = (
            f"<p><b>Forecast {self.position + 1} of {len(self._card)}</b> "
            f"({where_in_article(int(row['paragraph']))}):</p>"
            "<blockquote style='margin:4px 0;padding-left:8px;border-left:3px solid #0B2E59'>"
            f"“{html.escape(row['sentence'])}”</blockquote>"
            f"<p><i>In the course's words:</i> {html.escape(row['paraphrase'])}</p>{condition}")
        self.verdict.value = self.answers.get(row["claim_id"])
        self.calibration.value = self.calibrations.get(row["claim_id"])
        self.answer.value = ""
        self._update_progress()

    def reveal(self) -> None:
        row = self._card.iloc[self.position]
        if self.verdict.value is None or self.calibration.value is None:
            self.answer.value = ("<p><i>Answer both questions first (was it a reasonable call "
                                 "in 2016, and what happened), then reveal.</i></p>")
            return
        self.answers[row["claim_id"]] = self.verdict.value
        self.calibrations[row["claim_id"]] = self.calibration.value
        same = "matches" if self.verdict.value == row["verdict"] else "differs from"
        self.answer.value = (
            f"<p><b>In July 2016 the course judges it {CALIBRATION[row['calibration']]}.</b> "
            f"{html.escape(_text(row['calibration_note']))}</p>"
            f"<p><b>The course's verdict on what happened: {VERDICTS[row['verdict']]}.</b> "
            f"{html.escape(_text(row['verdict_note']))}</p>"
            f"<p><i>Your verdict {same} the course's.</i></p>"
            + events_html(row["event_ids"], self._events, self._sources))
        self._update_progress()

    def _update_progress(self) -> None:
        verdicts = dict(zip(self._card["claim_id"], self._card["verdict"], strict=True))
        same = sum(verdicts[c] == v for c, v in self.answers.items())
        verb = "matches" if same == 1 else "match"
        self.progress.value = (f"Answered {len(self.answers)} of {len(self._card)} forecasts; "
                               f"{same} {verb} the course's verdict.")
