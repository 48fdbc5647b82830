"""Fixtures shared by the test modules of the kit's widgets."""

from __future__ import annotations

import pytest


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """What the kernel would send the browser for widgets made from now on: (type, model),
    type being comm_open for a new model and the method (update, …) for a later message."""
    import comm

    sent: list[tuple[str, str]] = []

    class Recording(comm.DummyComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            data = data or {}
            sent.append((data.get("method", msg_type),
                         data.get("state", {}).get("_model_name", "")))

    monkeypatch.setattr(comm, "create_comm", lambda *a, **k: Recording(*a, **k))
    return sent
