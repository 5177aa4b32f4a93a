# Outcomes that matter: two commands on a fresh machine, `make book` and `make test`.
# Everything is installed by this file: a virtual environment from the pinned requirements, and
# Debian's Chromium for the browser tests (never a browser download).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP     := $(VENV)/.installed-dev
NODE_STAMP    := node_modules/.installed
PIP_VERSION   := 26.3
SETUPTOOLS_VERSION := 80.9.0
SITE   := _build/html
# One pytest-xdist worker more than the machine has cores: much of a test run waits on kernels, servers and
# the browser, and a third worker fills those waits on two cores. A file's tests stay on one worker, and so do
# the files that read the marked demo class (tests/conftest.py), which orders them longest first; pytest-xdist
# keeps that order (--no-loadscope-reorder) instead of putting the groups with most tests first.
# PYTEST_PARALLEL= runs them in one process.
PYTEST_PARALLEL ?= -n $(shell echo $$(( $$(nproc) + 1 ))) --dist loadgroup --no-loadscope-reorder
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help book test test-fast lint lab learner-lab serve bench chromium node_modules clean freeze notebooks model facts

help:
	@echo "make book   - set up and build the site into $(SITE)"
	@echo "make test   - set up and run every test (book build, notebooks, browser)"
	@echo "make test-fast - the quick loop: no browser, book build or end-to-end runs"
	@echo "make lab    - JupyterLab on the practice notebooks, with Formgrader on exercises/ (trainers)"
	@echo "make learner-lab - JupyterLab on the practice notebooks without the trainer's tools"
	@echo "make serve  - serve the built site on http://127.0.0.1:8000"
	@echo "make bench  - run the benchmarks (tables on stdout)"
	@echo "make model  - fit the analyser's model on corpus/ into send_outcomes/data/model.json"
	@echo "make facts  - write send_outcomes/js/facts.js from the criteria and exercise types data"

# The Pythons every pin installs on: 3.11.2 (Debian 12's python3) up to 3.13.
PYTHON_RANGE := 3.11.2 to 3.13
PYTHON_CHECK := import sys; sys.exit(0 if (3, 11, 2) <= sys.version_info[:3] < (3, 14) else 1)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "No $(PYTHON) found: install Python $(PYTHON_RANGE)."; exit 1; }
	@$(PYTHON) -c "$(PYTHON_CHECK)" || { \
	  echo "$(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); this course needs"; \
	  echo "Python $(PYTHON_RANGE). Choose one with: make book PYTHON=/path/to/python3"; exit 1; }
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  echo "Installing Debian's python3-venv (the venv module for $(PYTHON))"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION) setuptools==$(SETUPTOOLS_VERSION)

$(RUNTIME_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): requirements-dev.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Node packages pinned in package.json and package-lock.json: pdf.js, copied into the site by the book build
# (never loaded from a CDN), and configurable-http-proxy for the JupyterHub test. Optional packages (a native
# canvas for node) are skipped. Debian's nodejs and npm are installed when npm is missing.
node_modules: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's nodejs and npm"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --omit=optional --no-audit --no-fund --loglevel=error
	touch $@

book: $(RUNTIME_STAMP) $(NODE_STAMP)
	$(BIN)/jupyter-book build . -W --keep-going
	@echo
	@echo "The site is in $(SITE). Open $(CURDIR)/$(SITE)/index.html in a browser,"
	@echo "or run 'make serve' and visit http://127.0.0.1:8000/"

# Debian's Chromium drives the browser tests (Playwright's Python API with executable_path).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Lint first, as a step of its own (not a test that runs a linter): ruff and eslint name the file and line.
# The tests marked `alone` (the JupyterHub test: it makes accounts and lets them through root's home while it
# runs) run by themselves after the rest: with other tests beside them, its learners' servers could not start.
test: lint chromium
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not alone"
	$(BIN)/python -m pytest -m alone

# The quick loop while changing code: everything but the browser, the book build and the end-to-end runs of
# nbgrader, JupyterLab and JupyterHub (markers `browser` and `slow`). `make test` runs them all.
test-fast: lint
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not browser and not slow and not alone"

# ruff for the Python; eslint (pinned in package.json, settings in eslint.config.js) for the exercise modules
# and their node tests.
lint: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	node_modules/.bin/eslint send_outcomes/js tests/js

# The trainer's JupyterLab: the practice notebooks open, and Formgrader finds the course. Lab starts in
# exercises/ (nbgrader reads the course's nbgrader_config.py from there) with the repository as its root,
# because Formgrader only works on a course folder inside Lab's root. The environment's bin folder goes on
# PATH since nbgrader runs its `alembic` command when it opens the gradebook.
lab: $(RUNTIME_STAMP)
	cd exercises && PATH="$(CURDIR)/$(BIN):$$PATH" ../$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks --CourseDirectory.root="$(CURDIR)/exercises" $(LAB_ARGS)

# A learner's JupyterLab on a shared laptop: the practice notebooks, without nbgrader's trainer tools
# (learner-config/ switches off Formgrader, Create Assignment and the course list for this Lab only).
learner-lab: $(RUNTIME_STAMP)
	cd notebooks && JUPYTER_CONFIG_DIR="$(CURDIR)/learner-config" ../$(BIN)/jupyter lab $(LAB_ARGS)

serve:
	@test -f $(SITE)/index.html || $(MAKE) book
	$(BIN)/python -m http.server --directory $(SITE) --bind 127.0.0.1 8000

bench: $(DEV_STAMP) $(NODE_STAMP) chromium
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

freeze:
	$(BIN)/python -m pip freeze --exclude-editable

clean:
	rm -rf _build

# Re-run the shipped notebooks and store their fresh outputs (after a deliberate change to what they show).
notebooks: $(DEV_STAMP)
	NB_REGEN=1 $(BIN)/python -m pytest tests/book/test_notebooks.py -q || true
	$(BIN)/python -m send_outcomes.generate_notebooks
	$(BIN)/python -m pytest tests/book/test_notebooks.py -q

# Fit the analyser's model on corpus/statements.csv + sources.csv (and our labelled sets) after the corpus
# changes; one thread, so the same corpus always gives the same bytes. tests/analyser/test_analyser_model.py fails
# until this is run.
model: $(DEV_STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python -m send_outcomes.analysis.fit

# Write send_outcomes/js/facts.js (the exercise modules' copy of data/criteria.json and
# data/exercise_types.json) after either file changes; it is committed, so `make book` does not run this.
# tests/exercises/test_shared_data.py fails until it is run.
facts: $(RUNTIME_STAMP)
	$(BIN)/python -m send_outcomes.facts_js
