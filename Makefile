# Two Chairs: the two commands a teacher needs are `make lab` and `make test`.
# Both call run.py (python run.py lab / test, which is what a teacher without make types):
# it creates the virtual environment .venv on first use and reinstalls an extra only when
# pyproject.toml or the settings changed since it was installed. Every install below goes
# through `run.py install EXTRA`: one implementation, on every platform.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LAB_STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test

GRADE_STAMP := $(VENV)/.installed-grading
PRESENT_STAMP := $(VENV)/.installed-present
HTML_STAMP := $(VENV)/.installed-html
HUB_STAMP := $(VENV)/.installed-hub
MUTATION_STAMP := $(VENV)/.installed-mutation
HUB_PORT ?= 8000
# Extra options for `make lab` (the browser test passes a port and token this way, so it
# starts JupyterLab exactly as a teacher does).
LAB_OPTIONS ?=
LESSON ?= 00
# Voila reads presenter/voila.json and the two_chairs template from these two paths.
PRESENTER := JUPYTER_PATH="$(abspath presenter)" JUPYTER_CONFIG_PATH="$(abspath presenter)"
# The graded assessment has three parallel forms, A, B and C: `make release FORM=B`.
FORM ?= A
ASSESSMENT = two_chairs_form_$(subst A,a,$(subst B,b,$(subst C,c,$(FORM))))
# The nbgrader course folder (the tests grade a copy of it by giving another).
COURSE_DIR ?= notebooks/assessment
# nbgrader runs `alembic` when it creates its database, so the environment's bin goes on PATH.
NBGRADER := cd $(COURSE_DIR) && PATH="$(abspath $(BIN)):$$PATH" $(abspath $(BIN))/python -m nbgrader

# A student copy (tools/student_copy.py) has the lessons, not the teacher's tests and tools.
teacher-copy:
	@test -d tests || { echo "This is a student copy of Two Chairs: '$(MAKECMDGOALS)' needs the teacher's copy of the course (its tests and tools hold the answers). Here: make lab, make html, make present."; exit 2; }

.PHONY: teacher-copy lab test test-fast lint setup clean help release autograde feedback grades bench bench-hub present html hub links student-copy answer-key objectives quotations item-report assessment-forms handouts mutation

help:
	@echo "make lab    set up (first time) and open the course in JupyterLab"
	@echo "make test   set up with the test tools and run every test"
	@echo "make test-fast   the quick edit loop: everything but the slow and browser tests"
	@echo "make clean  remove the virtual environment and test leftovers"
	@echo "make present LESSON=03   show a lesson without code (Voila) on a projector"
	@echo "make html   write reading copies of every lesson to site/ (static, offline)"
	@echo "make hub    try the course on a JupyterHub on this machine (HUB_PORT=8000)"
	@echo "make release / autograde / feedback FORM=A   run one form (A, B or C) of the assessment with nbgrader"
	@echo "make grades   export every form's grades to grades.csv"
	@echo "make item-report   after autograde: each item's difficulty and discrimination, per form"
	@echo "make handouts PAPER=A4   print worksheets, document packs, keys and paper forms as PDF"
	@echo "make student-copy DEST=../two-chairs-students   a copy to publish for students, without the answers"
	@echo "make links REPO=owner/name HUB=https://your.hub   print the Binder and nbgitpuller links"
	@echo "make answer-key   rewrite docs/answer_key.md from the lessons' example answers"
	@echo "make objectives   rewrite the teacher guide's table of objectives and graded items"
	@echo "make quotations   rewrite docs/quotation_register.md: every passage quoted, its page and check date"
	@echo "make bench  measure lessons, widgets and a class of 30 kernels (benchmarks/RESULTS.md)"
	@echo "make bench-hub   a class of 30 learners on a local JupyterHub (benchmarks/RESULTS.md)"
	@echo "make mutation   mutation testing of the learner-critical modules, about an hour (benchmarks/RESULTS.md)"

# lab_settings.py also switches on the server extension that serves plotly.js
# (two_chairs_static.py): a change to either reinstalls.
SETTINGS_INPUTS := jupyter_settings/two-chairs.json jupyter_settings/narrow-screen/package.json \
	jupyter_settings/narrow-screen/static/remoteEntry.js tools/lab_settings.py two_chairs_static.py

$(LAB_STAMP): pyproject.toml $(SETTINGS_INPUTS)
	$(PYTHON) run.py install lab

$(TEST_STAMP): pyproject.toml $(SETTINGS_INPUTS)
	$(PYTHON) run.py install test

setup:
	$(PYTHON) run.py setup

lab:
	$(PYTHON) run.py lab $(LAB_OPTIONS)

$(GRADE_STAMP): pyproject.toml
	$(PYTHON) run.py install grading

# Voila serves plotly.js for the live charts from the course's template (tools/lab_settings.py).
$(PRESENT_STAMP): pyproject.toml $(SETTINGS_INPUTS)
	$(PYTHON) run.py install present

present: $(PRESENT_STAMP)
	@test -n "$(wildcard notebooks/$(LESSON)_*.ipynb)" || { echo "No lesson $(LESSON): use LESSON=00 to 08, e.g. make present LESSON=03"; exit 2; }
	cd notebooks && $(PRESENTER) ../$(BIN)/voila $(notdir $(wildcard notebooks/$(LESSON)_*.ipynb))

$(HTML_STAMP): pyproject.toml
	$(PYTHON) run.py install html

# JupyterHub and its proxy (configurable-http-proxy, from npm) for a class on one machine.
$(HUB_STAMP): pyproject.toml $(SETTINGS_INPUTS)
	$(PYTHON) run.py install hub

hub: teacher-copy $(HUB_STAMP)
	$(BIN)/python tools/local_hub.py $(HUB_PORT)

html: $(HTML_STAMP)
	$(BIN)/python tools/reading_copies.py site

release: $(GRADE_STAMP)
	@test -d $(COURSE_DIR)/source || { echo "No assessment source here (a student copy?): release from the teacher's copy of the course."; exit 2; }
	@case "$(FORM)" in A|B|C) ;; *) echo "FORM must be A, B or C (found $(FORM))"; exit 2;; esac
	$(NBGRADER) generate_assignment $(ASSESSMENT) --force

autograde: $(GRADE_STAMP)
	$(NBGRADER) autograde $(ASSESSMENT) --create

feedback: $(GRADE_STAMP)
	$(NBGRADER) generate_feedback $(ASSESSMENT)

grades: $(GRADE_STAMP)
	$(NBGRADER) export --to grades.csv
	@echo "Grades written to $(COURSE_DIR)/grades.csv (one row per learner and form)"

# After make autograde: how hard each item was and how well it told stronger learners from
# weaker ones, per form.
item-report: $(GRADE_STAMP)
	$(BIN)/python tools/item_report.py $(COURSE_DIR)

# Printouts (PDF) of the worksheets, document packs, the teacher's keys and the paper forms:
# make handouts PAPER=Letter for US Letter. They are printed by Chromium (Debian's chromium,
# or the one TWO_CHAIRS_CHROMIUM names).
PAPER ?= A4
handouts: teacher-copy $(TEST_STAMP)
	$(BIN)/python tools/handouts.py --paper $(PAPER) --out handouts
	@echo "Handouts written to handouts/ ($(PAPER)): lessons/ for learners, teacher/ for you"

# The three forms and their rubric are written from one description.
assessment-forms: teacher-copy $(LAB_STAMP)
	$(BIN)/python tools/assessment_forms.py

# REPO defaults to this clone's GitHub origin; HUB is optional.
links: $(LAB_STAMP)
	$(BIN)/python -m lesson_lib links $(if $(REPO),--repo "$(REPO)") $(if $(HUB),--hub "$(HUB)") $(if $(BRANCH),--branch "$(BRANCH)")

# A copy to publish for students (Binder, nbgitpuller): no assessment answers in it.
student-copy: teacher-copy
	@test -n "$(DEST)" || { echo "Say where: make student-copy DEST=../two-chairs-students"; exit 2; }
	$(PYTHON) tools/student_copy.py "$(DEST)"

# The teacher's key is generated from the lessons, so it cannot drift from them.
answer-key: teacher-copy $(LAB_STAMP)
	$(BIN)/python tools/answer_key.py

# So is the register of every passage the course quotes, from the data.
quotations: teacher-copy $(LAB_STAMP)
	$(BIN)/python tools/quotation_register.py

# So is the table of which item assesses which objective.
objectives: teacher-copy $(LAB_STAMP)
	$(BIN)/python tools/objectives.py

bench: teacher-copy $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

bench-hub: teacher-copy $(TEST_STAMP)
	$(BIN)/python benchmarks/class_on_hub.py

lint: teacher-copy $(TEST_STAMP)
	$(BIN)/ruff check .

test:
	$(PYTHON) run.py test

test-fast:
	$(PYTHON) run.py test --fast

# mutmut changes the learner-critical modules one thing at a time and checks that a fast test
# fails ([tool.mutmut] in pyproject.toml); too slow for CI. One worker unless JOBS=2.
JOBS ?= 1
$(MUTATION_STAMP): pyproject.toml
	$(PYTHON) run.py install mutation

mutation: teacher-copy
	$(PYTHON) run.py mutation --max-children $(JOBS)

clean:
	rm -rf $(VENV) tests/browser/screenshots .pytest_cache site .hub mutants
