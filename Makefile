# Town Square Kit: two commands for a fresh machine.
#   make lab   create .venv if missing, install the kit, open JupyterLab on notebooks/
#   make test  create .venv if missing, install browser deps, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kit-installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: lab test bench chromium nodejs clean-venv learners lite

# The JupyterLite site (docs/jupyterlite.md): `make lite` (offline, everything in the site) or
# `make lite LITE_MODE=standard` (compiled packages from Pyodide's CDN). Pins: lite/versions.toml.
LITE_MODE ?= offline
LITE_SITE := lite/_output/kit-lite-build.json
LITE_INPUTS := $(shell find kit data notebooks/ar notebooks/en labextension/prebuilt labextension/chart-warmup \
  lite/build.py lite/versions.toml lite/jupyter-lite.json lite/overrides.json pyproject.toml -type f \
  -not -path '*/__pycache__/*' 2>/dev/null)

# The JupyterLab extensions are installed with the kit: reinstall when one changes.
$(STAMP): pyproject.toml labextension/prebuilt/package.json labextension/chart-warmup/static/remoteEntry.js
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks \
	  --LabApp.default_url=/lab/tree/ar/00_start_here.ipynb \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

nodejs:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null || ! command -v git >/dev/null; then \
	  echo "Installing Debian's nodejs, npm and git for the JupyterHub test"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm git; \
	fi

test: $(STAMP) chromium nodejs $(LITE_SITE)
	$(BIN)/ruff check kit tests bench
	$(BIN)/python -m pytest

bench: $(STAMP) chromium nodejs
	$(BIN)/python -m bench

# The learner edition (no teacher notebooks, hashed keys) as the next commit of branch
# `learners`; then push it (docs/teacher-edition.md).
learners: $(STAMP)
	$(BIN)/python -m kit.distribute learners --branch learners

lite: $(STAMP) nodejs
	$(BIN)/python lite/build.py --mode $(LITE_MODE)

# `make test` serves the offline site to the browser test: built once, again when an input changes.
$(LITE_SITE): $(LITE_INPUTS) | $(STAMP) nodejs
	$(BIN)/python lite/build.py --mode offline

clean-venv:
	rm -rf $(VENV)
