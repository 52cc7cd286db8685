"""The balancing act as a model: an index of where Minsk stood, and a scenario explorer.

Two models, both meant to be argued with:

* :func:`balance_index` turns the events' coded tilts into a yearly position per
  domain. Every weight is an argument, so a learner can change the method and see
  the picture move.
* :func:`scenario_outcome` applies a small, stated rule set, taken from the source
  article's logic, to Minsk's choices and says how Moscow and the West respond and
  how much room Minsk keeps. The rules are data a learner can edit.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ._checks import number_between
from .course import FIRST_STATE_YEAR, LAST_YEAR
from .data import load_eras, load_events
from .display import Explorer, show_figure
from .errors import LessonError, Problem
from .style import FONT, OKABE_ITO, course_figure

__all__ = [
    "DOMAINS",
    "balance_index",
    "trajectory_figure",
    "CHOICES",
    "RULES",
    "SCENARIOS",
    "default_rules",
    "check_rules",
    "check_choices",
    "scenario_outcome",
    "outcome_figure",
    "BalanceExplorer",
]

# The course's domains (course.DOMAINS), in the order the index's columns show them.
DOMAINS = ("political", "economic", "security")
# Diplomatic events count toward the political position: both are about words and ties,
# not armies or money.
DOMAIN_OF_CATEGORY = {"political": "political", "diplomatic": "political",
                      "economic": "economic", "security": "security"}
TILT_VALUE = {"toward_moscow": -1.0, "balancing": 0.0, "toward_west": 1.0}
DEFAULT_STRENGTH_WEIGHTS = {1: 1.0, 2: 2.0, 3: 3.0}


def balance_index(events: pd.DataFrame | None = None, *, strength_weights=None,
                  memory: float = 0.7, scale: float = 10.0,
                  balancing_value: float = 0.0) -> pd.DataFrame:
    """Where Minsk stood between Moscow (-1) and the West (+1), per domain and year.

    The method, in plain words:

    1. Each event counts in one domain: security events in *security*, economic events in
       *economic*, political and diplomatic events in *political*.
    2. An event's move is its tilt (toward Moscow -1, balancing ``balancing_value``,
       toward the West +1) times the weight of its strength (default 1, 2, 3).
    3. A year's position is last year's position times ``memory`` plus that year's moves:
       old moves fade, recent ones count most. Everything starts at 0 before 1991.
    4. The position is divided by ``scale`` and kept between -1 and +1: with the
       default, 10 points (say, three structural moves and a substantial one) count as
       fully on one side.

    Returns one row per year, 1991-2025: the three positions, the number of events
    behind each, and a ``note`` for years without coded events.

    Examples
    --------
    >>> index = balance_index()
    >>> list(index.columns)[:4]
    ['year', 'political', 'economic', 'security']
    >>> bool(index["security"].between(-1, 1).all())
    True
    """
    events = load_events() if events is None else events
    weights = dict(DEFAULT_STRENGTH_WEIGHTS if strength_weights is None else strength_weights)
    if set(weights) != set(DEFAULT_STRENGTH_WEIGHTS):
        raise LessonError(Problem('"strength_weights" needs a weight for each strength',
                                  found=repr(sorted(weights)),
                                  expected="a dict with the keys 1, 2 and 3, e.g. "
                                           "{1: 1, 2: 2, 3: 3}"))
    for strength, weight in weights.items():
        number_between(f"strength_weights[{strength}]", weight, 0, 10)
    memory = number_between("memory", memory, 0, 1)
    scale = number_between("scale", scale, 0.1, 100)
    balancing_value = number_between("balancing_value", balancing_value, -1, 1)
    values = dict(TILT_VALUE, balancing=balancing_value)

    moves = {d: dict.fromkeys(range(FIRST_STATE_YEAR, LAST_YEAR + 1), 0.0) for d in DOMAINS}
    counts = {d: dict.fromkeys(range(FIRST_STATE_YEAR, LAST_YEAR + 1), 0) for d in DOMAINS}
    for event in events.itertuples():
        year = event.date.year
        if not FIRST_STATE_YEAR <= year <= LAST_YEAR:
            continue
        domain = DOMAIN_OF_CATEGORY[event.category]
        moves[domain][year] += values[event.tilt] * weights[int(event.tilt_strength)]
        counts[domain][year] += 1
    rows, level = [], dict.fromkeys(DOMAINS, 0.0)
    for year in range(FIRST_STATE_YEAR, LAST_YEAR + 1):
        row = {"year": year}
        for domain in DOMAINS:
            level[domain] = memory * level[domain] + moves[domain][year]
            row[domain] = max(-1.0, min(1.0, level[domain] / scale))
        for domain in DOMAINS:
            row[f"n_{domain}"] = counts[domain][year]
        total = sum(counts[d][year] for d in DOMAINS)
        row["note"] = "" if total else "no coded events: the position only fades"
        rows.append(row)
    return pd.DataFrame(rows)


def trajectory_figure(index: pd.DataFrame | None = None, *, highlight: int = 2016,
                      label_every: int = 5) -> go.Figure:
    """Minsk's path through the years, political position against security position.

    Points are years coloured by era (each era also has its own marker shape); every
    ``label_every``-th year and the ``highlight`` year are labelled, the highlight with
    a large star.

    >>> fig = trajectory_figure()
    >>> sum(len(t.x) for t in fig.data if t.mode == "markers") == 35
    True
    """
    index = balance_index() if index is None else index
    eras = load_eras()
    traces = [go.Scatter(x=index["political"], y=index["security"], mode="lines",
                         line={"color": "#999", "width": 1.5}, name="path",
                         hoverinfo="skip", showlegend=False)]
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "vermillion",
                                      "sky_blue", "black")]
    symbols = ["circle", "square", "diamond", "triangle-up", "pentagon", "hexagon", "cross"]
    # A year belongs to the era it is in at mid-year.
    mid_year = pd.to_datetime(index["year"].astype(str) + "-07-01")
    for i, era in enumerate(eras.itertuples()):
        years = index[(mid_year >= era.start) & (mid_year <= era.end)]
        if years.empty:
            continue
        traces.append(go.Scatter(
            x=years["political"], y=years["security"], mode="markers", name=era.name,
            marker={"color": palette[i % len(palette)], "symbol": symbols[i % len(symbols)],
                    "size": 11, "line": {"color": "white", "width": 1}},
            customdata=years[["year", "economic"]].to_numpy(),
            hovertemplate=("<b>%{customdata[0]}</b><br>political %{x:.2f}<br>"
                           "security %{y:.2f}<br>economic %{customdata[1]:.2f}"
                           f"<br>{html.escape(era.name)}<extra></extra>")))
    labelled = index[(index["year"] % label_every == 0) | (index["year"] == FIRST_STATE_YEAR)]
    traces.append(go.Scatter(x=labelled["political"], y=labelled["security"], mode="text",
                             text=labelled["year"].astype(str), textposition="top right",
                             showlegend=False, hoverinfo="skip", name="year labels"))
    star = index[index["year"] == highlight]
    if not star.empty:
        traces.append(go.Scatter(
            x=star["political"], y=star["security"], mode="markers+text",
            text=[f"<b>{highlight}</b>"], textposition="bottom left", name=f"{highlight}",
            marker={"symbol": "star", "size": 24, "color": "black",
                    "line": {"color": "white", "width": 1}}, hoverinfo="skip"))
    corners = []
    for x, y, text in [(-0.98, -0.98, "toward Moscow<br>in both"),
                       (0.98, 0.98, "toward the West<br>in both"),
                       (0.98, -0.98, "West in politics,<br>Moscow in security"),
                       (-0.98, 0.98, "Moscow in politics,<br>West in security")]:
        corners.append({"x": x, "y": y, "text": text, "showarrow": False,
                        "font": {"size": 12, "color": "#666"},
                        "xanchor": "right" if x > 0 else "left",
                        "yanchor": "top" if y > 0 else "bottom"})
    return course_figure(traces, layout=dict(
        height=560, font=FONT, annotations=corners,
        title={"text": f"Where Minsk stood, {FIRST_STATE_YEAR}-{LAST_YEAR} (course index)",
               "x": 0.01},
        xaxis={"title": {"text": "Political position (← Moscow · West →)"},
               "range": [-1.05, 1.05], "zeroline": True, "zerolinecolor": "#888"},
        yaxis={"title": {"text": "Security position (← Moscow · West →)"},
               "range": [-1.05, 1.05], "zeroline": True, "zerolinecolor": "#888",
               "scaleanchor": "x"},
        legend={"title": {"text": "Era"}}, margin={"l": 70, "r": 20, "t": 60, "b": 60}))


# ---- the scenario model -------------------------------------------------------------------

CHOICES = {
    "political_dialogue_west": "Political dialogue with the West",
    "security_cooperation_west": "Security cooperation with the West",
    "military_integration_russia": "Military integration with Russia",
    "economic_dependence_russia": "Economic dependence on Russia",
    "mediation_role": "Mediator's role (hosting talks)",
}
CHOICE_RANGE = (0, 10)

# name -> (default weight, the rule in plain words). Weights run from 0 (the rule is off)
# to 3 (the rule dominates).
RULES = {
    "west_welcomes_dialogue": (
        0.3, "The West welcomes political dialogue, but it earns Minsk little."),
    "west_rewards_security_cooperation": (
        0.9, "The West rewards security cooperation: that is where it looks for a choice "
             "of side."),
    "west_reads_military_integration": (
        0.8, "Deeper military integration with Russia reads in the West as having taken "
             "Moscow's side."),
    "moscow_rewards_integration": (
        0.6, "Moscow rewards military integration."),
    "moscow_reads_distance_as_betrayal": (
        1.2, "Moscow reads security cooperation with the West as betrayal."),
    "moscow_frowns_on_dialogue": (
        0.1, "Moscow tolerates political dialogue with the West, with a frown."),
    "dependence_is_leverage": (
        0.5, "Each step of economic dependence gives Moscow leverage and shrinks "
             "Minsk's room."),
    "punishment_costs_room": (
        0.4, "Hostility from either side costs Minsk room."),
    "mediation_softens": (
        0.2, "A mediator's role makes both sides a little friendlier."),
    "mediation_buys_room": (
        0.3, "Being the place where others talk buys Minsk room."),
}
RULE_RANGE = (0.0, 3.0)

# The course's reading of four moments, on the 0-10 scales; a starting point to argue with.
SCENARIOS = {
    "2016: the article's moment": {
        "political_dialogue_west": 6, "security_cooperation_west": 1,
        "military_integration_russia": 5, "economic_dependence_russia": 7, "mediation_role": 7},
    "2020: after the election": {
        "political_dialogue_west": 1, "security_cooperation_west": 0,
        "military_integration_russia": 7, "economic_dependence_russia": 9, "mediation_role": 1},
    "2022: the war": {
        "political_dialogue_west": 0, "security_cooperation_west": 0,
        "military_integration_russia": 10, "economic_dependence_russia": 10,
        "mediation_role": 1},
    "What the article's outreach aimed at": {
        "political_dialogue_west": 7, "security_cooperation_west": 4,
        "military_integration_russia": 4, "economic_dependence_russia": 6, "mediation_role": 8},
}


def default_rules() -> dict[str, float]:
    """The rule weights the course starts from (a fresh dict each time).

    >>> default_rules()["moscow_reads_distance_as_betrayal"]
    1.2
    """
    return {name: weight for name, (weight, _) in RULES.items()}


def check_rules(rules) -> dict[str, float]:
    """A complete, valid set of rule weights, or a teaching error naming the bad rule.

    Missing rules keep their default, so ``{"mediation_buys_room": 1.0}`` is a valid edit.
    """
    if rules is None:
        return default_rules()
    if not isinstance(rules, dict):
        raise LessonError(Problem("rules must be a dict of rule name to weight",
                                  found=type(rules).__name__,
                                  expected='e.g. {"mediation_buys_room": 1.0}'))
    checked = default_rules()
    for name, weight in rules.items():
        if name not in RULES:
            raise LessonError(Problem("unknown rule", found=repr(name),
                                      expected="one of " + ", ".join(RULES)))
        checked[name] = number_between(f"rule {name}", weight, *RULE_RANGE)
    return checked


def check_choices(choices) -> dict[str, float]:
    """Minsk's five choices, each from 0 to 10, or a teaching error."""
    if not isinstance(choices, dict):
        raise LessonError(Problem("choices must be a dict of choice name to level",
                                  found=type(choices).__name__,
                                  expected="keys " + ", ".join(CHOICES)))
    missing = [c for c in CHOICES if c not in choices]
    unknown = [c for c in choices if c not in CHOICES]
    if missing or unknown:
        raise LessonError(Problem("the choices do not match the model's five",
                                  found="missing " + (", ".join(missing) or "none")
                                  + "; unknown " + (", ".join(map(str, unknown)) or "none"),
                                  expected="exactly " + ", ".join(CHOICES)))
    return {c: number_between(c, choices[c], *CHOICE_RANGE) for c in CHOICES}


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def scenario_outcome(choices: dict, rules: dict | None = None) -> dict:
    """How the West and Moscow respond to Minsk's choices, and how much room Minsk keeps.

    Responses run from -10 (hostile) to +10 (warm); room from 0 (none) to 10.

    * West = dialogue × west_welcomes_dialogue + security cooperation ×
      west_rewards_security_cooperation - military integration ×
      west_reads_military_integration + mediation × mediation_softens
    * Moscow = military integration × moscow_rewards_integration - security cooperation
      × moscow_reads_distance_as_betrayal - dialogue × moscow_frowns_on_dialogue +
      mediation × mediation_softens
    * Room = 10 - dependence × dependence_is_leverage - (West's hostility + Moscow's
      hostility) × punishment_costs_room + mediation × mediation_buys_room

    >>> out = scenario_outcome(SCENARIOS["2022: the war"])
    >>> out["moscow"] > 0 > out["west"]
    True
    """
    c, r = check_choices(choices), check_rules(rules)
    west = _clip(c["political_dialogue_west"] * r["west_welcomes_dialogue"]
                 + c["security_cooperation_west"] * r["west_rewards_security_cooperation"]
                 - c["military_integration_russia"] * r["west_reads_military_integration"]
                 + c["mediation_role"] * r["mediation_softens"], -10, 10)
    moscow = _clip(c["military_integration_russia"] * r["moscow_rewards_integration"]
                   - c["security_cooperation_west"] * r["moscow_reads_distance_as_betrayal"]
                   - c["political_dialogue_west"] * r["moscow_frowns_on_dialogue"]
                   + c["mediation_role"] * r["mediation_softens"], -10, 10)
    hostility = max(0.0, -west) + max(0.0, -moscow)
    room = _clip(10 - c["economic_dependence_russia"] * r["dependence_is_leverage"]
                 - hostility * r["punishment_costs_room"]
                 + c["mediation_role"] * r["mediation_buys_room"], 0, 10)
    return {"west": round(west, 2), "moscow": round(moscow, 2), "room": round(room, 2)}


def outcome_figure(outcome: dict, *, title: str = "The model's answer") -> go.Figure:
    """Three bars: the West's response, Moscow's response, Minsk's room.

    >>> [b for b in outcome_figure({"west": 1, "moscow": -2, "room": 5}).data[0].y]
    ["The West's response", "Moscow's response", "Minsk's room"]
    """
    labels = ["The West's response", "Moscow's response", "Minsk's room"]
    values = [outcome["west"], outcome["moscow"], outcome["room"]]
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["green"]]
    return course_figure(go.Bar(
        x=values, y=labels, orientation="h", text=[f"{v:+.1f}" if i < 2 else f"{v:.1f}"
                                                   for i, v in enumerate(values)],
        textposition="outside", marker={"color": colours, "pattern": {
            "shape": ["", "x", "."]}, "line": {"color": "#333", "width": 1}},
        hoverinfo="skip", name="outcome"), layout=dict(
        height=300, font=FONT, title={"text": title, "x": 0.01},
        xaxis={"range": [-11, 11], "zeroline": True, "zerolinecolor": "#555",
               "title": {"text": "← hostile · warm →   (room: 0 none to 10 full)"}},
        yaxis={"autorange": "reversed"}, margin={"l": 170, "r": 30, "t": 50, "b": 50}))


class BalanceExplorer(Explorer):
    """Set Minsk's five choices, read the rules, change them, and watch the answer move.

    >>> explorer = BalanceExplorer()
    >>> explorer.preset.value = "2022: the war"
    >>> explorer.outcome["moscow"] > 0 > explorer.outcome["west"]
    True
    >>> explorer.rule_sliders["moscow_reads_distance_as_betrayal"].value = 0.0
    >>> explorer.rules["moscow_reads_distance_as_betrayal"]
    0.0
    """

    def __init__(self, choices: dict | None = None, rules: dict | None = None) -> None:
        start = check_choices(choices or SCENARIOS["2016: the article's moment"])
        self.rules = check_rules(rules)
        style = {"description_width": "240px"}
        wide = widgets.Layout(width="560px")
        self.preset = widgets.Dropdown(
            description="Start from", style=style, layout=wide, value="",
            options=[("(your own settings)", "")] + [(name, name) for name in SCENARIOS])
        self.choice_sliders = {
            name: widgets.IntSlider(value=int(start[name]), min=CHOICE_RANGE[0],
                                    max=CHOICE_RANGE[1], description=label, style=style,
                                    layout=wide, continuous_update=False)
            for name, label in CHOICES.items()}
        self.rule_sliders = {
            name: widgets.FloatSlider(value=self.rules[name], min=RULE_RANGE[0],
                                      max=RULE_RANGE[1], step=0.1, description=name,
                                      style=style, layout=wide, continuous_update=False)
            for name in RULES}
        rule_rows = [widgets.VBox([widgets.HTML(f"<i>{html.escape(text)}</i>"),
                                   self.rule_sliders[name]])
                     for name, (_, text) in RULES.items()]
        self.reset_rules = widgets.Button(description="Back to the course's rules",
                                          layout=widgets.Layout(width="auto"))
        self.reset_rules.on_click(lambda _b: self.set_rules(None))
        self.rules_panel = widgets.Accordion(children=[widgets.VBox(
            [*rule_rows, self.reset_rules])], titles=("The rules (open to edit them)",))
        self.result_area = widgets.Output()
        self.reading = widgets.HTML()
        self.outcome: dict = {}
        self.figure: go.Figure | None = None
        self.preset.observe(self._apply_preset, names="value")
        for slider in [*self.choice_sliders.values(), *self.rule_sliders.values()]:
            slider.observe(self._refresh, names="value")
        self.box = widgets.VBox([
            widgets.HTML("<b>Minsk's choices</b> (0 = none, 10 = as much as possible)"),
            self.preset, *self.choice_sliders.values(), self.rules_panel,
            self.result_area, self.reading])
        self._refresh()

    @property
    def choices(self) -> dict[str, int]:
        return {name: slider.value for name, slider in self.choice_sliders.items()}

    def set_rules(self, rules: dict | None) -> None:
        """Replace the rules (``None``: the course's); a bad edit raises and changes nothing."""
        checked = check_rules(rules)
        for name, slider in self.rule_sliders.items():
            slider.value = checked[name]
        self._refresh()

    def _apply_preset(self, change) -> None:
        if change["new"]:
            for name, value in SCENARIOS[change["new"]].items():
                self.choice_sliders[name].value = value
            self.preset.value = change["new"]

    def _refresh(self, change=None) -> None:
        if change is not None and change["owner"] in self.choice_sliders.values():
            preset = SCENARIOS.get(self.preset.value)
            if preset and preset != self.choices:
                self.preset.value = ""
        self.rules = {name: slider.value for name, slider in self.rule_sliders.items()}
        self.outcome = scenario_outcome(self.choices, self.rules)
        self.figure = outcome_figure(self.outcome)
        show_figure(self.result_area, self.figure)
        self.reading.value = _reading(self.outcome)


def _reading(outcome: dict) -> str:
    def mood(value: float) -> str:
        if value >= 3:
            return "warm"
        if value <= -3:
            return "hostile"
        return "cool but not hostile"

    room = outcome["room"]
    space = "plenty of room" if room >= 7 else "some room" if room >= 4 else "little room"
    return (f"<p>In this model the West is <b>{mood(outcome['west'])}</b>, Moscow is "
            f"<b>{mood(outcome['moscow'])}</b>, and Minsk keeps <b>{space}</b> "
            f"({room:.1f} of 10).</p>")
