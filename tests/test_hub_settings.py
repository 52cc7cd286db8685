"""The hub's own rules, without a hub: who may claim a name, and where it may listen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("firstuseauthenticator", reason="the hub's sign-in is in the hub extra")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))

from two_chairs_hub import ClassAuthenticator, listening_problem  # noqa: E402


@pytest.fixture
def sign_in(tmp_path):
    auth = ClassAuthenticator(class_password="river-4", dbm_path=str(tmp_path / "pw"),
                              check_passwords_on_startup=False)

    def problem(name, password="my own pass", typed="river-4"):
        return auth.first_sign_in_problem(name, password, typed)

    return auth, problem


def test_a_new_name_needs_the_class_password_and_a_password_of_its_own(sign_in):
    auth, problem = sign_in
    assert auth.request_otp and "Class password" in auth.otp_prompt
    assert auth.min_password_length == 8
    assert problem("ana") == ""
    assert problem("ana", typed="river-5").startswith("New here?")
    assert problem("ana", typed="").startswith("New here?")
    assert "not the class password" in problem("ana", password="river-4")


@pytest.mark.parametrize("name", ["ana lopez", "1ana", "a" * 25, "", "ana;rm", "root/x"])
def test_a_name_that_cannot_be_an_account_is_explained(sign_in, name):
    auth, problem = sign_in
    assert problem(name).startswith("Please choose a name of lowercase letters")
    assert not auth.validate_username(name)


def test_a_claimed_name_is_opened_by_its_own_password_only(sign_in):
    import asyncio

    auth, problem = sign_in

    class Handler:
        custom_login_error = ""

    handler = Handler()
    first = {"username": "bea", "password": "bea's secret", "otp": "river-4"}
    assert asyncio.run(auth.authenticate(handler, first)) == "bea"
    assert auth.is_claimed("bea") and problem("bea", typed="") == ""  # no class password now
    stranger = {"username": "bea", "password": "a guess 123", "otp": "river-4"}
    assert asyncio.run(auth.authenticate(handler, stranger)) is None
    again = {"username": "bea", "password": "bea's secret", "otp": ""}
    assert asyncio.run(auth.authenticate(handler, again)) == "bea"
    assert asyncio.run(auth.authenticate(handler, {**first, "username": "cai",
                                                   "otp": "wrong"})) is None
    assert handler.custom_login_error.startswith("New here?")


def test_without_a_class_password_a_name_is_claimed_by_its_first_sign_in(tmp_path):
    auth = ClassAuthenticator(dbm_path=str(tmp_path / "pw"), check_passwords_on_startup=False)
    assert not auth.request_otp
    assert auth.first_sign_in_problem("dan", "whatever1", "") == ""


@pytest.mark.parametrize("ip, separate, password, ours, refused", [
    ("127.0.0.1", False, "", True, False),
    ("::1", False, "", True, False),
    ("localhost", True, "", True, False),
    ("0.0.0.0", True, "", True, True),  # anyone could claim a name
    ("0.0.0.0", True, "river-4", True, False),
    ("192.168.1.20", True, "", False, False),  # the school's own login
    ("0.0.0.0", False, "river-4", True, True),  # learners would share one account
    ("192.168.1.20", False, "", False, True),
])
def test_the_hub_listens_beyond_this_machine_only_when_it_is_safe(ip, separate, password,
                                                                   ours, refused):
    problem = listening_problem(ip, separate_accounts=separate, class_password=password,
                                our_login=ours)
    assert bool(problem) is refused
    if refused:
        assert f"TWO_CHAIRS_HUB_IP={ip}" in problem


def test_make_hub_refuses_an_open_address_without_a_class_password(monkeypatch, capsys):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import local_hub

    monkeypatch.setenv("TWO_CHAIRS_HUB_IP", "0.0.0.0")
    monkeypatch.delenv("TWO_CHAIRS_HUB_PASSWORD", raising=False)
    monkeypatch.setattr(local_hub, "publish_course", lambda *a, **k: pytest.fail("started"))
    assert local_hub.main(["8123"]) == 1
    assert "TWO_CHAIRS_HUB_IP=0.0.0.0" in capsys.readouterr().err


def test_learners_get_a_config_without_nbgraders_teacher_panels(tmp_path):
    import json
    import stat

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import local_hub

    state = tmp_path / "state"
    (state / "secrets").mkdir(parents=True)
    local_hub.secure_state(state)
    folder = state / local_hub.LEARNER_CONFIG
    page = json.loads((folder / "labconfig" / "page_config.json").read_text("utf-8"))
    assert set(page["disabledExtensions"]) == {
        "@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:course-list"}
    assert "@jupyter/nbgrader:assignment-list" not in page["disabledExtensions"]
    server = json.loads((folder / "jupyter_server_config.json").read_text("utf-8"))
    assert server["ServerApp"]["jpserver_extensions"][
        "nbgrader.server_extensions.formgrader"] is False
    # learners read it (it holds no secret); the hub's own state stays closed
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "labconfig" / "page_config.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((state / "secrets").stat().st_mode) == 0o700
    config = (Path(__file__).resolve().parents[1] / "hub" / "jupyterhub_config.py").read_text()
    assert 'JUPYTER_CONFIG_PATH": str(state / "learner-config")' in config
