"""The pieces of the Two Chairs hub that JupyterHub does not have as they are.

`hub/jupyterhub_config.py` uses them, and `tools/local_hub.py` checks a teacher's settings
with them before it starts the hub (so a refusal reads as a sentence, not a log).

- :class:`ClassAuthenticator`: JupyterHub's first-use authenticator (the one The Littlest
  JupyterHub uses), so each learner chooses their own password at their first sign-in and
  nobody else can sign in under that name afterwards; with a class password, a name can
  only be claimed by someone who has it (JupyterHub's own third login field).
- :class:`LearnerSpawner`: JupyterHub's local process spawner, run by root, starting each
  learner's JupyterLab as a system account of their own (``learner-<name>``, made at their
  first start, as The Littlest JupyterHub makes ``jupyter-<name>``), with a home only that
  account can open.
- :func:`listening_problem`: why the hub must not listen beyond this machine.
"""

from __future__ import annotations

import asyncio
import dbm
import grp
import hmac
import ipaddress
import os
import pwd
import re
import subprocess
from pathlib import Path

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode, default

LEARNER_PREFIX = "learner-"
LEARNER_GROUP = "two-chairs-learners"
# A learner's name: what a system account allows (at most 32 characters with the prefix),
# and what a learner can type without surprises.
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,23}")
NAME_RULE = ("a name of lowercase letters, digits, - or _, starting with a letter, at most "
             "24 characters (for example ana or ana-k)")
SHORTEST_PASSWORD = 8


class ClassAuthenticator(FirstUseAuthenticator):
    """First-use passwords, and the class password to claim a new name.

    A name that has no password yet is claimed by its first sign-in: the password typed
    becomes that learner's own. With ``class_password`` set, that first sign-in also needs
    the class password in the third field; later sign-ins need only the learner's own.
    """

    class_password = Unicode(
        "", config=True,
        help="Needed, with a name and a password of the learner's own, to claim a new name.")

    @default("min_password_length")
    def _at_least(self):
        return SHORTEST_PASSWORD

    @default("request_otp")
    def _ask_class_password(self):
        return bool(self.class_password)

    @default("otp_prompt")
    def _class_password_prompt(self):
        return "Class password (only the first time you sign in):"

    def validate_username(self, name: str) -> bool:
        # Also for names the admin page or the API adds: each becomes a system account.
        return bool(NAME_PATTERN.fullmatch(name)) and super().validate_username(name)

    def is_claimed(self, name: str) -> bool:
        with dbm.open(self.dbm_path, "c", 0o600) as passwords:
            return name.encode("utf-8") in passwords

    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username", ""))
        problem = self.first_sign_in_problem(name, data.get("password", ""),
                                             data.get("otp", ""))
        if problem:
            handler.custom_login_error = problem
            return None
        return await super().authenticate(handler, data)

    def first_sign_in_problem(self, name: str, password: str, typed_class_password: str
                              ) -> str:
        """What keeps this sign-in out before any password is checked ("" for nothing)."""
        if not NAME_PATTERN.fullmatch(name):
            return f"Please choose {NAME_RULE}."
        if self.is_claimed(name):
            return ""
        if self.class_password and not hmac.compare_digest(
                typed_class_password.encode("utf-8"), self.class_password.encode("utf-8")):
            return ("New here? Type the class password your teacher gave you, and choose a "
                    f"password of your own (at least {self.min_password_length} characters). "
                    "If you have signed in before, check your name.")
        if self.class_password and hmac.compare_digest(
                password.encode("utf-8"), self.class_password.encode("utf-8")):
            return ("Choose a password of your own, not the class password: everyone in the "
                    "class knows that one.")
        return ""


def system_name(learner: str) -> str:
    return f"{LEARNER_PREFIX}{learner}"


class LearnerSpawner(LocalProcessSpawner):
    """Each learner's JupyterLab as their own system account, in a home only they open."""

    homes = Unicode(config=True, help="The folder that holds one home per learner.")
    # useradd locks /etc/passwd: a class signing in at once takes turns here.
    _accounts = asyncio.Lock()

    @property
    def account(self) -> str:
        return system_name(self.user.name)

    def make_preexec_fn(self, name):
        return set_user_setuid(self.account)

    def user_env(self, env):
        entry = pwd.getpwnam(self.account)
        env.update(USER=self.account, HOME=entry.pw_dir, SHELL=entry.pw_shell)
        return env

    async def start(self):
        async with self._accounts:
            await asyncio.to_thread(ensure_account, self.user.name, Path(self.homes))
        return await super().start()


def ensure_account(learner: str, homes: Path) -> pwd.struct_passwd:
    """The learner's system account, made the first time, with a home of mode 0700.

    Refuses a system account of that name that this hub did not make (one outside the
    learners' group): a learner must never start a server as someone else.
    """
    if not NAME_PATTERN.fullmatch(learner):
        raise ValueError(f"{learner!r} is not a learner's name: expected {NAME_RULE}")
    account, home = system_name(learner), homes / learner
    try:
        grp.getgrnam(LEARNER_GROUP)
    except KeyError:
        _run("groupadd", "--force", LEARNER_GROUP)
    try:
        entry = pwd.getpwnam(account)
    except KeyError:
        _run("useradd", "--home-dir", str(home), "--no-create-home", "--shell", "/bin/bash",
             "--user-group", "--groups", LEARNER_GROUP, "--comment", "Two Chairs learner",
             account)
        entry = pwd.getpwnam(account)
    if account not in grp.getgrnam(LEARNER_GROUP).gr_mem or Path(entry.pw_dir) != home:
        raise PermissionError(
            f"a system account {account} exists that this hub did not make for the learner "
            f"{learner} (not in {LEARNER_GROUP}, or its home is not {home}); remove or "
            "rename it, or choose another name")
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o700)
    return entry


def learner_accounts(homes: Path) -> list[str]:
    """The system accounts this hub made for learners whose homes are under ``homes``."""
    try:
        members = grp.getgrnam(LEARNER_GROUP).gr_mem
    except KeyError:
        return []
    homes = homes.resolve()
    return sorted(m for m in members if Path(pwd.getpwnam(m).pw_dir).parent == homes)


def remove_accounts(homes: Path) -> list[str]:
    """Remove the learners' system accounts of the hub whose homes are under ``homes``
    (their homes are left for the teacher to keep or delete)."""
    removed = learner_accounts(homes)
    for account in removed:
        _run("userdel", account)
    return removed


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


def on_this_machine_only(ip: str) -> bool:
    if ip == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def listening_problem(ip: str, *, separate_accounts: bool, class_password: str,
                      our_login: bool = True) -> str:
    """Why the hub must not listen on ``ip`` with these settings ("" when it may)."""
    if on_this_machine_only(ip):
        return ""
    if not separate_accounts:
        return (f"TWO_CHAIRS_HUB_IP={ip} would let other computers in, but this hub runs "
                "every learner's JupyterLab as you (it was not started as root, so it cannot "
                "give learners accounts of their own): each could read the others' work and "
                "yours. Start it as root for separate accounts, or keep it on 127.0.0.1.")
    if our_login and not class_password:
        return (f"TWO_CHAIRS_HUB_IP={ip} would let anyone who can reach this computer claim "
                "a name and get a Python of their own on it. Set a class password "
                "(TWO_CHAIRS_HUB_PASSWORD=...) or your school's own login in "
                "hub/jupyterhub_config.py.")
    return ""
