"""JupyterHub on one machine for Two Chairs: `make hub` starts it with this file.

Every learner logs in with any name and the class password, gets their own JupyterLab
(a process on this machine, running as the user who started the hub) and a home folder
under the hub's state folder. Nothing listens beyond 127.0.0.1 unless HUB_IP says so.

Settings come from the environment, so `make hub`, the tests and the class benchmark
start the same hub (tools/local_hub.py sets them):

- TWO_CHAIRS_HUB_STATE      folder for the hub's database, secrets and learners' homes
- TWO_CHAIRS_HUB_PORT       the port learners open (default 8000)
- TWO_CHAIRS_HUB_IP         the address to listen on (default 127.0.0.1)
- TWO_CHAIRS_HUB_PASSWORD   the class password (default: any password is accepted)
- TWO_CHAIRS_HUB_API_TOKEN  optional: a token for a service that may start servers and
                            reach them (the tests and the benchmark use it; a class does not)
- TWO_CHAIRS_PROXY          the configurable-http-proxy command (tools/local_hub.py installs it)
- TWO_CHAIRS_HUB_EXPOSE_APP set by the browser tests, which read JupyterLab's state

For a real class on a shared server use a real authenticator (your school's login, e.g.
OAuthenticator or LDAPAuthenticator) and a spawner that gives each learner their own Unix
user or container: this file is for trying the hub out and for the tests.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

state = Path(os.environ.get("TWO_CHAIRS_HUB_STATE", Path(__file__).parent / "state")).resolve()
homes = state / "homes"
homes.mkdir(parents=True, exist_ok=True)
ip = os.environ.get("TWO_CHAIRS_HUB_IP", "127.0.0.1")
port = int(os.environ.get("TWO_CHAIRS_HUB_PORT", "8000"))

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
# Learners log in with any name; a class password keeps passers-by out of a shared room.
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
if os.environ.get("TWO_CHAIRS_HUB_PASSWORD"):
    c.DummyAuthenticator.password = os.environ["TWO_CHAIRS_HUB_PASSWORD"]

# One JupyterLab process per learner, each with a home of its own.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
c.Spawner.ip = "127.0.0.1"
# The learners' JupyterLab, nbgitpuller and the course come from the environment the hub
# runs in (make hub installs them all into .venv).
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
c.Spawner.args = []
if os.getuid() == 0:  # JupyterLab refuses to run as root unless told (CI runs as root)
    c.Spawner.args.append("--allow-root")
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
