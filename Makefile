# The two commands of the README. Each sets up what it needs on a fresh machine
# (Python 3.11 with venv; Debian's Chromium and Java for the tests) and is safe to rerun.
# Packages come from the locks in requirements/ (exact versions, with hashes), never
# from whatever PyPI holds that day; `make lock` renews them, `make test-newest` tries
# the newest versions pyproject.toml allows before they are locked.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALL := $(BIN)/python -m pip install --quiet --require-hashes
# The project itself, from this folder: its dependencies and build backend are in the lock.
INSTALL_PROJECT := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
# The suite on every core (pytest-xdist), a test file to a worker, so each file's builds
# (its module-scoped fixtures) are made once; one worker more than the cores, for the
# moments a worker waits on Chromium (2 cores, whole suite: 5:54 to 6:37 over four runs
# with 3 workers, 6:01 with 2: the cores are busy 98% of the run, so the time is the
# suite's CPU work shared out, and the extra worker gains little; the browser tests are
# split into files of about a minute each so none is left to run last).
# `--dist loadgroup` would spread the browser files' tests too, but xdist 3.8 cannot
# group under pytest 9.2, which no longer reads the nodeid it sets.
PARALLEL := -n $(shell echo $$(( $$(nproc) + 1 ))) --dist loadfile

.PHONY: site demo test serve check debian-packages lock test-newest

site: $(BIN)/awardsite          ## build the real site into site/
	$(BIN)/awardsite build

demo: $(BIN)/awardsite          ## build the demo (the fictional examples of examples/content/) into demo-site/
	$(BIN)/awardsite build --project examples

test: $(BIN)/pytest debian-packages   ## run the whole test suite
	$(BIN)/python -m pytest $(PARALLEL)

check: $(BIN)/awardsite          ## check the real records, then the demo's
	$(BIN)/awardsite check
	$(BIN)/awardsite check --project examples

serve: $(BIN)/awardsite
	$(BIN)/awardsite serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/awardsite: pyproject.toml requirements/site.txt | $(BIN)/python
	$(INSTALL) -r requirements/site.txt
	$(INSTALL_PROJECT)
	touch $@

$(BIN)/pytest: pyproject.toml requirements/test.txt | $(BIN)/python
	$(INSTALL) -r requirements/test.txt
	$(INSTALL_PROJECT)
	touch $@

debian-packages:
	.ci/install-debian-packages

# Renew the locks from pyproject.toml's ranges (pip-tools, in a venv of its own), then
# run `make test` before committing them. The test lock is held to the site lock's versions.
# The hashes are those of the index pip is set to use: where pip.conf adds local wheel
# folders or mirrors, run `PIP_CONFIG_FILE=/dev/null make lock` so the lock names PyPI's files.
COMPILE := .venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--all-build-deps --no-emit-index-url --no-emit-find-links --upgrade
lock:
	test -x .venv-lock/bin/pip-compile || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools)
	$(COMPILE) --output-file=requirements/site.txt pyproject.toml
	$(COMPILE) --extra test --constraint requirements/site.txt --output-file=requirements/test.txt pyproject.toml

# The suite against the newest versions pyproject.toml allows, in a venv of its own
# (.venv-newest): what the next `make lock` would bring. CI runs it on a schedule.
test-newest: debian-packages
	rm -rf .venv-newest && $(PYTHON) -m venv .venv-newest
	.venv-newest/bin/python -m pip install --quiet --upgrade pip
	.venv-newest/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[test]"
	.venv-newest/bin/python -m pip list --format=freeze > .venv-newest/versions.txt
	.venv-newest/bin/python -m pytest $(PARALLEL)
