"""The nbgitpuller link, followed in Chromium on a real JupyterHub, twice.

The first click logs the learner in, clones the course into their home and opens the
start lesson. The learner then edits a lesson, writes a file of their own and saves
self-check progress. The teacher publishes a change; the second click on the same link
brings it in and keeps all of the learner's work.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .jupyter import NotebookRun, guard_origin, save_screenshot

ROOT = Path(__file__).resolve().parents[2]
START = "two-chairs/notebooks/00_start_here.ipynb"
LEARNER_NOTE = "My own note: the 1999 Union State treaty matters for lesson 02."
COURSE_CHANGE = "Spring term: lesson 05 now ends with the 2026 sequel."

_LESSON_OPEN = ("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                f" && window.jupyterapp.shell.currentWidget.context.path === {json.dumps(START)}")

# What a learner does between the two clicks, through JupyterLab's own objects: type into
# a cell and save, write a file of their own, and save progress from the lesson's kernel.
_LEARNER_WORKS = """
async ([note, progressCode]) => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  const cell = panel.content.widgets[2].model.sharedModel;
  cell.setSource(cell.getSource() + '\\n\\n' + note);
  await panel.context.save();
  await app.serviceManager.contents.save('two-chairs/notebooks/my_notes.md',
      {type: 'file', format: 'text', content: note + '\\n'});
  await panel.sessionContext.ready;
  const reply = await panel.sessionContext.session.kernel.requestExecute(
      {code: progressCode}).done;
  return reply.content.status;
}
"""
_SAVE_PROGRESS = (
    "from lesson_lib.checks.progress import progress_path, save_lesson\n"
    "save_lesson(progress_path(), '01', {'01-q1': {'attempts': 2, 'hints': 1, "
    "'correct': True, 'answer': 'B'}})")


def wait_until_drawn(page) -> None:
    """The start lesson's title drawn and the file browser listing the course."""
    page.wait_for_function(_LESSON_OPEN, timeout=180_000)
    page.wait_for_selector(".jp-Notebook .jp-RenderedMarkdown h1", state="visible")
    page.wait_for_selector(".jp-DirListing-item", state="visible")


def printed_hub_link(class_hub) -> str:
    out = subprocess.run([sys.executable, "-m", "lesson_lib", "links", "--repo",
                          class_hub.repo, "--hub", class_hub.url], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout
    return next(line.strip() for line in out.splitlines() if "/git-pull?" in line)


def publish_a_change(class_hub) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from local_hub import publish_folder
    from student_copy import make_student_copy

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "two-chairs"
        make_student_copy(copy, ROOT)
        readme = copy / "README.md"
        readme.write_text(readme.read_text("utf-8") + f"\n{COURSE_CHANGE}\n", "utf-8")
        lesson = copy / "notebooks" / "00_start_here.ipynb"
        notebook = json.loads(lesson.read_text("utf-8"))
        notebook["cells"][15]["source"].append(f"\n\n{COURSE_CHANGE}")
        lesson.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
        publish_folder(copy, class_hub.bare, "A change for the spring term")


ADAS_PASSWORD = "ada's own words"


def sign_in(page, name: str, password: str, class_password: str | None = None) -> None:
    """Fill JupyterHub's sign-in form as a learner does (the third field, the class
    password, is there for a name's first sign-in)."""
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    if class_password is not None:
        page.fill("#otp_input", class_password)
    page.click("#login_submit")


def test_the_link_clones_the_course_then_updates_it_keeping_the_learners_work(
        browser, class_hub):
    link = printed_hub_link(class_hub)
    run = NotebookRun("hub_nbgitpuller")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(180_000)
    guard_origin(context, class_hub.url, run)
    page = context.new_page()
    page.on("pageerror", lambda e: run.console_errors.append(f"page error: {e}"))

    # First click: the hub asks who this is, starts their JupyterLab, nbgitpuller clones.
    page.goto(link)
    sign_in(page, "ada", ADAS_PASSWORD, class_hub.password)
    wait_until_drawn(page)
    # nbgrader's teacher panels are not a learner's (the hub's learner config turns them off)
    page.wait_for_selector(".jp-SideBar", state="visible")
    assert page.get_by_text("Create Assignment").count() == 0
    assert page.get_by_text("Formgrader").count() == 0
    save_screenshot(page, run, "-first-click")
    clone = class_hub.homes / "ada" / "two-chairs"
    assert (clone / "notebooks" / "00_start_here.ipynb").is_file()

    assert page.evaluate(_LEARNER_WORKS, [LEARNER_NOTE, _SAVE_PROGRESS]) == "ok"
    progress = clone / "notebooks" / ".two_chairs_progress.json"
    saved_progress = progress.read_bytes()
    assert json.loads(saved_progress)["lessons"]["01"]["01-q1"]["attempts"] == 2
    assert LEARNER_NOTE in (clone / "notebooks" / "00_start_here.ipynb").read_text("utf-8")

    publish_a_change(class_hub)

    # Second click on the same link: the change arrives, the learner's work stays.
    page.goto(link)
    wait_until_drawn(page)
    save_screenshot(page, run, "-second-click")
    assert COURSE_CHANGE in (clone / "README.md").read_text("utf-8")
    lesson = (clone / "notebooks" / "00_start_here.ipynb").read_text("utf-8")
    assert LEARNER_NOTE in lesson
    assert COURSE_CHANGE in lesson  # the change to another cell of the edited lesson
    assert (clone / "notebooks" / "my_notes.md").read_text("utf-8") == LEARNER_NOTE + "\n"
    assert progress.read_bytes() == saved_progress
    assert run.outside_requests == []
    assert run.console_errors == []
    context.close()


def test_nobody_signs_in_as_a_learner_or_claims_a_name_without_the_class_password(
        browser, class_hub):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    run = NotebookRun("hub_sign_in")
    guard_origin(context, class_hub.url, run)
    page = context.new_page()
    page.goto(f"{class_hub.url}/hub/login")
    assert "Class password" in page.inner_text("label[for=otp_input]")
    # A classmate with the class password tries Ada's name (ada signed in above, or does
    # now): her own password is what opens it.
    sign_in(page, "ada", ADAS_PASSWORD, class_hub.password)
    page.goto(f"{class_hub.url}/hub/logout")
    page.goto(f"{class_hub.url}/hub/login")
    sign_in(page, "ada", "a guess of mine", class_hub.password)
    assert "Invalid username or password" in page.inner_text(".login_error")
    # A new name needs the class password.
    sign_in(page, "eve", "eve's password", "not the class password")
    assert "New here? Type the class password" in page.inner_text(".login_error")
    save_screenshot(page, run, "-refused")
    # ... and a password of the learner's own.
    sign_in(page, "eve", class_hub.password, class_hub.password)
    assert "not the class password" in page.inner_text(".login_error")
    assert run.outside_requests == []
    context.close()
