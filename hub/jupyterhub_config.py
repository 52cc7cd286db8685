"""JupyterHub on one machine for Two Chairs: `make hub` starts it with this file.

Who is who:

- **Started as root** (a school's server): each learner's JupyterLab runs as a system
  account of their own, ``learner-<name>``, made at their first start, in a home only that
  account can open (``LearnerSpawner``, hub/two_chairs_hub.py). The hub's state (its
  database, cookie secret, passwords, log) is readable by root only, and `make hub` closes
  the teacher's copy of the course (answers, tests, git history) to the learners' accounts.
- **Started as anyone else** (trying it on a laptop): every learner's JupyterLab runs as
  you, so learners could read each other's work; the hub then refuses to listen beyond
  127.0.0.1.

Sign-in (``ClassAuthenticator``): a learner chooses a name and a password of their own at
their first sign-in, and only that password opens that name afterwards. With a class
password, claiming a new name also needs it; without one, the hub stays on 127.0.0.1.

Settings come from the environment, so `make hub`, the tests and the class benchmark
start the same hub (tools/local_hub.py sets them):

- TWO_CHAIRS_HUB_STATE      folder for the hub's database, secrets and learners' homes
- TWO_CHAIRS_HUB_PORT       the port learners open (default 8000)
- TWO_CHAIRS_HUB_IP         the address to listen on (default 127.0.0.1)
- TWO_CHAIRS_HUB_PASSWORD   the class password, needed to claim a new name
- TWO_CHAIRS_HUB_TEACHER    optional: the name of the teacher's own login, an admin (the
                            admin page resets a learner who forgot their password)
- TWO_CHAIRS_HUB_API_TOKEN  optional: a token for a service that may start servers and
                            reach them (the tests and the benchmark use it; a class does not)
- TWO_CHAIRS_PROXY          the configurable-http-proxy command (tools/local_hub.py installs it)
- TWO_CHAIRS_HUB_EXPOSE_APP set by the browser tests, which read JupyterLab's state

To use your school's login instead, set c.JupyterHub.authenticator_class to it below (for
example OAuthenticator or LDAPAuthenticator); the learners' accounts stay as they are.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from two_chairs_hub import (  # noqa: E402
    ClassAuthenticator,
    LearnerSpawner,
    listening_problem,
)

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

# Whatever the hub writes (database, logs, secrets) is its own; the learners' servers,
# which inherit this, keep their files to themselves too.
os.umask(0o077)
state = Path(os.environ.get("TWO_CHAIRS_HUB_STATE", Path(__file__).parent / "state")).resolve()
homes = state / "homes"
homes.mkdir(parents=True, exist_ok=True)
ip = os.environ.get("TWO_CHAIRS_HUB_IP", "127.0.0.1")
port = int(os.environ.get("TWO_CHAIRS_HUB_PORT", "8000"))
class_password = os.environ.get("TWO_CHAIRS_HUB_PASSWORD", "")
separate_accounts = os.getuid() == 0

c.JupyterHub.bind_url = f"http://{ip}:{port}"
# The hub's own API and the proxy's control port stay on this machine, next to the public port.
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{port + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
c.ConfigurableHTTPProxy.command = [os.environ.get("TWO_CHAIRS_PROXY",
                                                  "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "cookie_secret")
c.JupyterHub.pid_file = str(state / "hub.pid")

c.JupyterHub.authenticator_class = ClassAuthenticator
c.ClassAuthenticator.dbm_path = str(state / "passwords.dbm")
c.ClassAuthenticator.class_password = class_password
c.Authenticator.allow_all = True  # any name may be claimed, by someone with the class password
if os.environ.get("TWO_CHAIRS_HUB_TEACHER"):
    c.Authenticator.admin_users = {os.environ["TWO_CHAIRS_HUB_TEACHER"]}

if separate_accounts:
    c.JupyterHub.spawner_class = LearnerSpawner
    c.LearnerSpawner.homes = str(homes)
else:
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
c.Spawner.ip = "127.0.0.1"
# The learners' JupyterLab, nbgitpuller and the course come from the environment the hub
# runs in (make hub installs them all into .venv).
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
# Each learner's server reads the hub's learner config (tools/local_hub.py writes it): no
# nbgrader teacher panels for learners.
c.Spawner.environment = {"JUPYTER_CONFIG_PATH": str(state / "learner-config")}
c.Spawner.args = []
if os.environ.get("TWO_CHAIRS_HUB_EXPOSE_APP"):  # the browser tests read JupyterLab's state
    c.Spawner.args.append("--LabApp.expose_app_in_browser=True")
# A whole class logs in within a minute on a small server: let slow starts finish.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300

token = os.environ.get("TWO_CHAIRS_HUB_API_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "class-driver", "api_token": token}]
    c.JupyterHub.load_roles = [{
        "name": "class-driver",
        "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"],
        "services": ["class-driver"],
    }]

# Last, so that a school's own login set above counts: never open to the network with a
# login anyone can pass, or with learners sharing one account.
problem = listening_problem(ip, separate_accounts=separate_accounts,
                            class_password=class_password,
                            our_login=c.JupyterHub.authenticator_class is ClassAuthenticator)
if problem:
    raise SystemExit(f"Two Chairs hub not started: {problem}")
