"""Issue 16: the public site shows real records only; the fictional examples are a
project of their own, the demo (`examples/content/`, assembled by generator/demo.py),
built by `awardsite build --project examples` with every page saying it is a demo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DEMO, ROOT, real_project, run_cli
from generator.collect import gather
from generator.demo import assemble, demo_config
from generator.errors import DataError
from generator.urls import is_demo

BANNER = {"zh": "示例网站：本站所有记录均为虚构示例，用于测试、截图和发布指南，不是真实的评选记录。",
          "en": "Demo site: every record here is a fictional example, used by the tests, screenshots and the publishing "
                "guide. None is a real award record."}
TODAY = {"AWARDSITE_TODAY": "2026-11-23"}


def whole_project(target: Path) -> Path:
    """A copy of the repository's project as a clerk has it: the real records and the demo's examples."""
    real_project(target)
    for folder in sorted((ROOT / "content").iterdir()):
        if folder.is_dir() and not (target / "content" / folder.name).exists():
            shutil.copytree(folder, target / "content" / folder.name)
    shutil.copytree(ROOT / "examples", target / "examples")
    return target


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> Path:
    """The project built twice, as `make site` and `make demo` build it."""
    project = whole_project(tmp_path_factory.mktemp("demo") / "project")
    for command in (["build"], ["build", "--project", "examples"]):
        result = run_cli(*command, cwd=project, env=TODAY)
        assert result.returncode == 0, result.stderr
    return project


def pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    out = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        out.append((path.relative_to(site).as_posix(), soup))
    return out


# ---------------------------------------------------------------- (a) the real project holds no fiction

def test_the_real_project_holds_no_example_and_checks():
    assert not list((ROOT / "content").glob("*/example-*.yaml"))
    assert not is_demo(ROOT)
    assert all(not cycle.example for city in gather(ROOT).cities.values() for cycle in city.cycles)
    result = run_cli("check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK: ")


def test_the_demo_holds_examples_only_and_checks(tmp_path):
    assert is_demo(DEMO)
    cycles = [cycle for city in gather(DEMO).cities.values() for cycle in city.cycles]
    assert cycles and all(cycle.example for cycle in cycles)
    project = whole_project(tmp_path / "project")  # not in the repository: the command writes build/projects/
    result = run_cli("check", "--project", "examples", cwd=project, env=TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("awardsite: 项目 examples 已组装于 build/projects/examples/")
    assert result.stdout.splitlines()[-1].startswith("OK: ")


def test_every_example_file_is_canonical():
    """As `fmt --check` holds the real content/ to the canonical layout (test_office.py)."""
    result = run_cli("fmt", "--check", cwd=DEMO)
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- (b) each refuses the other's records

def test_an_example_in_the_real_project_is_refused(tmp_path):
    project = real_project(tmp_path / "project")
    (project / "content" / "xinyang").mkdir()
    shutil.copy(ROOT / "examples" / "content" / "xinyang" / "example-2025.yaml", project / "content" / "xinyang")
    result = run_cli("check", cwd=project, env=TODAY)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/xinyang/example-2025.yaml:12:10: example: example: true 表示虚构的示例记录，而公开网站只收录真实记录：示例请放在示例项目"
        " examples/content/xinyang/ 中（用 make demo 生成示例网站） | example: true marks a fictional example, and the public site"
        " holds real records only: examples belong in the demo project, examples/content/xinyang/ (built with make demo)",
        "1 个问题；网站未更新 | 1 problem(s); the site was not changed"]


def test_a_real_record_in_the_demo_is_refused(tmp_path):
    project = real_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text(demo_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    (project / "content" / "xinyang").mkdir()
    path = project / "content" / "xinyang" / "example-2025.yaml"
    text = (ROOT / "examples" / "content" / "xinyang" / "example-2025.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("example: true\n", ""), encoding="utf-8")
    result = run_cli("check", cwd=project, env=TODAY)
    assert result.returncode == 1
    assert ("content/xinyang/example-2025.yaml:5:1: example: 示例项目只收录虚构的示例记录：请写 example: true；真实记录请放在 content/ 中"
            " | the demo project holds fictional examples only: write example: true; real records belong in content/"
            ) in result.stderr.splitlines()


def test_a_new_cycle_is_an_example_in_the_demo_only(tmp_path):
    project = real_project(tmp_path / "project")
    args = ("new", "cycle", "--city", "xinyang", "--cycle", "example-2027", "--today", "2027-12-01")
    assert run_cli(*args, cwd=project).returncode == 0
    assert "example:" not in (project / "content" / "xinyang" / "example-2027.yaml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(demo_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    assert run_cli(*args[:-3], "2027", *args[-2:], cwd=project).returncode == 0
    assert "\nexample: true" in (project / "content" / "xinyang" / "2027.yaml").read_text(encoding="utf-8")


def test_the_demo_config_keeps_an_extra_of_its_own():
    marked = demo_config("site_name: x\nextra:  # words\n  footer: y\nplugins: []\n")
    assert marked == "site_name: x\nextra:  # words\n  demo: true\n  footer: y\nplugins: []\n"
    assert demo_config("site_name: x\n").endswith("\nextra:\n  demo: true\n")


def test_an_unknown_project_is_a_usage_error():
    result = run_cli("build", "--project", "../content", cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == ("awardsite: 没有项目“../content”（含 content/ 的文件夹）；现有：examples | "
                             "no project '../content' (a folder holding content/); known: examples\n")


def test_the_demo_is_not_assembled_through_a_link(tmp_path):
    project = whole_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "build").symlink_to(elsewhere)
    with pytest.raises(DataError) as refused:
        assemble(project, "examples")
    assert [p.path for p in refused.value.problems] == ["build"]
    (project / "build").unlink()
    (project / "examples" / "content" / "linked").symlink_to(elsewhere)
    with pytest.raises(DataError) as refused:
        assemble(project, "examples")
    assert [p.path for p in refused.value.problems] == ["examples/content/linked"]
    assert not list(elsewhere.iterdir())


# ---------------------------------------------------------------- (c) every demo page says so

def test_build_project_examples_marks_every_page_in_its_language(projects):
    site = projects / "demo-site"
    built = pages(site)
    assert len(built) > 100
    for rel, soup in built:
        banner = soup.select_one(".demo-banner")
        assert banner is not None, rel
        lang = soup.html["lang"]
        if rel == "404.html":  # one page for every missing address, in both languages
            assert [span.get_text() for span in banner.find_all("span")] == [BANNER["zh"], BANNER["en"]]
            continue
        assert banner.get_text(strip=True) == BANNER[lang], rel
        assert banner.find_parent(attrs={"data-pagefind-body": True}) is None, rel  # not repeated in every search result
    assert "/demo-site" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()  # never committed


def test_the_demo_site_holds_the_examples(projects):
    notices = json.loads((projects / "demo-site" / "data" / "notices.json").read_text(encoding="utf-8"))
    records = notices["records"] if isinstance(notices, dict) else notices
    assert records and all(record["example"] for record in records)


# ---------------------------------------------------------------- (d) the real site carries neither

def test_the_real_site_has_no_banner_and_no_example(projects):
    built = pages(projects / "site")
    assert len(built) > 50
    for rel, soup in built:
        assert soup.select_one(".demo-banner") is None, rel
        for text in (soup.title.get_text() if soup.title else "", soup.h1.get_text() if soup.h1 else ""):
            assert "示例" not in text and "(example)" not in text, (rel, text)
        assert not [a["href"] for a in soup.find_all("a", href=True) if "/example-" in a["href"]], rel  # no example's page
    notices = json.loads((projects / "site" / "data" / "notices.json").read_text(encoding="utf-8"))
    records = notices["records"] if isinstance(notices, dict) else notices
    assert not any(record["example"] for record in records)


REAL_CYCLE = """city: linyi
cycle: '2030'
title: {zh: 第二十届临沂市市长质量奖, en: The 20th Linyi Mayor's Quality Award}
regulation: null
winners:
- id: tea-2030
  name: {zh: 临沂某茶业有限公司}
  kind: organisation
  award: award
  source_url: https://www.linyi.gov.cn/a.html
"""


def test_a_real_winner_without_an_english_name_is_refused(tmp_path):
    """No real winner reaches an English page with a Chinese-only name: check says what to write."""
    project = real_project(tmp_path / "project")
    (project / "content" / "linyi").mkdir()
    (project / "content" / "linyi" / "2030.yaml").write_text(REAL_CYCLE, encoding="utf-8")
    result = run_cli("check", cwd=project, env=TODAY)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        "content/linyi/2030.yaml:7:9: winners[0].name: 缺少英文名称 name.en：真实记录的获奖者与拟奖对象须有英文名称。")
    assert "otherwise write a translation (a person's name in pinyin), which the site marks as unofficial" in result.stderr
