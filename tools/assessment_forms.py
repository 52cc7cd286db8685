"""Write the three parallel forms (A, B, C) of the graded assessment as nbgrader sources.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/assessment_forms.py          # rewrite the three forms
    .venv/bin/python tools/assessment_forms.py --check  # exit 1 if any is out of date

The forms share one design: the same sixteen items, objectives, points and minutes, each
item on other material (another unseen document, other years, events, ties and model
settings). This file is their single description. Where the course's data decides a key
(which event came first, which tie a year shows, where the index moves), the key is
computed from the data here, for the solution, and again in the hidden test at marking
time, so a teacher who edits the data marks against the data they edited. The forms are
written to notebooks/assessment/source/two_chairs_form_{a,b,c}/, and the rubric for the
teacher-marked items to notebooks/assessment/source/RUBRIC.md; both are generated and
never edited by hand (a test checks). This file stays with the teacher: a student copy
leaves tools/ out.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lesson_lib  # noqa: E402  (the repository's own library, found through ROOT)
from lesson_lib.actors.actor_map import BLOCS  # noqa: E402
from lesson_lib.model.scenario import RULES  # noqa: E402

SOURCE = ROOT / "notebooks" / "assessment" / "source"
RUBRIC = SOURCE / "RUBRIC.md"
FORMS = ("A", "B", "C")
TOTAL_POINTS = 37
# How the minutes are estimated (the teacher guide states the same method): the words a
# learner reads at 150 a minute, plus the time an answer of each form takes, plus two
# minutes to start the kernel and run the explorers' cells.
READING_WORDS_PER_MINUTE = 150
ANSWER_MINUTES = {"letter": 0.5, "letters": 1.0, "two letters": 1.0, "sequence": 1.5,
                  "numbers": 1.0, "letter and number": 1.0, "number": 0.5,
                  "number and letter": 1.0, "letters and number": 1.5,
                  "one sentence": 1.5, "short written": 2.0, "written": 5.0}
# Each closed item adds the minutes to look its answer up in an explorer (run the cell,
# set it, read): its `lookup`.
START_MINUTES = 2.0


def reading_words(markdown_text: str) -> int:
    """The words a learner reads in a cell: a link counts by its text, not its address.

    >>> reading_words("See [kremlin.ru](http://en.kremlin.ru/events/1) for **more**.")
    4
    """
    return len(re.sub(r"\]\([^)]*\)", "]", markdown_text).split())


def name(form: str) -> str:
    """The nbgrader assignment of a form: ``two_chairs_form_a``."""
    return f"two_chairs_form_{form.lower()}"


# ------------------------------------------------------------------------------------
# The material of each form. Every quotation is in the course's quotation register
# (documents.csv or quotations.csv); a test checks.

UNSEEN = {
    "A": dict(
        speaker="**Aleksandr Lukashenko**, President of Belarus",
        occasion="on a visit to Barysaw (Borisov), 10 December 2024, about the Russian "
                 "Oreshnik missiles (intermediate-range ballistic missiles that can carry "
                 "nuclear warheads) that Moscow planned to station in Belarus. He said he had "
                 "told Vladimir Putin:",
        text="We in Belarus will determine the targets, not the Russians.",
        where="As reported by BelTA, the Belarusian state news agency, and quoted in English "
              "by the Ukrainian news site Espreso ([global.espreso.tv](https://global.espreso"
              ".tv/russia-ukraine-war-should-be-minimum-distance-to-targets-lukashenko-on-"
              "deployment-of-oreshnik-in-belarus)).",
        date=pd.Timestamp("2024-12-10"), when="10 December 2024",
        claim="who would control the missiles",
        words_question="Which words of the sentence make a claim about who holds power "
                       "over the missiles?",
    ),
    "B": dict(
        speaker="**Vladimir Putin**, President of Russia",
        occasion="at his meeting with Aleksandr Lukashenko in Sochi, 14 September 2020, five "
                 "weeks after the disputed presidential election in Belarus, speaking to "
                 "Lukashenko in front of journalists:",
        text="As you know, we believe that Belarusians should sort things out on their own, "
             "with no hints and external pressure, through a dialogue, they should reach a "
             "common decision on how to act. We are aware of your proposal to start work on "
             "the constitution, I believe this step is timely and expedient,",
        where="As reported in English by Sputnik, the Russian state news agency, and "
              "reposted by the Pakistani site UrduPoint ([urdupoint.com](https://www.urdupoint"
              ".com/en/world/putin-praises-belarus-plans-to-conduct-const-1029300.html)). The "
              "Kremlin's own transcript translates the same remarks in other words.",
        date=pd.Timestamp("2020-09-14"), when="14 September 2020",
        claim="what Moscow was doing in Belarus's crisis",
        words_question="Which words of the first sentence say how people outside Belarus "
                       "should behave?",
    ),
    "C": dict(
        speaker="**The Ministry of Foreign Affairs of Belarus**",
        occasion="in a statement of February 2012 answering a statement that the EU's foreign "
                 "policy chief, Catherine Ashton, made on 28 February 2012:",
        text="Official Brussels, as well as the capitals of the EU member states should not "
             "forget that tactics of intimidation does not work with Belarus. It is "
             "impossible to normalize relations with unilaterally imposed conditions, "
             "conditions of coercive pressure.",
        where="From the ministry's own English page ([mfa.gov.by](https://mfa.gov.by/en/press/"
              "statements/a34e83a82bb7cdab.html)), which gives no date of its own.",
        date=pd.Timestamp("2012-02-01"), when="February 2012",
        claim="what the EU was doing to Belarus",
        words_question="Which words of the first sentence describe what the EU is doing, in "
                       "Minsk's view?",
    ),
}

MOVE = {  # item 4: which event moved Minsk toward the named side, and one of its sources
    "A": ("toward_moscow", ("Russia bans Belarusian dairy imports in the 'milk war'",
                            "Agreement on a joint regional air defence system signed",
                            "Belarus becomes an SCO dialogue partner",
                            "Gazprom cuts gas to Belarus over debt; Minsk threatens transit"),
          ("TASS", "BelTA", "The Moscow Times", "President of Russia (kremlin.ru)")),
    "B": ("toward_west", ("Belarus invites NATO and neighbours to observe Zapad-2017",
                          "Minsk hosts the OSCE Parliamentary Assembly",
                          "Sochi talks on deeper integration end without agreement",
                          "Visa-free stays in Belarus extended to 30 days"),
          ("BelTA", "Euroradio", "RFE/RL", "Belsat")),
    "C": ("toward_moscow", ("Russia halts crude oil deliveries to Belarusian refineries",
                            "Lukashenko orders extra troops back from the Ukrainian border",
                            "Putin and Lukashenko agree a $1.5 billion Russian loan in Sochi",
                            "Belarus becomes the SCO's tenth full member"),
          ("Belsat", "TASS", "BelTA", "RFE/RL")),
}
SIDE_WORDS = {"toward_moscow": "toward Moscow", "toward_west": "toward the West"}

AUTHOR = {  # item 5: a neighbour's events the author could know, and those that came after
    "A": "ukr",
    "B": "ltu",
    "C": "pol",
}

NEIGHBOUR = {  # item 6: a neighbour's ties in one year, and the years of hostile ties
    "A": ("pol", "Poland", 2023, (2019, 2024)),
    "B": ("ukr", "Ukraine", 2019, (2018, 2023)),
    "C": ("ltu", "Lithuania", 2020, (2016, 2021)),
}
TIE_OPTIONS = {  # every option a combination the learner could believe
    "A": {"A": {("political", "distrust"), ("security", "pressure")},
          "B": {("economic", "pressure"), ("security", "pressure")},
          "C": {("political", "distrust"), ("economic", "pressure"), ("security", "pressure")},
          "D": {("security", "pressure")}},
    "B": {"A": {("political", "dialogue"), ("security", "cooperation")},
          "B": {("political", "cooperation")},
          "C": {("political", "dialogue")},
          "D": {("political", "dialogue"), ("economic", "cooperation")}},
    "C": {"A": {("political", "distrust")},
          "B": {("political", "distrust"), ("economic", "pressure")},
          "C": {("security", "pressure")},
          "D": {("political", "distrust"), ("security", "pressure")}},
}
HOSTILE = {"distrust", "pressure", "war"}
MAP_YEAR = {"A": 2002, "B": 2008, "C": 2003}  # item 6 (a): the neighbour's group on the map
MAP_GROUPS = ("nato_eu", "nato", "eastern_partnership", "cis", "other")

INDEX_CHOICE = {  # item 7: one choice of the index, a year and a domain
    "A": (2019, "political", {"memory": 0.0},
          "Set the memory to **0** (only each year's own moves count; the lasting links stay)."),
    "B": (2012, "economic", {"baseline": False},
          "Untick **add the points of lasting links**, so that only the moves count."),
    "C": (2024, "security", {"halfway": 2.0},
          "Set the points for halfway to **2** (from 4)."),
}
INDEX_OPTIONS = ("toward the West, on the same side of the middle",
                 "toward the West, across the middle",
                 "toward Moscow, on the same side of the middle",
                 "toward Moscow, across the middle",
                 "it does not move")

RULE_CHANGE = {  # item 8: a preset, one rule's weight, and two outputs to predict
    "A": ("2016: the article's moment", "west_welcomes_dialogue", 3.0,
          (("room", "Minsk's room"), ("west", "the West's response"))),
    "B": ("2020: after the election", "moscow_frowns_on_dialogue", 3.0,
          (("room", "Minsk's room"), ("moscow", "Moscow's response"))),
    "C": ("What the article's outreach aimed at", "moscow_rewards_integration", 3.0,
          (("room", "Minsk's room"), ("moscow", "Moscow's response"))),
}

# Item 8: a day in Minsk's seat (none of lesson 08's five rooms, and outside the form's
# item 10 period), a line on the situation, and three events of the timeline of which one
# came after the day.
KNOWN_THEN = {
    "A": (pd.Timestamp("2020-01-15"),
          "Russia stopped its oil deliveries two weeks ago.",
          ("US and Belarus agree to restore ambassadors",
           "US Secretary of State Pompeo visits Minsk",
           "US National Security Adviser Bolton meets Lukashenko in Minsk")),
    "B": (pd.Timestamp("2018-03-01"),
          "Latvia's prime minister was in Minsk last month.",
          ("Belarus lets EU and US citizens visit for five days without a visa",
           "US Assistant Secretary of State Mitchell visits Minsk",
           "Belarus and Latvia defence ministries sign a defence cooperation agreement")),
    "C": (pd.Timestamp("2007-03-01"),
          "Moscow has doubled your gas price.",
          ("Russia promises $1.5 billion loan to ease gas price rises",
           "Druzhba oil pipeline shut in Russia–Belarus duty dispute",
           "US imposes financial sanctions on Lukashenko's circle")),
}

UN_CLAIM = {  # item 9: a claim, and the years of UN votes that test it
    "A": ("In 2007 Minsk sided with Moscow in world politics.", (2007, 2007)),
    "B": ("In 2012 Minsk sided with Moscow in world politics.", (2012, 2012)),
    "C": ("From 1999 to 2006 Minsk sided with Moscow in world politics.", (1999, 2006)),
}
UN_OPTIONS = ("They support it: Belarus's vote matched Russia's every time.",
              "They support it in part: it matched some times, not every time.",
              "They do not support it: it never matched.",
              "They support it, because the index places Minsk's politics toward Moscow then.")
PERIOD = {  # item 10: the article's distinction in another period; the year to check the index
    "A": ("2022-2025", "still so", 2024),  # years of the index's table of key years
    "B": ("2008-2010", "already so", 2008),
    "C": ("2002-2004", "already so", 2003),
}
FORECAST = {  # item 11: a forecast to audit by lesson 05's rule
    "A": ("In May 2015 two analysts wrote", "Minsk is not likely to shift from its broadly "
          "pro-Russian orientation, but it has made tentative diplomatic overtures to the EU.",
          "(Yaraslau Kryvoi with Andrew Wilson, *From Sanctions to Summits: Belarus after the "
          "Ukraine Crisis*, European Council on Foreign Relations policy memo, May 2015, "
          "[SSRN](https://papers.ssrn.com/sol3/papers.cfm?abstract_id=2625553))",
          "Audit the part that is a forecast, by lesson 05's rule."),
    "B": ("In July 2020, before the presidential election, an analyst wrote",
          "Should repression intensify, leading the West to reintroduce sanctions, Minsk’s "
          "efforts of the past years towards normalising relations with Brussels and "
          "Washington would come to nothing.",
          "(Anaïs Marin, *Under pressure: Can Belarus resist Russian coercion?*, EU Institute "
          "for Security Studies, July 2020, [iss.europa.eu](https://www.iss.europa.eu/content/"
          "under-pressure-can-belarus-resist-russian-coercion); *should repression intensify* "
          "means *if repression grew*)",
          "Audit the forecast by lesson 05's rule: it has a condition."),
    "C": ("On 11 August 2020, two days after the presidential election, the EU's High "
          "Representative declared on behalf of the European Union",
          "But without progress on human rights and the rule of law, the EU-Belarus "
          "relationship can only get worse.",
          "(declaration on the presidential elections in Belarus, copy of the EU's text on "
          "[europeantimes.press](https://europeantimes.press/2020/08/11/belarus-declaration-by-"
          "the-high-representative-on-behalf-of-the-european-union-on-the-presidential-"
          "elections))",
          "Audit the forecast by lesson 05's rule: it has a condition."),
}


# ------------------------------------------------------------------------------------
# Keys from the data (the same computations run again in the hidden tests)

def _titles() -> pd.DataFrame:
    return lesson_lib.load_events().set_index("title")


def move_key(form: str) -> tuple[str, str]:
    """Item 4: the event that moved Minsk toward the side, and the outlet among its sources."""
    side, options, outlets = MOVE[form]
    events = _titles()
    right = [k for k, t in zip("ABCD", options, strict=True) if events.loc[t, "tilt"] == side]
    assert len(right) == 1, (form, right)
    publishers = lesson_lib.load_sources().set_index("source_id")["publisher"]
    cited = {publishers[s] for s in events.loc[options["ABCD".index(right[0])], "source_ids"]}
    source = [k for k, o in zip("ABCD", outlets, strict=True) if o in cited]
    assert len(source) == 1, (form, source)
    return right[0], source[0]


def author_key(form: str) -> tuple[int, int]:
    """Item 5: events with a neighbour known by the end of July 2016, and those after."""
    actor = AUTHOR[form]
    events = lesson_lib.load_events()
    theirs = events[events["actor_ids"].apply(lambda ids: actor in ids)]
    known = int((theirs["date"] <= lesson_lib.AS_THE_AUTHOR_SAW_IT).sum())
    return known, len(theirs) - known


def ties_of(actor: str, year: int) -> set:
    ties = lesson_lib.relations_in(year)
    return {(r.domain, r.type) for r in ties.itertuples()
            if {r.from_actor, r.to_actor} == {"blr", actor}}


def map_key(form: str) -> str:
    actor, year = NEIGHBOUR[form][0], MAP_YEAR[form]
    shown = lesson_lib.bloc_of(lesson_lib.memberships_in(year).get(actor, set()))
    right = [k for k, g in zip("ABCDE", MAP_GROUPS, strict=True) if g == shown]
    assert len(right) == 1, (form, shown)
    return right[0]


def tie_key(form: str) -> str:
    actor, _, year, _ = NEIGHBOUR[form]
    right = [k for k, pairs in TIE_OPTIONS[form].items() if pairs == ties_of(actor, year)]
    assert len(right) == 1, (form, right)
    return right[0]


def hostile_years_key(form: str) -> int:
    actor, _, _, (first, last) = NEIGHBOUR[form]
    return sum(1 for y in range(first, last + 1)
               if any(kind in HOSTILE for _, kind in ties_of(actor, y)))


def index_key(form: str) -> tuple[str, float]:
    """Item 7: which way the position moves (one of INDEX_OPTIONS), and where it lands."""
    year, domain, change, _ = INDEX_CHOICE[form]
    before = lesson_lib.balance_index().set_index("year").loc[year, domain]
    after = lesson_lib.balance_index(**change).set_index("year").loc[year, domain]
    if round(after, 2) == round(before, 2):
        return "E", round(float(after), 2)
    crosses = (after > 0) != (before > 0)
    toward_west = after > before
    letter = {(True, False): "A", (True, True): "B", (False, False): "C",
              (False, True): "D"}[(toward_west, crosses)]
    return letter, round(float(after), 2)


def known_then_key(form: str) -> str:
    """Item 8 (a): the one event of the three that came after the day."""
    day, _situation, titles = KNOWN_THEN[form]
    dates = _titles()["date"]
    later = [k for k, t in zip("ABC", titles, strict=True) if dates[t] > day]
    assert len(later) == 1, (form, later)
    return later[0]


def rule_key(form: str) -> tuple[str, str]:
    preset, rule, weight, outputs = RULE_CHANGE[form]
    choices = lesson_lib.SCENARIOS[preset]
    before = lesson_lib.scenario_outcome(choices, lesson_lib.default_rules())
    after = lesson_lib.scenario_outcome(choices, dict(lesson_lib.default_rules(),
                                                      **{rule: weight}))
    return tuple("A" if after[o] > before[o] else "B" if after[o] < before[o] else "C"
                 for o, _ in outputs)


def un_key(form: str) -> tuple[int, str]:
    """Item 9: in how many of the votes Belarus voted as Russia did, and what that says."""
    first, last = UN_CLAIM[form][1]
    agree = lesson_lib.un_agreement()
    votes = agree[agree["year"].between(first, last)]
    with_russia = int(votes["with_russia"].fillna(False).astype(bool).sum())
    letter = "A" if with_russia == len(votes) else "C" if with_russia == 0 else "B"
    return with_russia, letter


# ------------------------------------------------------------------------------------
# Cells

def _meta(grade_id: str, *, grade=False, solution=False, locked=True, points=None,
          two_chairs=None) -> dict:
    nbgrader = {"grade": grade, "grade_id": grade_id, "locked": locked,
                "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        nbgrader["points"] = points
    meta = {"nbgrader": nbgrader}
    if two_chairs:
        meta["two_chairs"] = two_chairs
    return meta


def markdown(text: str, grade_id: str, **kwargs):
    cell = nbformat.v4.new_markdown_cell(text.strip())
    cell.metadata = _meta(grade_id, **kwargs)
    return cell


def code(text: str, grade_id: str, **kwargs):
    cell = nbformat.v4.new_code_cell(text.strip())
    cell.metadata = _meta(grade_id, **kwargs)
    return cell


class Item:
    """One item: its prompt, its answer cell (with the solution) and its check cell (with
    the hidden test), or, for a written item, its prompt and answer cell."""

    def __init__(self, number: int, title: str, points: int, form: str, objectives: list,
                 prompt: str, answer: str = "", check: str = "", written: bool = False,
                 lookup: float = 0.0):
        self.number, self.title, self.points, self.form = number, title, points, form
        self.objectives, self.prompt, self.answer, self.check = objectives, prompt, answer, check
        self.written, self.lookup = written, lookup

    def minutes(self) -> float:
        words = reading_words(self.prompt)
        return round(words / READING_WORDS_PER_MINUTE + ANSWER_MINUTES[self.form]
                     + self.lookup, 1)

    def cells(self) -> list:
        n = self.number
        meta = {"form": self.form, "item": n, "minutes": self.minutes(),
                "objectives": self.objectives, "points": self.points, "title": self.title}
        marked = " marked by your teacher" if self.written else ""
        head = f"**{n}. {self.title}** ({self.points} points{marked})\n\n"
        cells = [markdown(head + self.prompt, f"q{n}_prompt", two_chairs=meta)]
        if self.written:
            cells.append(markdown("YOUR ANSWER HERE", f"q{n}_answer", grade=True,
                                  solution=True, locked=False, points=self.points))
        else:
            cells.append(code(self.answer, f"q{n}_answer", solution=True, locked=False))
            cells.append(code(self.check, f"q{n}_check", grade=True, points=self.points))
        return cells


def _options(options, labels="ABCD") -> str:
    return "\n".join(f"- {k}. {o}" for k, o in zip(labels, options, strict=True))


def _literal(values) -> str:
    return "{" + ", ".join(f'"{k}": "{v}"' for k, v in values) + "}"


def section_a(form: str) -> list:
    u = UNSEEN[form]
    quote = "\n".join(f"> {line}" for line in [f"\"{u['text']}\""])
    intro = markdown(f"## A. A document you have not seen (about {{minutes}} minutes)\n\n"
                     f"{u['speaker']}, {u['occasion']}\n\n{quote}\n\n{u['where']}",
                     "section_a")
    items = [
        Item(1, "Sourcing", 2, "short written", ["01.1", "01.5"],
             f"In one or two sentences: whose words are these, and how did they reach you? "
             f"Then give one reason to be careful before using them as evidence of "
             f"{u['claim']}.", written=True),
        Item(2, "Close reading", 2, "short written", ["01.2", "01.3"],
             f"{u['words_question']} Quote them (a few words). Then, in one or two sentences: "
             "what do they claim, how sure does the speaker sound, and which of lesson 01's "
             "kinds are they (a reported fact, an interpretation, a forecast, a "
             "recommendation)?", written=True),
        Item(3, "Corroboration", 2, "one sentence", ["01.4"],
             "Name one of the timeline's sources (under *Details*: publisher, title, date) that "
             "does **not** depend on this speaker's word and could confirm or contradict what "
             f"the words suggest about {u['claim']}. In one sentence: why is it independent?",
             written=True, lookup=1.0),
    ]
    tool = code("# Run this cell for the timeline explorer (as in lesson 02): item 3 and "
                "section B use it.\ntimeline = lesson_lib.TimelineExplorer()\ntimeline",
                "tool_timeline")
    cells = [intro, *items[0].cells(), *items[1].cells(), tool, *items[2].cells()]
    return cells, items


def section_c(form: str) -> tuple[list, list]:
    side, moves, outlets = MOVE[form]
    letter, source = move_key(form)
    intro = markdown("## B. The timeline (about {minutes} minutes)\n\nUse the timeline "
                     "explorer in section A.", "section_c")
    six = Item(
        4, "A move, backed by a sourced event", 3, "two letters", ["02.2"],
        f"(a) Which of these moved Minsk **{SIDE_WORDS[side]}**, by its effect on where Minsk "
        "stood?\n\n" + _options(moves) + "\n\n(b) Which of these is among the timeline's sources "
        "for that event (hover over it, or choose it under *Details*)?\n\n" + _options(outlets),
        answer=f'# (a) one letter\nq4 = ...\n# (b) one letter\nq4_source = ...\n'
               f'### BEGIN SOLUTION\nq4 = "{letter}"\nq4_source = "{source}"\n'
               "### END SOLUTION",
        check='q4 = answers.checked("q4", q4, "letter")\n'
              'q4_source = answers.checked("q4_source", q4_source, "letter")\n'
              "### BEGIN HIDDEN TESTS\n"
              f"_options = {_literal(zip('ABCD', moves, strict=True))}\n"
              f"_outlets = {_literal(zip('ABCD', outlets, strict=True))}\n"
              '_events = lesson_lib.load_events().set_index("title")\n'
              f'_right = [k for k, t in _options.items() if _events.loc[t, "tilt"] == "{side}"]\n'
              '_publishers = lesson_lib.load_sources().set_index("source_id")["publisher"]\n'
              '_cited = {_publishers[s] for s in _events.loc[_options[_right[0]], "source_ids"]}\n'
              "_source = [k for k, o in _outlets.items() if o in _cited]\n"
              "(1 if [q4] == _right else 0) + (2 if [q4_source] == _source else 0)\n"
              "### END HIDDEN TESTS",
        lookup=2.0)
    actor = AUTHOR[form]
    label = lesson_lib.load_actors().set_index("actor_id").loc[actor, "name"]
    known, after = author_key(form)
    seven = Item(
        5, "What the author could know", 4, "numbers", ["02.1", "02.3"],
        f"On the timeline, choose **{label}** as the *Actor* and tick *Only what was known by "
        f"July 2016*. (a) How many events with {label} could the article's author know? "
        "(b) Untick it: how many more does it show (all after the article)?",
        answer=f"# (a) a whole number\nq5 = ...\n# (b) a whole number\nq5_after = ...\n"
               f"### BEGIN SOLUTION\nq5 = {known}\nq5_after = {after}\n### END SOLUTION",
        check='q5 = answers.checked("q5", q5, "number", 0, 99)\n'
              'q5_after = answers.checked("q5_after", q5_after, "number", 0, 99)\n'
              "### BEGIN HIDDEN TESTS\n"
              "_events = lesson_lib.load_events()\n"
              f'_dates = _events[_events["actor_ids"].apply(lambda ids: "{actor}" in ids)]'
              '["date"]\n'
              "_known = int((_dates <= lesson_lib.AS_THE_AUTHOR_SAW_IT).sum())\n"
              "(2 if q5 == _known else 0) + (2 if q5_after == len(_dates) - _known else 0)\n"
              "### END HIDDEN TESTS",
        lookup=1.5)  # one menu and one box, the count read twice
    return [intro, *six.cells(), *seven.cells()], [six, seven]


def section_d(form: str) -> tuple[list, list]:
    intro = markdown("## C. Maps and ties (about {minutes} minutes)\n\nUse the actor-map "
                     "explorer as in lesson 03.", "section_d")
    tool = code("# Run this cell for the actor-map explorer.\n"
                "maps = lesson_lib.ActorMapExplorer(year=2016)\nmaps", "tool_actor_map")
    actor, label, year, (first, last) = NEIGHBOUR[form]
    map_year = MAP_YEAR[form]

    def describe(pairs) -> str:
        ties = sorted(f"{d} {kind}" for d, kind in pairs)
        return (", ".join(ties[:-1]) + " and " + ties[-1] if len(ties) > 1
                else ties[0]).capitalize()

    tie_options = TIE_OPTIONS[form]
    option_sets = ", ".join(f"{k!r}: {sorted(v)!r}" for k, v in tie_options.items())
    groups = _literal(zip("ABCDE", MAP_GROUPS, strict=True))
    nine = Item(
        6, "Blocs and ties over time", 4, "letters and number", ["03.1", "03.2", "03.4"],
        "Test the article's kind of claim (Latvia, a \"clear and predictable partner\") for "
        f"**{label}**, the explorer's *Focus*.\n\n(a) On the map of "
        f"**{map_year}**, which group is {label} shown in?\n\n"
        + _options([BLOCS[g][0] for g in MAP_GROUPS], "ABCDE")
        + f"\n\n(b) Which ties join Belarus and {label} in **{year}**?\n\n"
        + _options([describe(tie_options[k]) for k in "ABCD"])
        + f"\n\n(c) In how many of the years **{first} to {last}** does the network show at "
        f"least one hostile tie (distrust or pressure) between Belarus and {label}?",
        answer=f'# (a) one letter\nq6_map = ...\n# (b) one letter\nq6 = ...\n'
               f'# (c) a whole number\nq6_years = ...\n### BEGIN SOLUTION\n'
               f'q6_map = "{map_key(form)}"\nq6 = "{tie_key(form)}"\n'
               f"q6_years = {hostile_years_key(form)}\n### END SOLUTION",
        check='q6_map = answers.checked("q6_map", q6_map, "letter", "ABCDE")\n'
              'q6 = answers.checked("q6", q6, "letter")\n'
              'q6_years = answers.checked("q6_years", q6_years, "number", 0, 40)\n'
              "### BEGIN HIDDEN TESTS\n"
              "def _ties(year):\n"
              "    return {(r.domain, r.type) for r in lesson_lib.relations_in(year).itertuples()\n"
              f'            if {{r.from_actor, r.to_actor}} == {{"blr", "{actor}"}}}}\n'
              f"_groups = {groups}\n"
              f'_shown = lesson_lib.bloc_of(lesson_lib.memberships_in({map_year})'
              f'.get("{actor}", set()))\n'
              f"_options = {{{option_sets}}}\n"
              f"_hostile = sum(1 for y in range({first}, {last + 1}) "
              f"if any(t in {sorted(HOSTILE)!r} for _, t in _ties(y)))\n"
              "(1 if q6_map is not None and _groups[q6_map] == _shown else 0)"
              f" + (1 if q6 in _options and set(map(tuple, _options[q6])) == _ties({year}) else 0)"
              " + (2 if q6_years == _hostile else 0)\n### END HIDDEN TESTS",
        lookup=2.0)  # the ties panel gives each tie's years: no stepping
    return [intro, tool, *nine.cells()], [nine]


def section_e(form: str) -> tuple[list, list]:
    intro = markdown("## D. The index and the model (about {minutes} minutes)\n\nUse the "
                     "explorers as in lesson 04.", "section_e")
    index_tool = code("# Run this cell for the index explorer (items 7 and 10).\n"
                      "index = lesson_lib.IndexExplorer()\nindex", "tool_index")
    model_tool = code("# Run this cell for the model (item 8).\n"
                      "model = lesson_lib.BalanceExplorer()\nmodel", "tool_model")
    year, domain, change, how = INDEX_CHOICE[form]
    change_code = ", ".join(f"{k}={v!r}" for k, v in change.items())
    direction, value = index_key(form)
    ten = Item(
        7, "One choice in the index", 3, "letter and number", ["04.1"],
        f"In the index explorer, {how[0].lower() + how[1:]} (a) Where does Minsk's "
        f"**{domain}** position in **{year}** move?\n\n" + _options(INDEX_OPTIONS, "ABCDE")
        + "\n\n(b) Type its new value, as the explorer shows it (one decimal). Then put the "
        "setting back.",
        answer=f'# (a) one letter\nq7 = ...\n# (b) a number such as -0.N or 0.N\n'
               f"q7_value = ...\n### BEGIN SOLUTION\n"
               f'q7 = "{direction}"\nq7_value = {value:.1f}\n### END SOLUTION',
        check='q7 = answers.checked("q7", q7, "letter", "ABCDE")\n'
              'q7_value = answers.checked("q7_value", q7_value, "decimal")\n'
              "### BEGIN HIDDEN TESTS\n"
              f'_before = lesson_lib.balance_index().set_index("year").loc[{year}, "{domain}"]\n'
              f'_after = lesson_lib.balance_index({change_code}).set_index("year")'
              f'.loc[{year}, "{domain}"]\n'
              '_change = "E" if round(_after, 2) == round(_before, 2) else {(True, False): "A", '
              '(True, True): "B", (False, False): "C", (False, True): "D"}'
              "[(_after > _before, (_after > 0) != (_before > 0))]\n"
              # the explorer shows one decimal: a value read from it is within 0.05
              "(1 if q7 == _change else 0) + (2 if q7_value is not None "
              "and abs(q7_value - _after) <= 0.051 else 0)\n### END HIDDEN TESTS",
        lookup=1.5)
    day, situation, titles = KNOWN_THEN[form]
    unknown = known_then_key(form)
    preset, rule, weight, outputs = RULE_CHANGE[form]
    rule_text = RULES[rule][1].rstrip(".")
    _first, (second_output, second_name) = outputs
    twelve = Item(
        8, "Decide with what was known", 2, "two letters", ["04.3", "08.1", "08.2"],
        f"You sit in Minsk's seat on **{lesson_lib.format_date(day)}**. "
        f"{situation} (a) Which of these could you **not** know that day (timeline, section "
        "B)?\n\n" + _options(titles, "ABC") + "\n\n"
        f"(b) In the model, start from *{preset}* and set the rule *{rule_text}* to "
        f"**{weight:g}**. How does **{second_name}** change? A. it grows, B. it shrinks, C. it "
        "does not change.",
        answer=f'# (a) one letter, A, B or C\nq8 = ...\n# (b) one letter, A, B or C\n'
               f'q8_other = ...\n### BEGIN SOLUTION\n'
               f'q8 = "{unknown}"\nq8_other = "{rule_key(form)[1]}"\n### END SOLUTION',
        check='q8 = answers.checked("q8", q8, "letter", "ABC")\n'
              'q8_other = answers.checked("q8_other", q8_other, "letter", "ABC")\n'
              "### BEGIN HIDDEN TESTS\n"
              '_dates = lesson_lib.load_events().set_index("title")["date"]\n'
              f"_titles = {list(titles)!r}\n"
              f'_unknown = [k for k, t in zip("ABC", _titles) '
              f'if _dates[t].date().isoformat() > "{day.date()}"]\n'
              f'_choices = lesson_lib.SCENARIOS["{preset}"]\n'
              "_before = lesson_lib.scenario_outcome(_choices, lesson_lib.default_rules())\n"
              "_after = lesson_lib.scenario_outcome(_choices, dict(lesson_lib.default_rules(), "
              f"{rule}={weight!r}))\n"
              f'_o = "{second_output}"\n'
              '_change = "A" if _after[_o] > _before[_o] else "B" if _after[_o] < _before[_o] '
              'else "C"\n'
              "(1 if [q8] == _unknown else 0) + (1 if q8_other == _change else 0)\n"
              "### END HIDDEN TESTS",
        # the timeline is open from section B (its search box finds a title at once) and
        # the model from item 8's own cell: one quick look-up each
        lookup=1.2)
    claim, (first, last) = UN_CLAIM[form]
    count, judgement = un_key(form)
    span = f"{first}" if first == last else f"{first} to {last}"
    votes = code(f"# Run this cell for the UN votes of {span} (as in lesson 04).\n"
                 f"lesson_lib.un_votes_in({first}, {last})", "tool_un_votes")
    thirteen = Item(
        9, "Test the index from outside", 3, "number and letter", ["04.4"],
        f"A classmate says: \"{claim}\" Test it from outside, with what the index did not "
        f"use: the cell below lists the course's UN votes of {span} (*absent*: Belarus "
        "stayed away). (a) In how many did Belarus vote as Russia did? (b) What do they let "
        "you say about the claim?\n\n"
        + _options(UN_OPTIONS),
        answer=f'# (a) a whole number\nq9 = ...\n# (b) one letter\nq9_says = ...\n'
               f'### BEGIN SOLUTION\nq9 = {count}\nq9_says = "{judgement}"\n'
               "### END SOLUTION",
        check='q9 = answers.checked("q9", q9, "number", 0, 40)\n'
              'q9_says = answers.checked("q9_says", q9_says, "letter")\n'
              "### BEGIN HIDDEN TESTS\n"
              "_votes = lesson_lib.un_agreement()\n"
              f'_votes = _votes[_votes["year"].between({first}, {last})]\n'
              '_with = int(_votes["with_russia"].fillna(False).astype(bool).sum())\n'
              '_says = "A" if _with == len(_votes) else "C" if _with == 0 else "B"\n'
              "(2 if q9 == _with else 0) + (1 if q9_says == _says else 0)\n"
              "### END HIDDEN TESTS",
        lookup=0.5)  # a printed table: nothing to set
    cells = [intro, index_tool, *ten.cells(), model_tool, *twelve.cells(), *thirteen.cells()]
    # The votes' table sits under item 13's question, before its answer cell.
    at = cells.index(next(c for c in cells if c.metadata["nbgrader"]["grade_id"]
                          == "q9_prompt")) + 1
    cells.insert(at, votes)
    return cells, [ten, twelve, thirteen]


def section_f(form: str) -> tuple[list, list]:
    period, still, index_year = PERIOD[form]
    intro = markdown("## E. Written answers (about {minutes} minutes)\n\nYour own words; quote "
                     "only a few. Give each event its date from the timeline.", "section_f")
    fifteen = Item(
        10, "Two chairs in another period", 6, "written", ["02.2", "03.3", "04.2", "05.3"],
        f"In July 2016 the article said Minsk could sit on two chairs in politics, but not "
        f"in security. Was that {still} in **{period}**? In **30 to 50 words**: (1) answer, "
        f"politics and security apart; (2) back it with **two dated events** of {period} "
        "from the timeline, each with whose act it was (Minsk's, Moscow's, the West's, a "
        f"neighbour's, society's, or joint); (3) give the index's political and security "
        f"positions for **{index_year}** (index explorer): do they agree with you?",
        written=True, lookup=2.0)
    lead, words, source, task = FORECAST[form]
    sixteen = Item(
        11, "Audit a forecast", 6, "written", ["05.1", "05.2", "05.3"],
        f"{lead}: \"{words}\" {source}\n\n{task} In **30 to 50 words**: (1) a *horizon* (the "
        "date by which it can fairly be judged), and why; (2) the outcome "
        "(came true, partly, did not, cannot be tested) with **two dated events**; (3) was it "
        "well founded when made? One reason known then.", written=True, lookup=1.5)
    return [intro, *fifteen.cells(), *sixteen.cells()], [fifteen, sixteen]


def form_notebook(form: str) -> tuple[nbformat.NotebookNode, list]:
    sections = [section_a(form), section_c(form), section_d(form), section_e(form),
                section_f(form)]
    items = [item for _, section_items in sections for item in section_items]
    auto = sum(i.points for i in items if not i.written)
    written = sum(i.points for i in items if i.written)
    assert auto + written == TOTAL_POINTS, (form, auto, written)

    def reading(cells) -> float:  # a section's own text: its heading, document, sentences
        return sum(reading_words(c.source) for c in cells if c.cell_type == "markdown"
                   and "two_chairs" not in c.metadata
                   and c.metadata["nbgrader"]["grade_id"].startswith("section")
                   ) / READING_WORDS_PER_MINUTE

    per_section = [round(reading(cells) + sum(i.minutes() for i in s_items), 1)
                   for cells, s_items in sections]
    for (section_cells, _), section_minutes in zip(sections, per_section, strict=True):
        section_cells[0].source = section_cells[0].source.replace(
            "{minutes}", f"{round(section_minutes)}")
    head_text = (
        f"# Two Chairs: graded assessment, form {form}\n\n"
        f"**Time:** {{time}} **Points:** {TOTAL_POINTS}: {auto} checked automatically, "
        f"{written} marked by your teacher (items 1, 2, 3, 10 and 11).\n\n"
        "**How to answer.** No code: replace the three dots in a line such as `q4 = ...` "
        "and run the cell (Shift + Enter). The cell under it checks only the *form* (✔, or ✘ "
        "with what to type).\n\n"
        "| Asked for | Type it like this |\n|---|---|\n"
        "| one letter | `qX = \"?\"` |\n"
        "| a whole number (a count) | `qX = N` (digits, no quotes) |\n"
        "| a position on the index's scale | `qX = -0.N` or `qX = 0.N` |\n\n"
        "Written answers: double-click *YOUR ANSWER HERE*.\n\n"
        "Stuck? Move on; a question you skip shows ✘.")
    header_minutes = reading_words(head_text) / READING_WORDS_PER_MINUTE
    minutes = START_MINUTES + header_minutes + sum(per_section)
    head = markdown(head_text.format(time=time_statement(minutes, header_minutes,
                                                         per_section)), "intro")
    imports = code("import lesson_lib\nfrom lesson_lib import answers", "imports")
    end = markdown("**Before you hand in:** Kernel → Restart Kernel and Run All Cells, check "
                   "the ✔ and ✘ lines under your answers, and save.", "end")
    cells = [imports, head]
    for section_cells, _ in sections:
        cells += section_cells
    cells.append(end)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                        "language": "python", "name": "python3"},
                         "language_info": {"name": "python"},
                         "two_chairs": {"form": form, "minutes": round(minutes, 1),
                                        "section_minutes": per_section}}
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"{name(form)}-{number:02d}"
    return notebook, items


PERIOD_MINUTES = 45


def time_statement(minutes: float, header: float, sections: list[float]) -> str:
    """What the form says of its time, all of it counted: starting (opening the notebook,
    running its cells), reading this page, and each section. "45 minutes" when the estimate
    fits a period, the estimate itself when it does not: a form must not promise a time it
    cannot keep."""
    parts = (f"about {START_MINUTES:.0f} to open the notebook and run its cells, "
             f"{max(round(header), 1)} to read this page, then sections A to E: "
             + ", ".join(f"{round(m)}" for m in sections) + ".")
    if minutes <= PERIOD_MINUTES:
        return f"{PERIOD_MINUTES} minutes in all: {parts}"
    return (f"about {round(minutes)} minutes in all, more than one 45-minute period: "
            f"{parts}")


def notebook_text(form: str) -> str:
    notebook, _ = form_notebook(form)
    return nbformat.writes(notebook) + "\n"


def paths() -> dict[str, Path]:
    return {form: SOURCE / name(form) / f"{name(form)}.ipynb" for form in FORMS}


def main(argv: list[str]) -> int:
    from generated_files import write_or_check
    from rubric_forms import rubric_markdown

    files = {path: notebook_text(form) for form, path in paths().items()}
    items = {i.title: i.number for i in form_notebook("A")[1]}
    files[RUBRIC] = rubric_markdown(items["Two chairs in another period"],
                                    items["Audit a forecast"], TOTAL_POINTS)
    return write_or_check(files, check="--check" in argv, remedy="make assessment-forms")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
