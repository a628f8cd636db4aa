"""Shared helpers: the repository's paths, scenario projects, and running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = Path(__file__).resolve().parent / "scenarios"


# The address a published build says it lives at (feeds, calendars, data files,
# canonical links, sitemap). Deliberately not where the tests serve the site: pages must
# not depend on it.
PUBLISHED_URL = "https://awards.example.org/quality/"


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `awardsite ARGS` as a clerk would, in `cwd` (with `env` added to the environment;
    without an AWARDSITE_URL of the caller's, as the README's `make site` runs it)."""
    clean = {name: value for name, value in os.environ.items() if name != "AWARDSITE_URL"}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env={**clean, **(env or {})},
                          capture_output=True, text=True, timeout=600)


def copy_project(target: Path, *, real_content: bool) -> Path:
    """A working copy of the project: the repository's templates, tables and config,
    with either the real content or the small valid scenario."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", target / "site_templates")
    if real_content:
        shutil.copytree(ROOT / "city_rules", target / "city_rules")
        shutil.copytree(ROOT / "content", target / "content")
    else:
        shutil.copytree(SCENARIOS / "valid", target, dirs_exist_ok=True)
        for table in ("dimensions.yaml", "glossary.yaml"):
            shutil.copy(ROOT / "city_rules" / table, target / "city_rules" / table)
    return target


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """The small valid scenario project (one fictional city, metadata only)."""
    return copy_project(tmp_path / "project", real_content=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built once for the session, as of a fixed day (AWARDSITE_TODAY,
    not a --today preview), as the README builds it: no published address set."""
    project = copy_project(tmp_path_factory.mktemp("build") / "project", real_content=True)
    result = run_cli("build", cwd=project, env={"AWARDSITE_TODAY": "2026-11-23"})  # as the daily build: the pages recount in the browser
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The same, built as the publishing workflow builds it: at PUBLISHED_URL."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project", real_content=True)
    result = run_cli("build", cwd=project, env={"AWARDSITE_URL": PUBLISHED_URL, "AWARDSITE_TODAY": "2026-11-23"})
    assert result.returncode == 0, result.stderr
    return project / "site"


def pytest_collection_modifyitems(config, items):
    """The long fuzzing run (marker `fuzz`) runs only when asked for with `-m fuzz`."""
    if "fuzz" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="long fuzzing run: select it with -m fuzz")
    for item in items:
        if "fuzz" in item.keywords:
            item.add_marker(skip)
