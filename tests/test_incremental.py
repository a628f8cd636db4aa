"""Issue 18: after an edit, `awardsite build` renders only the pages that changed (and
those linking to a changed or removed page) and keeps the rest of the last site
(generator/incremental.py, generator/language_hook.py); the result is byte for byte the
site a full build of the same input gives, and the last site, still being served while
the build runs, is never written through."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from generator.incremental import Rebuild, inputs, plan
from generator.site import give_each_language_its_sitemap, run_mkdocs
from test_parallel_build import NOON, TODAY, digest


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("incremental") / "project", examples=True)
    assert "all built" in build(project)
    return project


def build(project: Path, *args: str) -> str:
    result = run_cli("build", "--today", TODAY, *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def rebuilt(stdout: str) -> int | None:
    """How many files the build says it built again; None for a full build."""
    found = re.search(r"(\d+) built again", stdout)
    return None if found is None else int(found.group(1))


def assert_as_a_full_build(project: Path, tmp_path: Path) -> None:
    """The site equals a clean build, from nothing, of the same pages."""
    full = tmp_path / "full"
    run_mkdocs(project, full, NOON, search=True)
    give_each_language_its_sitemap(full)
    kept, clean = digest(project / "site"), digest(full)
    assert sorted(kept) == sorted(clean)
    assert [name for name in clean if kept[name] != clean[name]] == []


def edited_build(project: Path, tmp_path: Path, *args: str) -> str:
    """Build, checking that no file of the last site was written through: a hard link to
    each keeps its bytes, as readers of the last site see them until the swap."""
    last = tmp_path / "last"
    for path in (project / "site").rglob("*"):
        if path.is_file():
            target = last / path.relative_to(project / "site")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    before = digest(last)
    stdout = build(project, *args)
    assert digest(last) == before
    return stdout


def test_an_edited_winner_renders_a_few_pages_and_gives_the_full_builds_bytes(project, tmp_path):
    cycle = project / "content" / "wuhan" / "example-2025.yaml"
    cycle.write_text(cycle.read_text(encoding="utf-8").replace("示例光电科技有限公司", "示例光学科技有限公司"), encoding="utf-8")
    stdout = edited_build(project, tmp_path)
    assert 0 < rebuilt(stdout) < 60, stdout  # of 727 pages and files (8 changed, and the pages linking to them)
    assert "示例光学科技有限公司" in (project / "site" / "winners" / "index.html").read_text(encoding="utf-8")
    assert_as_a_full_build(project, tmp_path)


def test_a_removed_cycle_takes_its_pages_with_it(project, tmp_path):
    gone = project / "content" / "linyi" / "example-2019.yaml"
    pages = [path for path in (project / "site").rglob("index.html") if "example-2019" in path.as_posix() and "linyi" in
             path.as_posix()]
    assert pages  # the cycle has pages of its own
    gone.unlink()
    stdout = edited_build(project, tmp_path)
    assert rebuilt(stdout) is not None, stdout
    assert not any(path.exists() for path in pages)
    assert_as_a_full_build(project, tmp_path)


def test_nothing_changed_renders_nothing_and_full_renders_all(project, tmp_path):
    assert rebuilt(edited_build(project, tmp_path)) == 0
    assert_as_a_full_build(project, tmp_path)
    assert rebuilt(build(project, "--full")) is None


def test_what_shapes_every_page_makes_a_full_build(project, tmp_path, monkeypatch):
    """The code, mkdocs.yml, the theme's templates, the versions and the published address
    are in every page: a change there builds everything, and so does a site folder that
    is not the one built last. (The date is not: a page that shows it says so in its
    Markdown; the sitemap, which carries it, is made again by every build.)"""
    monkeypatch.delenv("AWARDSITE_URL", raising=False)
    docs, site = project / "build" / "docs", project / "site"
    files = {path.relative_to(docs).as_posix(): path.read_bytes().decode("utf-8")
             for path in docs.rglob("*") if path.is_file()}
    assert plan(project, site, inputs(project, files), files) == Rebuild(site.resolve(), frozenset())
    monkeypatch.setenv("AWARDSITE_URL", "https://awards.example.org/")
    assert plan(project, site, inputs(project, files), files) is None
    monkeypatch.delenv("AWARDSITE_URL")
    main = project / "site_templates" / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    main.write_text(text + "\n{# changed #}\n", encoding="utf-8")
    assert plan(project, site, inputs(project, files), files) is None
    main.write_text(text, encoding="utf-8")
    assert plan(project, site, inputs(project, files), files) is not None
    shutil.copytree(site, tmp_path / "copy")
    shutil.rmtree(site)
    (tmp_path / "copy").rename(site)  # the same files, but not the folder the last build left
    assert plan(project, site, inputs(project, files), files) is None
