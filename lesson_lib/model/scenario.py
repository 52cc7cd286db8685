"""A model of the 2016 article's logic: a small, stated rule set applied to Minsk's choices
says how Moscow and the West respond and how much room Minsk keeps. The rules are data a
learner can edit.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from .._checks import number_between
from ..display import FULL_WIDTH, SHORT_LABEL, Explorer, show_figure, stacked
from ..errors import LessonError, Problem
from ..live_figure import LiveFigure
from ..style import FONT, OKABE_ITO, course_figure

__all__ = ["CHOICES", "RULES", "SCENARIOS", "default_rules", "check_rules", "check_choices",
           "scenario_outcome", "outcome_figure", "BalanceExplorer"]

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
               "title": {"text": "← hostile · warm → (room 0-10)"}},
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
        wide = widgets.Layout(**FULL_WIDTH)
        starting = next((name for name, values in SCENARIOS.items()
                         if check_choices(values) == start), "")
        self.preset = widgets.Dropdown(
            description="Start from", layout=wide, value=starting,
            options=[("(your own settings)", "")] + [(name, name) for name in SCENARIOS])
        self.choice_sliders = {
            name: widgets.IntSlider(value=int(start[name]), min=CHOICE_RANGE[0],
                                    max=CHOICE_RANGE[1], description="level",
                                    style=SHORT_LABEL, layout=widgets.Layout(**FULL_WIDTH),
                                    continuous_update=False)
            for name in CHOICES}
        # Each rule's slider is named by the rule in plain words, never by its identifier.
        self.rule_sliders = {
            name: widgets.FloatSlider(value=self.rules[name], min=RULE_RANGE[0],
                                      max=RULE_RANGE[1], step=0.1, description="weight",
                                      tooltip=text, style=SHORT_LABEL,
                                      layout=widgets.Layout(**FULL_WIDTH),
                                      continuous_update=False)
            for name, (_, text) in RULES.items()}
        rule_rows = [widgets.VBox([widgets.HTML(f"<i>{html.escape(text)}</i>"),
                                   self.rule_sliders[name]])
                     for name, (_, text) in RULES.items()]
        self.reset_rules = widgets.Button(description="Back to the course's rules",
                                          layout=widgets.Layout(width="auto"))
        self.reset_rules.on_click(lambda _b: self.set_rules(None))
        # A toggle button, not an accordion: it takes Tab and Space like every other control.
        self.rules_toggle = widgets.ToggleButton(
            value=False, description="Show the rules (to edit them)",
            tooltip="Show or hide the model's rules", layout=widgets.Layout(width="auto"))
        self.rules_panel = widgets.VBox([*rule_rows, self.reset_rules],
                                        layout=widgets.Layout(display="none"))
        self.rules_toggle.observe(self._show_rules, names="value")
        self.result_chart = LiveFigure()  # redrawn in place on every change
        self.reading = widgets.HTML()
        self.outcome: dict = {}
        self.figure: go.Figure | None = None
        self._batch = False
        self.preset.observe(self._apply_preset, names="value")
        for slider in [*self.choice_sliders.values(), *self.rule_sliders.values()]:
            slider.observe(self._refresh, names="value")
        controls = widgets.VBox([
            widgets.HTML("<b>Minsk's choices</b> (0 = none, 10 = as much as possible)"),
            self.preset, *(stacked(CHOICES[name], slider)
                           for name, slider in self.choice_sliders.items()),
            self.rules_toggle, self.rules_panel],
            layout=widgets.Layout(flex="1 1 320px", min_width="0"))
        # The answer stays beside the controls (below them on a narrow screen), so a learner
        # who changes a rule sees its effect.
        answer = widgets.VBox([self.result_chart, self.reading],
                              layout=widgets.Layout(flex="1 1 320px", min_width="0"))
        self.box = widgets.Box([controls, answer], layout=widgets.Layout(
            display="flex", flex_flow="row wrap", align_items="flex-start"))
        self._refresh()

    @property
    def choices(self) -> dict[str, int]:
        return {name: slider.value for name, slider in self.choice_sliders.items()}

    def _show_rules(self, change) -> None:
        self.rules_panel.layout.display = "flex" if change["new"] else "none"
        self.rules_toggle.description = ("Hide the rules" if change["new"]
                                         else "Show the rules (to edit them)")

    def set_rules(self, rules: dict | None) -> None:
        """Replace the rules (``None``: the course's); a bad edit raises and changes nothing."""
        checked = check_rules(rules)
        self._batch = True
        try:
            for name, slider in self.rule_sliders.items():
                slider.value = checked[name]
        finally:
            self._batch = False
        self._refresh()

    def _apply_preset(self, change) -> None:
        if not change["new"]:
            return
        self._batch = True  # one redraw for the whole preset, not one per slider
        try:
            for name, value in SCENARIOS[change["new"]].items():
                self.choice_sliders[name].value = value
        finally:
            self._batch = False
        self._refresh()

    def _refresh(self, change=None) -> None:
        if self._batch:
            return
        if change is not None and change["owner"] in self.choice_sliders.values():
            preset = SCENARIOS.get(self.preset.value)
            if preset and preset != self.choices:
                self.preset.value = ""
        self.rules = {name: slider.value for name, slider in self.rule_sliders.items()}
        self.outcome = scenario_outcome(self.choices, self.rules)
        self.figure = outcome_figure(self.outcome)
        show_figure(self.result_chart, self.figure)
        self.reading.value = _reading(self.outcome)


def _reading(outcome: dict) -> str:
    def mood(value: float) -> str:
        if value >= 3:
            return "warm"
        if value > 0:
            return "mildly warm"
        if value == 0:
            return "neither warm nor cool"
        if value > -3:
            return "cool but not hostile"
        return "hostile"

    room = outcome["room"]
    space = "plenty of room" if room >= 7 else "some room" if room >= 4 else "little room"
    return (f"<p>In this model the West is <b>{mood(outcome['west'])}</b>, Moscow is "
            f"<b>{mood(outcome['moscow'])}</b>, and Minsk keeps <b>{space}</b> "
            f"({room:.1f} of 10).</p>")
