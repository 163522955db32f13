# Two commands: `make report` and `make test`. Both set up .venv first: `make report` with what
# the package needs to run (make setup), `make test` with the test and docs tools too
# (make setup-dev: pytest, ruff, Playwright, Dask, Sphinx).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
COUNTRY ?= Belgium
EDITION ?= 2023
FORMAT ?= html,pdf
OUT ?= reports
# The handouts' language: only `make handouts LANG=fr` picks it. LANG is also the locale's
# variable, so a LANG that comes from the environment (en_US.UTF-8, C.UTF-8) is not taken.
HANDOUT_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),en)

.PHONY: setup setup-dev test report handouts lint clean data axe docs docs-check

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

setup-dev: $(DEV_STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $(DEV_STAMP)

# axe-core (pinned in tools/axe/package-lock.json) for the reports' accessibility test; without
# npm the test skips and says so.
AXE := tools/axe/node_modules/axe-core/axe.min.js

axe: $(AXE)

$(AXE): tools/axe/package.json tools/axe/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tools/axe --no-audit --no-fund --silent && touch $(AXE) \
	  || echo "npm ci failed: axe-core not installed, the accessibility test will skip"; \
	else echo "npm not found: axe-core not installed, the accessibility test will skip"; fi

lint: setup-dev
	$(BIN)/ruff check src tests benchmarks tools docs
	$(BIN)/ruff format --check src tests benchmarks tools docs

# The documentation site, offline, into docs/_build/html: warnings are errors (-W, every one
# listed: --keep-going), references checked (-n), every page read again (-E: an incremental
# build would not repeat the warnings of a page it kept). The notebooks run once per change
# (docs/_ext/executed_notebooks.py).
docs: setup-dev
	$(BIN)/sphinx-build -b html -W --keep-going -n -E -q -d docs/_build/doctrees docs docs/_build/html

# The site's checks alone: links, accessibility, CLI and API coverage, the guide's examples.
docs-check: docs axe
	$(BIN)/pytest tests/test_docs.py tests/test_readme.py

test: setup-dev lint axe docs
	$(BIN)/pytest

report: setup
	$(BIN)/ocanalysis render "$(COUNTRY)" --edition $(EDITION) --format $(FORMAT) --out $(OUT)

handouts: setup
	$(BIN)/python -m ocanalysis.handouts --lang $(HANDOUT_LANG)

data: setup
	$(BIN)/ocanalysis data build

clean:
	rm -rf $(VENV) reports/*/ .pytest_cache tools/axe/node_modules docs/_build docs/notebooks
