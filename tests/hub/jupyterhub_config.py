"""JupyterHub for tests/hub: two learners on 127.0.0.1, each with a home folder of their own.

Filled in from KIT_HUB_* environment variables set by tests/hub/conftest.py. It is also a
readable starting point for a single-machine hub (swap the dummy authenticator and the
simple spawner for real ones; see docs/hub-admins.md).
"""

import os
import sys

c = get_config()  # noqa: F821  (JupyterHub defines it when it loads this file)
env = os.environ
root = env["KIT_HUB_ROOT"]
homes = os.path.join(root, "home")

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env["KIT_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["KIT_HUB_INTERNAL_PORT"])
c.JupyterHub.db_url = "sqlite:///" + os.path.join(root, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(root, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(root, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True

c.ConfigurableHTTPProxy.command = [env["KIT_HUB_CHP"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['KIT_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.pid_file = os.path.join(root, "proxy.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = env["KIT_HUB_PASSWORD"]
c.Authenticator.allowed_users = set(env["KIT_HUB_LEARNERS"].split(","))

# The test drives the hub through its REST API with the first token; the second is a teacher's,
# limited to the class group: the role docs/hub-admins.md recommends for collecting exports.
c.JupyterHub.load_groups = {"class-7b": {"users": sorted(c.Authenticator.allowed_users)}}
c.JupyterHub.services = [
    {"name": "kit-test", "api_token": env["KIT_HUB_ADMIN_TOKEN"]},
    {"name": "teacher-7b", "api_token": env["KIT_HUB_TEACHER_TOKEN"]},
]
c.JupyterHub.load_roles = [
    {"name": "kit-test-admin", "scopes": ["admin:users", "admin:servers", "tokens"],
     "services": ["kit-test"]},
    # access:servers is filtered per user: a learner's server cannot resolve "!group=" filters
    # for API tokens (JupyterHub 6.1 refuses with 403), while the hub resolves them for lists.
    {"name": "teacher-7b", "services": ["teacher-7b"],
     "scopes": ["list:users!group=class-7b", "read:users!group=class-7b",
                *(f"access:servers!user={u}" for u in sorted(c.Authenticator.allowed_users))]},
]

# Each learner: own home under the test folder, the test's Python for server and kernels.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(homes, "{username}")
c.Spawner.notebook_dir = os.path.join(homes, "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
# Kernels talk to their server over Unix sockets, not TCP ports. With TCP, a server picks five
# free ports, releases them and lets the kernel bind them; when a whole class starts kernels in
# the same seconds on one machine, two kernels can be handed the same port, and the loser dies
# on every restart ("Address already in use": one learner in three runs of 30 at once,
# bench/class_load.py). Unix sockets live in the user's runtime folder: nothing to collide.
c.Spawner.args += ["--KernelManager.transport=ipc"]
c.Spawner.default_url = "/lab"
c.Spawner.disable_user_config = True
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
# Live class view (docs/hub-admins.md): each learner's server sees only its own folder of the
# class's shared folder, as a Kubernetes subPath mount of {username} would give it; the teacher
# reads the whole class folder. The hub makes the folder before the server starts (kubelet
# creates a missing subPath the same way).
class_dir = os.path.join(root, "class-live")


def _class_folder(spawner):
    return os.path.join(class_dir, spawner.user.name)


def _runtime_folder(spawner):
    # A socket's path must stay under 108 bytes: the test's homes are deep under /tmp, so the
    # runtime files (connection files, kernel sockets) go to a short folder of this run.
    return os.path.join(env["KIT_HUB_RUNTIME"], spawner.user.name)


def _make_class_folder(spawner):
    os.makedirs(_class_folder(spawner), exist_ok=True)
    os.makedirs(_runtime_folder(spawner), mode=0o700, exist_ok=True)


c.Spawner.pre_spawn_hook = _make_class_folder
c.Spawner.environment = {
    "PATH": env["PATH"],
    "LANG": "C.UTF-8",
    # The course's own kit and lesson data come with the pull (see docs/hub-admins.md).
    "PYTHONPATH": lambda spawner: os.path.join(spawner.home_dir, "town-square-kit"),
    "KIT_CLASS_DIR": _class_folder,
    "GIT_CONFIG_NOSYSTEM": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
    "JUPYTER_RUNTIME_DIR": _runtime_folder,
    # Lets the test find (and stop) every process this hub started, whatever happens.
    "KIT_HUB_RUN": env["KIT_HUB_RUN"],
}
