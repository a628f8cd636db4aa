"""Issue 19: a symbolic link is refused wherever the build reads or writes. A commit can
hold one as easily as a file: `content/pages/x.en.md → /etc/hostname` would publish a
file of the machine that builds, and `build → elsewhere` would have the build write its
pages there and delete what it does not expect. Each case stops `check` or `build` with
a located, bilingual line, exit 1, no traceback, and nothing written outside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from generator.links import linked_sources

LAST_LINE = "1 个问题；网站未更新 | 1 problem(s); the site was not changed"
SECRET = "the-build-machine's-own-file\n"


def read_file_message(rel: str) -> str:
    return (f"{rel}:1:1: {rel} 是符号链接，不允许；请改为普通文件"
            f" | {rel} is a symbolic link, which is not allowed: commit the file itself")


def read_folder_message(rel: str) -> str:
    return (f"{rel}:1:1: {rel}/ 是符号链接，不允许；请改为普通文件夹"
            f" | {rel}/ is a symbolic link, which is not allowed: commit the folder itself")


def write_message(rel: str) -> str:
    return (f"{rel}:1:1: {rel} 是符号链接，不允许：网站只写入项目中的普通文件夹；请删除该链接（构建会重新建立所需的文件夹）"
            f" | {rel} is a symbolic link, which is not allowed: the build writes only into real folders; "
            "delete the link (the build makes the folders it needs)")


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the project, with a file the build must neither read nor touch."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "hostname").write_text(SECRET, encoding="utf-8")
    (folder / "2099.yaml").write_text("city: example\ncycle: [unclosed\n", encoding="utf-8")  # a problem, if it were read
    return folder


def listing(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def link(project: Path, rel: str, target: Path) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


# (the link, what it points to in `elsewhere` — "" for the folder itself —, the line a clerk reads)
READ_CASES = {
    "page_file": ("content/pages/x.en.md", "hostname", read_file_message("content/pages/x.en.md")),
    "cycle_file": ("content/example/2099.yaml", "2099.yaml", read_file_message("content/example/2099.yaml")),
    "folder_under_content": ("content/example", "", read_folder_message("content/example")),
    "regulation_file": ("city_rules/example/2099.yaml", "2099.yaml", read_file_message("city_rules/example/2099.yaml")),
    "template_file": ("site_templates/overrides/assets/x.css", "hostname", read_file_message("site_templates/overrides/assets/x.css")),
    "jurisdiction_folder": ("city_rules/elsewhere", "", read_folder_message("city_rules/elsewhere")),
}


@pytest.mark.parametrize("case", sorted(READ_CASES))
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_where_the_build_reads_is_a_located_problem(scenario, elsewhere, case, command):
    rel, target, message = READ_CASES[case]
    before = listing(elsewhere)
    link(scenario, rel, elsewhere / target if target else elsewhere)
    result = run_cli(command, "--today", "2026-11-23", cwd=scenario)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    assert result.stderr.splitlines() == [message, LAST_LINE]  # the linked folder's bad file is not read
    assert SECRET.strip() not in result.stdout + result.stderr
    assert not (scenario / "site").exists() and not (scenario / "build").exists()
    assert listing(elsewhere) == before


def test_a_link_in_a_folder_to_the_folder_above_is_reported_once_and_not_walked(scenario):
    link(scenario, "content/example/loop", scenario / "content")
    result = run_cli("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [read_folder_message("content/example/loop"), LAST_LINE]


@pytest.fixture
def buildable(scenario: Path) -> Path:
    """The scenario with the two hand-written pages the navigation names: it builds."""
    (scenario / "content" / "pages").mkdir(parents=True)
    for name in ("about", "publish"):
        for lang in ("zh", "en"):
            (scenario / "content" / "pages" / f"{name}.{lang}.md").write_text(f"# {name}\n", encoding="utf-8")
    return scenario


def test_without_a_link_the_project_builds(buildable):
    result = run_cli("build", "--today", "2026-11-23", cwd=buildable)
    assert result.returncode == 0, result.stderr
    assert (buildable / "site" / "index.html").is_file()


WRITE_CASES = {
    "build": "build",
    "docs_folder": "build/docs",
    "file_in_the_docs_folder": "build/docs/zh/index.md.partial",
    "site": "site",
    "swap_folder": ".site-old-12345",
}


@pytest.mark.parametrize("case", sorted(WRITE_CASES))
def test_a_link_where_the_build_writes_stops_it_before_anything_is_written(buildable, elsewhere, case):
    rel, scenario = WRITE_CASES[case], buildable
    before = listing(elsewhere)
    link(scenario, rel, elsewhere / "hostname" if rel.endswith(".partial") else elsewhere)
    result = run_cli("build", "--today", "2026-11-23", cwd=scenario)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    assert result.stderr.splitlines() == [write_message(rel), LAST_LINE]
    assert listing(elsewhere) == before  # nothing written there, nothing deleted
    assert not (scenario / ".awardsite-cache").exists()  # refused before the data is even read
    if rel != "site":
        assert not (scenario / "site").exists()


def test_a_site_dir_inside_a_linked_folder_of_the_project_is_refused(scenario, elsewhere):
    link(scenario, "out", elsewhere)
    result = run_cli("build", "--today", "2026-11-23", "--site-dir", "out/site", cwd=scenario)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [write_message("out"), LAST_LINE]
    assert listing(elsewhere) == {"hostname": SECRET, "2099.yaml": "city: example\ncycle: [unclosed\n"}


def test_the_cache_is_neither_read_nor_written_through_a_link(scenario, elsewhere):
    link(scenario, ".awardsite-cache", elsewhere)
    before = listing(elsewhere)
    result = run_cli("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 0, result.stderr
    assert listing(elsewhere) == before


def test_the_cache_does_not_write_its_gitignore_through_a_link(scenario, elsewhere):
    (scenario / ".awardsite-cache").mkdir()
    (scenario / ".awardsite-cache" / ".gitignore").symlink_to(elsewhere / "hostname")
    result = run_cli("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "hostname").read_text(encoding="utf-8") == SECRET


def test_the_gitignore_ignores_a_file_or_link_named_as_an_output_too():
    patterns = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    for name in ("/build", "/site", "/.site-*", "/.awardsite-cache"):
        assert name in patterns and name + "/" not in patterns


def test_the_real_project_has_no_link():
    assert linked_sources(ROOT) == []


def test_fmt_does_not_write_through_a_linked_content_file(scenario, elsewhere):
    target = elsewhere / "other.yaml"
    target.write_text("title: {zh: 甲, en: A}\ncity: example\ncycle: '2099'\n", encoding="utf-8")  # not in the canonical layout
    link(scenario, "content/example/2099.yaml", target)
    before = listing(elsewhere)
    result = run_cli("fmt", cwd=scenario)
    assert result.returncode == 0, result.stderr
    assert listing(elsewhere) == before


@pytest.mark.parametrize("rel", ["build", "site"])
def test_a_file_where_the_build_writes_a_folder_is_a_problem_not_a_traceback(buildable, rel):
    (buildable / rel).write_text("a file\n", encoding="utf-8")
    result = run_cli("build", "--today", "2026-11-23", cwd=buildable)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"{rel}:1:1: {rel} 是文件，但网站要写入同名的文件夹；请删除或改名该文件 | "
        f"{rel} is a file, where the build writes a folder of that name: delete or rename the file", LAST_LINE]
    assert (buildable / rel).read_text(encoding="utf-8") == "a file\n"
