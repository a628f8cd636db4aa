"""Issue 8: the loader and the whole gathering fuzzed with hypothesis. Whatever bytes or
YAML-like text a file holds, `load_file` returns problems (never raises), and `gather`
on a tiny project either succeeds or raises one DataError of located problems.

The default run is bounded so the suite stays fast; `-m fuzz` runs the long variant."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from generator.collect import gather
from generator.errors import DataError, Problem
from generator.load import load_file

SHORT = int(os.environ.get("FUZZ_EXAMPLES", "300"))
LONG = 20 * SHORT

VALID_CYCLE = """city: example
cycle: fuzz
title: {zh: 示例届, en: Example cycle}
regulation: "2024"
example: true
notices:
- id: call
  kind: proposed_winners
  title: {zh: 示例公示, en: Example notice}
  published: 2025-09-26
  working_days: 5
  objection: {phone: "0000-00000000", email: a@example.org}
  body: {zh: "**正文**", en: "[link](https://example.org)"}
- id: decision
  kind: award_decision
  title: {zh: 示例决定, en: Example decision}
  published: 2025-11-10
winners:
- id: w1
  name: {zh: 示例科技有限公司}
  kind: organisation
  award: award
  credit_code: 91150200EXAMPLE01D
counts:
- {category: organisation_award, count: 3, source_url: "https://example.org/a"}
"""

# pieces of YAML and of hostile text, so random text often parses and reaches the schema
TOKENS = ["\n", "\n  ", "\n- ", ": ", "- ", "  ", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "<<: ", "? ", "!!python/object ",
          "!x ", "|\n  ", ">\n  ", "'", '"', "#", "---\n", "...\n", "%YAML 1.1\n", "city", "cycle", "notices", "winners",
          "id", "kind", "title", "zh", "en", "published", "working_days", "end", "deadline", "2025-02-30", "2025-09-26",
          "２０２５", "0123", "12:30", "no", "on", "~", "null", "1e999", ".nan", "0x1F", "-1", "99999999999999999999",
          "\u202e", "\u200b", "\ufeff", "\u3000", "\x00", "\x07", "\x85", "\ud7ff", "示例", "../", "<script>", "{{ x }}"]
yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60).map("".join)


def mutated(text: str):
    """VALID_CYCLE with random slices cut and random tokens put in."""
    return st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12), st.sampled_from(TOKENS + [""])),
                    min_size=1, max_size=6).map(lambda edits: _apply(text, edits))


def _apply(text: str, edits) -> str:
    for at, cut, put in edits:
        at = min(at, len(text))
        text = text[:at] + put + text[at + cut:]
    return text


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=True), st.dates(),
                    st.text(max_size=20), st.sampled_from(["example", "2024", "proposed_winners", "organisation", "award", "zh"]))
keys = st.sampled_from(["city", "cycle", "title", "regulation", "example", "notices", "winners", "counts", "revocations",
                        "id", "kind", "name", "zh", "en", "published", "working_days", "end", "deadline", "body",
                        "objection", "grounds", "article", "winner", "decided", "reason", "category", "count", "x"])
structures = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(keys, inner, max_size=6)), max_leaves=30)


def assert_problems(problems: list) -> None:
    for problem in problems:
        assert isinstance(problem, Problem) and problem.line >= 1 and problem.column >= 1
        assert " | " in str(problem)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project", examples=False, demo=True)  # its cycles are examples


def check_load(project: Path, data: bytes) -> None:
    path = project / "content" / "example" / "fuzz.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    doc, problems = load_file(path, project)
    assert (doc is None) == bool(problems)
    assert_problems(problems)


def check_gather(project: Path, data: bytes) -> None:
    path = project / "content" / "example" / "fuzz.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        gather(project)
    except DataError as exc:
        assert exc.problems
        assert_problems(exc.problems)


def test_the_seed_cycle_is_valid(project):
    check_gather(project, VALID_CYCLE.encode())
    gather(project)  # no DataError


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(FUZZ, max_examples=SHORT)
@given(data=st.binary(max_size=400))
def test_load_never_raises_on_random_bytes(project, data):
    check_load(project, data)


@settings(FUZZ, max_examples=SHORT)
@given(text=yamlish)
def test_load_never_raises_on_yaml_like_text(project, text):
    check_load(project, text.encode("utf-8", "surrogatepass"))


@settings(FUZZ, max_examples=SHORT)
@given(text=mutated(VALID_CYCLE))
def test_gather_gives_only_located_problems_for_a_mutated_cycle(project, text):
    check_gather(project, text.encode("utf-8", "surrogatepass"))


@settings(FUZZ, max_examples=SHORT)
@given(data=structures)
def test_gather_gives_only_located_problems_for_random_records(project, data):
    check_gather(project, yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass"))


@pytest.mark.fuzz
@settings(FUZZ, max_examples=LONG)
@given(text=st.one_of(yamlish, mutated(VALID_CYCLE), structures.map(lambda d: yaml.safe_dump(d, allow_unicode=True))))
def test_long_fuzz_of_the_whole_gathering(project, text):
    check_gather(project, text.encode("utf-8", "surrogatepass"))


@pytest.mark.fuzz
@settings(FUZZ, max_examples=LONG)
@given(data=st.binary(max_size=2000))
def test_long_fuzz_of_the_loader_on_bytes(project, data):
    check_load(project, data)
