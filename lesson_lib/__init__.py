"""lesson_lib: the helper library of the Two Chairs course.

Curated data as typed pandas DataFrames, figures as plotly objects, and small
ipywidgets explorers. Importing it reads no network, writes no file and changes
no global setting.

Notebooks only ever ``import lesson_lib``; the names below are the whole public API. The
code is grouped in wings, one per thing a learner meets, over a shared floor:

- the floor (modules directly in ``lesson_lib/``): where the data lives and its checks
  (``data``, ``tables``, ``schema``, ``table_parser``, ``schema_rules``,
  ``cross_table_rules``), course facts, errors, formatting and the look of every chart
  and widget;
- ``checks/`` (questions, marking, self-checks, progress), ``model/`` (the index and the
  scenario model), ``sources/`` (the article, claims, documents, the essay),
  ``timeline/``, ``actors/`` (ties, maps, network, perspectives) and ``decisions/``.

A wing imports the floor, itself and the wings listed before it; ``tests/test_layout.py``
fails on any other import and on a module over 450 lines.
"""

from importlib import metadata as _metadata

from .actors.actor_map import describe_actor_map, geo_map_figure
from .actors.dependence import trade_partners_figure
from .actors.map_explorer import ActorMapExplorer
from .actors.network import network_figure
from .actors.perspectives import PerspectivesExplorer, describe_perspectives, perspectives_grid
from .actors.primer import basic_facts, locator_map_figure
from .actors.ties import bloc_of, memberships_in, relations_in
from .checks import answers
from .checks.banks import load_quiz
from .checks.marking import check_answer
from .checks.questions import Question
from .checks.quiz import Quiz, progress_summary
from .data import (
    DATA_ENV_VAR,
    check_folder,
    copy_data,
    data_folder,
    load_table,
    table_names,
    use_data,
)
from .decisions.class_room import ClassDecisions
from .decisions.room import DecisionRoom
from .decisions.rooms import brief_html, debrief_html, decision_points, model_reading
from .environment import WidgetCheck, environment_report
from .errors import LessonError, Problem, show_traceback
from .formatting import format_date, format_span
from .model.index import balance_index, baseline_parts, index_band, index_bands
from .model.index_views import (
    IndexExplorer,
    describe_trajectory,
    outside_measure_figure,
    position_parts,
    trajectory_figure,
)
from .model.scenario import (
    SCENARIOS,
    BalanceExplorer,
    default_rules,
    outcome_figure,
    scenario_outcome,
)
from .model.un_votes import describe_un_votes, un_agreement, un_votes_figure, un_votes_in
from .model.validity import face_validity, face_validity_table
from .sources.accounts import ConflictingAccounts, CoreClaim
from .sources.article import ARTICLE_DATE, ARTICLE_SOURCE_ID, AS_THE_AUTHOR_SAW_IT, article_citation
from .sources.claims import (
    ClaimsExplorer,
    ForecastAudit,
    corroboration_table,
    filter_claims,
    forecast_scorecard,
    read_article,
    scorecard_figure,
)
from .sources.documents import CorroborationTask, DocumentReader
from .sources.essay import EssayWriter
from .sources.essay_plan import Bucketing, EssayDocuments, EssayOutline, ThesisBuilder
from .sources.quotations import quotation_register
from .sources.reading import ReadingTasks
from .tables import (
    glossary,
    load_account_pairs,
    load_actors,
    load_claims,
    load_core_claims,
    load_decision_options,
    load_decision_points,
    load_decision_seats,
    load_documents,
    load_eras,
    load_essay_documents,
    load_events,
    load_glossary,
    load_index_checks,
    load_memberships,
    load_perspectives,
    load_quotations,
    load_reading_tasks,
    load_relations,
    load_reuse_terms,
    load_sides,
    load_sources,
    load_trade_shares,
    load_un_votes,
)
from .timeline.explorer import TimelineExplorer
from .timeline.figure import describe_era_name, describe_timeline, filter_events, timeline_figure

try:
    __version__ = _metadata.version("two-chairs")
except _metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = [
    "answers",
    "locator_map_figure",
    "basic_facts",
    "Quiz",
    "check_answer",
    "load_quiz",
    "Question",
    "progress_summary",
    "BalanceExplorer",
    "balance_index",
    "describe_trajectory",
    "index_band",
    "index_bands",
    "baseline_parts",
    "face_validity",
    "face_validity_table",
    "un_votes_figure",
    "describe_un_votes",
    "un_agreement",
    "un_votes_in",
    "outside_measure_figure",
    "position_parts",
    "trade_partners_figure",
    "IndexExplorer",
    "load_trade_shares",
    "load_sides",
    "load_un_votes",
    "load_index_checks",
    "load_glossary",
    "glossary",
    "load_perspectives",
    "load_decision_points",
    "load_decision_seats",
    "load_decision_options",
    "DecisionRoom",
    "ClassDecisions",
    "decision_points",
    "brief_html",
    "debrief_html",
    "model_reading",
    "describe_era_name",
    "perspectives_grid",
    "describe_perspectives",
    "PerspectivesExplorer",
    "default_rules",
    "outcome_figure",
    "scenario_outcome",
    "SCENARIOS",
    "trajectory_figure",
    "ClaimsExplorer",
    "CorroborationTask",
    "ConflictingAccounts",
    "CoreClaim",
    "quotation_register",
    "EssayDocuments",
    "Bucketing",
    "ThesisBuilder",
    "EssayOutline",
    "EssayWriter",
    "DocumentReader",
    "load_documents",
    "load_reuse_terms",
    "load_account_pairs",
    "load_core_claims",
    "load_quotations",
    "load_essay_documents",
    "load_reading_tasks",
    "ReadingTasks",
    "ForecastAudit",
    "corroboration_table",
    "read_article",
    "filter_claims",
    "forecast_scorecard",
    "scorecard_figure",
    "ActorMapExplorer",
    "describe_actor_map",
    "geo_map_figure",
    "memberships_in",
    "network_figure",
    "relations_in",
    "bloc_of",
    "AS_THE_AUTHOR_SAW_IT",
    "TimelineExplorer",
    "describe_timeline",
    "filter_events",
    "timeline_figure",
    "ARTICLE_DATE",
    "ARTICLE_SOURCE_ID",
    "DATA_ENV_VAR",
    "LessonError",
    "show_traceback",
    "Problem",
    "WidgetCheck",
    "__version__",
    "article_citation",
    "check_folder",
    "copy_data",
    "data_folder",
    "environment_report",
    "format_date",
    "format_span",
    "load_actors",
    "load_claims",
    "load_eras",
    "load_events",
    "load_memberships",
    "load_relations",
    "load_sources",
    "load_table",
    "table_names",
    "use_data",
]
