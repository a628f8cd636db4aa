"""The data flows one way (STYLE.md): an earlier stage does not import a later one or a
command. Read from the modules' own import statements, those run when a module is
imported (an import inside a function, made when a command runs, does not count)."""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest

from conftest import ROOT

GENERATOR = ROOT / "generator"


@cache
def imported_by(name: str) -> frozenset[str]:
    """The package's modules that `generator/<name>.py` imports as it loads."""
    tree = ast.parse((GENERATOR / f"{name}.py").read_text(encoding="utf-8"))
    out = set()
    for node in tree.body:  # module level only
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out |= {node.module} if node.module else {alias.name for alias in node.names}
    return frozenset(module.split(".")[0] for module in out)


def reached_from(name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        for module in imported_by(todo.pop()) - seen:
            seen.add(module)
            todo.append(module)
    return seen


@pytest.mark.parametrize(("stage", "later"), [
    ("collect", "scaffold"),  # gathering runs the placeholder check (placeholders.py), not `awardsite new`
    ("render", "exports"),  # the pages read open_data.yaml through open_data.py, not the exports
    ("page_types", "exports"),
    ("model", "render"),  # the record types' words (words.py) are not the pages'
])
def test_a_stage_does_not_import_a_later_one(stage, later):
    assert later not in reached_from(stage)


def test_the_reading_sees_imports():
    assert {"placeholders", "load", "errors"} <= reached_from("collect")


def test_the_readmes_stage_table_names_every_module_once():
    """README.md's "How it works" table is where a newcomer finds a module's stage: each
    module of generator/ is in one row's module column, and each named there exists."""
    rows = [line.split("|")[2] for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and line.count("|") >= 4]
    named = [name for column in rows for name in re.findall(r"`([a-z_]+\.py)`", column)]
    assert sorted(named) == sorted(path.name for path in GENERATOR.glob("*.py") if path.name != "__init__.py")
