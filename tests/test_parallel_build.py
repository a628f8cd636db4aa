"""Issue 18: the build uses both cores, each language in an mkdocs process of its own
(generator/site.py, generator/language_hook.py), and gives the bytes that one process
building the languages one after the other gives: the same files, byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import PUBLISHED_URL, copy_project, run_cli
from generator.calendar import SHANGHAI
from generator.errors import BuildError
from generator.site import join_sitemaps, publish, run_mkdocs

TODAY = "2026-11-23"
NOON = int(dt.datetime.combine(dt.date.fromisoformat(TODAY), dt.time(12), SHANGHAI).timestamp())  # as `build` dates it


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def built(target: Path, address: str | None) -> Path:
    """The demo project built by `awardsite build` (the languages at the same time)."""
    project = copy_project(target, examples=True)
    result = run_cli("build", "--today", TODAY, cwd=project, env={"AWARDSITE_URL": address} if address else {})
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("parallel") / "project", None)


def assert_as_one_process_builds_it(project: Path, monkeypatch) -> None:
    """The site `build` made equals one mkdocs process's and one Pagefind's on the same pages."""
    one = project.parent / "one-process"
    run_mkdocs(project, one, NOON, parallel=False, search=True)
    apart, together = digest(project / "site"), digest(one)
    assert sorted(apart) == sorted(together)
    assert [name for name in together if apart[name] != together[name]] == []
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    in_english = ["/en/" in loc for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    assert any(in_english) and not all(in_english) and in_english == sorted(in_english)  # both languages, zh first
    assert (project / "site" / "en" / "sitemap.xml").read_bytes() == (project / "site" / "sitemap.xml").read_bytes()


def test_the_languages_built_apart_are_the_bytes_of_one_process(project, monkeypatch):
    monkeypatch.delenv("AWARDSITE_URL", raising=False)
    assert_as_one_process_builds_it(project, monkeypatch)


def test_so_are_they_at_a_published_address(tmp_path, monkeypatch):
    """With site_url: canonical links and the sitemap's addresses are absolute."""
    monkeypatch.setenv("AWARDSITE_URL", PUBLISHED_URL)
    project = built(tmp_path / "project", PUBLISHED_URL)
    assert f"<loc>{PUBLISHED_URL}en/about/</loc>" in (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert_as_one_process_builds_it(project, monkeypatch)


def test_a_language_that_fails_fails_the_build_and_the_last_site_stays(project, tmp_path, monkeypatch):
    """mkdocs failing in one language's process: its message, and nothing of the new site."""
    monkeypatch.delenv("AWARDSITE_URL", raising=False)
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("one-process"))
    before = digest(copy / "site")
    with (copy / "build" / "docs" / "en" / "about.md").open("a", encoding="utf-8") as page:
        page.write("\n[a page that is not there](missing.md)\n")
    with pytest.raises(BuildError) as failed:
        publish(copy, copy / "site", NOON)
    message = str(failed.value)
    assert message.startswith("mkdocs build failed / mkdocs 构建失败:")
    assert "'en/about.md' contains a link 'missing.md'" in message
    assert digest(copy / "site") == before
    assert not list(tmp_path.glob(".site-*")) and not list(copy.glob(".site-*"))


def test_sitemaps_join_in_order_with_the_first_one_s_head_and_tail():
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x">'
    zh = head + "\n    <url>\n        <loc>/</loc>\n    </url>\n</urlset>"
    en = head + "\n    <url>\n        <loc>/en/</loc>\n    </url>\n</urlset>"
    assert join_sitemaps([zh, en]) == (head + "\n    <url>\n        <loc>/</loc>\n    </url>"
                                       "\n    <url>\n        <loc>/en/</loc>\n    </url>\n</urlset>")
    assert join_sitemaps([zh, head + "\n</urlset>"]) == zh  # a language with no pages adds none


def test_a_mkdocs_yml_that_cannot_be_read_is_mkdocs_own_error(tmp_path):
    """The languages are read from mkdocs.yml first; when it cannot be read, mkdocs says why."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [\n", encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        run_mkdocs(tmp_path, tmp_path / "site", NOON)
    assert "MkDocs encountered an error parsing the configuration file" in str(failed.value)
