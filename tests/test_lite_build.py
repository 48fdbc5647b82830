"""lite/build.py without a network or a browser: pins in one place, checks that stop the build.

The whole build, served and run in Chromium, is tests/browser/test_jupyterlite.py.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "lite"


def _load_build():
    spec = importlib.util.spec_from_file_location("lite_build", LITE / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["lite_build"] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()
PINS = build.load_versions()


def _lock(**packages: dict) -> dict:
    return {"info": {"version": "0.27.7"}, "packages": packages}


def _entry(name: str, data: bytes, depends: list[str] = ()) -> dict:
    return {"name": name, "version": "1", "file_name": f"{name}-1-py3-none-any.whl",
            "sha256": hashlib.sha256(data).hexdigest(), "depends": list(depends),
            "imports": [name], "install_dir": "site", "package_type": "package"}


def _carrier(files: dict[str, bytes]) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr("assets/pyodide/" + name, data)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


# ---------------------------------------------------------------- checks that stop the build


def test_a_wheel_that_differs_from_the_official_lock_stops_the_build():
    good, tampered = b"numpy as built by Pyodide", b"numpy with something added"
    packages = {"numpy": _entry("numpy", good)}
    carrier = _carrier({"numpy-1-py3-none-any.whl": tampered})
    with pytest.raises(build.BuildError) as err:
        build.carrier_wheels(carrier, "assets/pyodide/", packages, ["numpy"],
                             "official lock of npm pyodide@0.27.7")
    message = str(err.value)
    assert "SHA-256 mismatch for numpy-1-py3-none-any.whl" in message
    assert packages["numpy"]["sha256"] in message
    assert hashlib.sha256(tampered).hexdigest() in message
    assert "official lock of npm pyodide@0.27.7" in message
    assert "build stopped" in message and "do not publish" in message


def test_matching_wheels_are_taken_from_the_carrier():
    data = b"pandas wheel"
    packages = {"pandas": _entry("pandas", data)}
    got = build.carrier_wheels(_carrier({"pandas-1-py3-none-any.whl": data}),
                               "assets/pyodide/", packages, ["pandas"], "lock")
    assert got == {"pandas-1-py3-none-any.whl": data}


def test_a_wheel_missing_from_the_carrier_stops_the_build():
    packages = {"scipy": _entry("scipy", b"x")}
    with pytest.raises(build.BuildError, match=r"scipy-1-py3-none-any\.whl .*not in the carrier"):
        build.carrier_wheels(_carrier({}), "assets/pyodide/", packages, ["scipy"], "lock")


def test_npm_integrity_is_checked():
    data = b"pyodide-0.27.7.tgz"
    good = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    build.check_npm_integrity("pyodide@0.27.7", data, good)
    with pytest.raises(build.BuildError, match=r"npm integrity mismatch for pyodide@0\.27\.7"):
        build.check_npm_integrity("pyodide@0.27.7", data + b"!", good)


def test_the_build_cli_reports_a_stop_as_one_clear_line(monkeypatch, capsys):
    def fail(mode, output):
        raise build.BuildError("SHA-256 mismatch for x.whl: expected a, got b")

    monkeypatch.setattr(build, "build", fail)
    assert build.main(["--mode", "offline"]) == 1
    assert capsys.readouterr().err.startswith("lite build stopped: SHA-256 mismatch for x.whl")


# ---------------------------------------------------------------- the site's lock file


def test_lock_closure_follows_dependencies_and_skips_what_the_kit_provides():
    packages = {
        "pandas": _entry("pandas", b"", ["numpy", "python-dateutil"]),
        "numpy": _entry("numpy", b""),
        "python-dateutil": _entry("python-dateutil", b"", ["six"]),
        "six": _entry("six", b""),
        "jsonschema": _entry("jsonschema", b"", ["rpds-py"]),
    }
    assert build.lock_closure(packages, ["pandas", "jsonschema"], provided={"jsonschema"}) == [
        "numpy", "pandas", "python-dateutil", "six"]
    with pytest.raises(build.BuildError, match="'scipy' is not in the Pyodide lock"):
        build.lock_closure(packages, ["scipy"])


def test_standard_mode_points_official_wheels_at_the_cdn_and_offline_keeps_them_local():
    official = _lock(numpy=_entry("numpy", b"n"))
    kit = build.lock_entry("town-square-kit", "0.1.0", "kit-wheels/ab/kit.whl", b"k", ["kit"],
                           ["numpy"])
    cdn = PINS["pyodide"]["cdn"]
    standard = build.site_lock(official, ["numpy"], {"town-square-kit": kit}, "standard", cdn)
    offline = build.site_lock(official, ["numpy"], {"town-square-kit": kit}, "offline", cdn)
    assert standard["packages"]["numpy"]["file_name"] == cdn + "numpy-1-py3-none-any.whl"
    assert offline["packages"]["numpy"]["file_name"] == "numpy-1-py3-none-any.whl"
    for lock in (standard, offline):  # the browser checks each download against this sha256
        assert lock["packages"]["numpy"]["sha256"] == official["packages"]["numpy"]["sha256"]
        assert lock["packages"]["town-square-kit"]["imports"] == ["kit"]
    assert official["packages"]["numpy"]["file_name"] == "numpy-1-py3-none-any.whl"


def test_an_offline_site_that_names_another_host_is_refused(tmp_path):
    (tmp_path / "static" / "pyodide").mkdir(parents=True)
    config = {"jupyter-config-data": {"litePluginSettings": {
        "@jupyterlite/pyodide-kernel-extension:kernel": {
            "pyodideUrl": "./static/pyodide/pyodide.js", "disablePyPIFallback": True}}}}
    (tmp_path / "jupyter-lite.json").write_text(json.dumps(config))
    lock = _lock(numpy={**_entry("numpy", b""), "file_name": "https://cdn.example/numpy.whl"})
    (tmp_path / "static/pyodide/pyodide-lock.json").write_text(json.dumps(lock))
    with pytest.raises(build.BuildError, match="offline site: numpy is not in the site"):
        build.verify_site(tmp_path, "offline")
    build.verify_site(tmp_path, "standard")
    config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]["pyodideUrl"] = "https://cdn.example/p.js"
    (tmp_path / "jupyter-lite.json").write_text(json.dumps(config))
    with pytest.raises(build.BuildError, match="lost the local pyodideUrl"):
        build.verify_site(tmp_path, "standard")


def test_the_nbformat_shim_is_a_small_reproducible_wheel():
    name, data = build.nbformat_shim("5.10.999")
    assert name == "nbformat-5.10.999-py3-none-any.whl"
    assert build.nbformat_shim("5.10.999")[1] == data  # same bytes every build
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert "nbformat/__init__.py" in names
        assert "nbformat-5.10.999.dist-info/METADATA" in names
        assert '__version__ = "5.10.999"' in zf.read("nbformat/__init__.py").decode()
        record = zf.read("nbformat-5.10.999.dist-info/RECORD").decode()
        assert "nbformat/__init__.py,sha256=" in record


# ---------------------------------------------------------------- pins in one place


def test_every_pin_is_in_versions_toml():
    build_tools = PINS["build"]["requirements"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", r) for r in build_tools)
    for name, wheel in PINS["wheels"].items():
        assert re.fullmatch(r"[0-9a-f]{64}", wheel["sha256"]), name
    assert re.fullmatch(r"[0-9a-f]{64}", PINS["pyodide"]["carrier"]["sha256"])
    assert PINS["pyodide"]["npm"] == f"pyodide@{PINS['pyodide']['version']}"
    assert PINS["pyodide"]["cdn"].endswith(f"/v{PINS['pyodide']['version']}/full/")


def test_no_version_is_written_anywhere_else():
    versions = {PINS["pyodide"]["version"], *(w["version"] for w in PINS["wheels"].values()),
                *(r.split("==")[1] for r in PINS["build"]["requirements"])}
    others = [LITE / "build.py", LITE / "jupyter-lite.json", ROOT / "Makefile"]
    for path in others:
        text = path.read_text(encoding="utf-8")
        found = [v for v in versions if re.search(rf"(?<![\w.]){re.escape(v)}(?![\w.])", text)]
        assert not found, f"{path.relative_to(ROOT)} repeats pinned versions {found}"


def test_the_site_config_keeps_pyodide_local_and_pypi_off():
    config = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert kernel["disablePyPIFallback"] is True


def test_build_output_and_cache_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "lite/_output/" in ignored and "lite/.cache/" in ignored


def test_the_kit_needs_in_the_browser_only_what_the_site_carries():
    """Every runtime dependency of the kit is in the site, or is deliberately left out."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[<>=!\[ ]", d)[0].lower() for d in project["dependencies"]}
    server_only = {"jupyterlab", "voila", "rfc3987"}  # the browser brings its own JupyterLab
    carried = set(PINS["kit"]["depends"]) | set(PINS["wheels"])
    assert runtime - server_only <= carried, runtime - server_only - carried


# ---------------------------------------------------------------- kit.platform


def test_platform_detection_and_notices(monkeypatch):
    from kit import platform

    assert platform.is_pyodide() is False
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert platform.is_pyodide() is True
    for lang in ("ar", "en"):
        assert platform.browser_notice(lang)
        assert platform.unavailable("voila", lang) and platform.unavailable("hub", lang)
    monkeypatch.setattr(platform, "drive_mounted", lambda: True)
    assert "«صدِّر إجاباتي»" in platform.browser_notice("ar")
    assert "Export my answers" in platform.browser_notice("en")
    assert not re.search(r"[A-Za-z]", platform.browser_notice("ar"))
    monkeypatch.setattr(platform, "drive_mounted", lambda: False)
    assert "lost" in platform.browser_notice("en")


def test_kit_platform_is_reachable_after_import_kit():
    import kit

    assert kit.platform.is_pyodide() is False
    assert "platform" in dir(kit)


def test_the_browser_notices_are_interface_strings(monkeypatch):
    from kit import i18n, platform

    monkeypatch.setattr(platform, "drive_mounted", lambda: True)
    for lang in ("ar", "en"):
        assert platform.browser_notice(lang) == i18n.t(
            "progress.browser_storage", lang, button=i18n.t("ui.export", lang))
        assert "{" not in platform.browser_notice(lang)
    monkeypatch.setattr(platform, "drive_mounted", lambda: False)
    for lang in ("ar", "en"):
        assert platform.browser_notice(lang) == i18n.t("progress.browser_not_kept", lang)
    assert platform.browser_notice("fr") == platform.browser_notice("ar")


def test_dashboard_and_hub_say_what_needs_a_server_in_the_browser(monkeypatch, tmp_path):
    from kit import dashboard, hub, platform

    assert dashboard.unavailable_here("en") is None and hub.unavailable_here("en") is None
    board = dashboard.Dashboard(tmp_path / "class", lang="en")
    assert "(Voilà)" not in board.summary().html
    monkeypatch.setattr(platform, "is_pyodide", lambda: True)
    for lang in ("ar", "en"):
        assert dashboard.unavailable_here(lang) == platform.unavailable("voila", lang)
        assert hub.unavailable_here(lang) == platform.unavailable("hub", lang)
    assert "(Voilà)" in dashboard.Dashboard(tmp_path / "class", lang="en").summary().html
    # the links are still built (pure strings): nothing fails in the browser
    assert hub.nbgitpuller_link("https://hub.example.org", "https://github.com/ORG/REPO")


# ---------------------------------------------------------------- what learners receive (issue 12)


def _plain_key_in(text: str) -> bool:
    return re.search(r'"correct"\s*:\s*true', text) is not None


def test_the_site_is_staged_from_the_learner_edition(tmp_path):
    """The notebooks and the kit wheel's tree: no teacher notebook, no plain key."""
    learners = build.learner_edition(tmp_path / "learners")
    for folder in PINS["site"]["contents"]:
        assert any((learners / folder).glob("*.ipynb")), folder
    assert not (learners / "notebooks" / "teacher").exists()
    assert not [p for p in learners.rglob("*.ipynb") if p.name in build.TEACHER_NOTEBOOKS]
    assert build.site_leaks(learners) == []
    lessons = sorted((learners / "data" / "lessons").rglob("*.json"))
    assert lessons
    for path in lessons:
        text = path.read_text(encoding="utf-8")
        assert not _plain_key_in(text), path
        if '"kind": "choice"' in text:
            assert '"key"' in text and '"salt"' in text, path
    # what the site's pages and the wheel are made of: the contents folders and the kit's tree
    staged = tmp_path / "stage"
    files = build._copy_contents(PINS, staged, learners)
    assert sorted(p.name for p in files.iterdir()) == ["ar", "en"]
    assert build.site_leaks(staged) == []


def test_site_leaks_finds_a_teacher_notebook_and_a_plain_key_in_the_kit_wheel(tmp_path):
    assert build.site_leaks(ROOT / "data" / "lessons")  # the teacher's tree has the plain key
    site = tmp_path / "site"
    (site / "files" / "ar").mkdir(parents=True)
    (site / "files" / "ar" / "answer_key.ipynb").write_text("{}")
    wheel = site / "static" / "pyodide" / "kit-wheels" / "ab" / "town_square_kit-0-py3-none-any.whl"
    wheel.parent.mkdir(parents=True)
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("kit/_data/lessons/ar/01_claims.json", '{"choices": [{"correct": true}]}')
        zf.writestr("kit/progress.py", '"""{"answer": "b", "correct": true}"""')  # not a key
    assert build.site_leaks(site) == [
        "files/ar/answer_key.ipynb",
        "static/pyodide/kit-wheels/ab/town_square_kit-0-py3-none-any.whl!"
        "kit/_data/lessons/ar/01_claims.json"]


@pytest.mark.skipif(not (build.OUTPUT / "files").is_dir(), reason="no built site in lite/_output")
def test_the_built_site_holds_no_key_and_no_teacher_notebook():
    site = build.OUTPUT
    assert build.site_leaks(site) == []
    assert sorted(p.name for p in (site / "files").iterdir()) == ["ar", "en"]
    assert not [p for p in site.rglob("*") if p.name == "teacher" or p.name
                in build.TEACHER_NOTEBOOKS]
    for path in (site / "files").rglob("*.ipynb"):
        assert not _plain_key_in(path.read_text(encoding="utf-8")), path
    wheels = list((site / "static" / "pyodide").rglob("town_square_kit-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as zf:
        lessons = [n for n in zf.namelist() if n.startswith("kit/_data/lessons/")
                   and n.endswith(".json")]
        assert lessons
        for name in lessons:
            text = zf.read(name).decode("utf-8")
            assert not _plain_key_in(text), name
            if '"kind": "choice"' in text:
                assert '"salt"' in text, name
        assert not [n for n in zf.namelist() if "/teacher/" in n]
