"""A free TCP port on 127.0.0.1 for a server a test or benchmark starts (JupyterLab, Voilà,
JupyterHub): the operating system picks one that nothing is listening on."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on now; the caller's server binds it next (a small race that a
    server started with port_retries=0 reports at once rather than hiding)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
