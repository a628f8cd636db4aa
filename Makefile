# The two commands of the README. Each sets up what it needs on a fresh machine
# (Python 3.11 with venv; Debian's Chromium for the browser tests) and is safe to rerun.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test serve check debian-packages

site: $(BIN)/awardsite          ## build the real site into site/
	$(BIN)/awardsite build

test: $(BIN)/awardsite $(BIN)/pytest debian-packages   ## run the whole test suite
	$(BIN)/python -m pytest

check: $(BIN)/awardsite
	$(BIN)/awardsite check

serve: $(BIN)/awardsite
	$(BIN)/awardsite serve

$(BIN)/awardsite: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/pytest: pyproject.toml $(BIN)/awardsite
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

debian-packages:
	.ci/install-debian-packages
