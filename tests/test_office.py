"""The office workflow, played by a clerk: scaffold a notice, fill it in, make a typo,
read the bilingual error, fix it, build, and find the notice on the site in both
languages. The outputs of this session are what the guide page
(content/pages/publish.*.md) shows, and a test holds the guide to them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_cli

TODAY = "2027-12-01"  # the day the guide's walk-through is run as of
CITY, CYCLE = "xinyang", "example-2027"
FILE = f"content/{CITY}/{CYCLE}.yaml"
ENV = {"AWARDSITE_TODAY": TODAY}

# What the clerk types in place of each placeholder, in order of the file.
FILLED = [
    ("2027年度信阳市市长质量奖（示例）", "The 2027 Xinyang Mayor's Quality Award (example)"),
    ("2027年度信阳市市长质量奖拟奖名单公示（示例）", "Publicity of the proposed winners, 2027 Xinyang Mayor's Quality Award (example)"),
    ("信阳市市场监督管理局质量发展科（示例）", "Quality Development Section, Xinyang Market Regulation Bureau (example)"),
    ("0000-00000000", None),
    ("objection@example.org", None),
    ("以书面形式提出，写明姓名（单位名称）、联系方式并附证明材料。", "In writing, with your name (or your organisation's), how to reach you and evidence."),
    ("示例茶业有限公司", None),  # the first candidate
]
TYPO_EXPECTED = (f"{FILE}:24:3: notices[0].working_day: 未知字段“working_day”；是否应为“working_days”？"
                 " | unknown field 'working_day'; did you mean 'working_days'?")


def fill(text: str) -> str:
    """Replace the placeholders one by one, as the clerk does in her editor."""
    for zh, en in FILLED:
        text = text.replace("zh: 待填写", f"zh: {zh}", 1) if en else text.replace(": 待填写", f": {zh}", 1)
        if en:
            text = text.replace("en: to fill in", f"en: {en}", 1)
    return text


def clerk_session(project: Path) -> dict[str, object]:
    """The whole walk-through; returns each command's result by step name."""
    out: dict[str, object] = {}
    out["new_cycle"] = run_cli("new", "cycle", "--city", CITY, "--cycle", CYCLE, cwd=project, env=ENV)
    out["new_notice"] = run_cli("new", "notice", "--city", CITY, "--cycle", CYCLE, "--kind", "proposed_winners", cwd=project, env=ENV)
    path = project / FILE
    out["skeleton"] = path.read_text(encoding="utf-8")
    out["check_skeleton"] = run_cli("check", cwd=project, env=ENV)
    filled = fill(out["skeleton"])
    out["filled"] = filled
    path.write_text(filled.replace("  working_days:", "  working_day:"), encoding="utf-8")
    out["check_typo"] = run_cli("check", cwd=project, env=ENV)
    path.write_text(filled, encoding="utf-8")
    out["check_fixed"] = run_cli("check", cwd=project, env=ENV)
    out["fmt"] = run_cli("fmt", FILE, cwd=project, env=ENV)
    out["fmt_again"] = run_cli("fmt", FILE, cwd=project, env=ENV)
    out["build"] = run_cli("build", cwd=project, env=ENV)
    return out


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("office") / "project", examples=True)
    return project, clerk_session(project)


def test_new_writes_a_commented_skeleton_dated_today(session):
    project, out = session
    assert out["new_cycle"].returncode == 0, out["new_cycle"].stderr
    assert out["new_notice"].returncode == 0, out["new_notice"].stderr
    assert out["new_notice"].stdout.startswith(f"{FILE}:18: ")
    skeleton = out["skeleton"]
    assert skeleton.startswith("# yaml-language-server: $schema=../../schema/cycle.schema.json\n")
    assert "# Proposed winners, written by `awardsite new notice` on 2027-12-01." in skeleton
    data = yaml.safe_load(skeleton)
    notice = data["notices"][0]
    assert (notice["id"], notice["kind"], notice["published"]) == ("proposed-winners", "proposed_winners", dt.date(2027, 12, 1))
    assert notice["working_days"] == 5  # Xinyang's 2022 measures, art. 22: five working days
    assert data["regulation"] == "2022" and data["example"] is True


def test_a_new_cycle_runs_under_the_version_that_stands():
    """`new cycle` names the version the regulation pages show as standing (derive.py):
    the newest in force, or in force as far as its dates are known; none when it expired."""
    from generator.derive import standing_version
    from generator.model import Regulation

    def version(name, **fields):
        return Regulation.model_validate({"city": "x", "version": name, "title": {"zh": "办法", "en": "Measures"}, **fields})

    day = dt.date(2027, 12, 1)
    undated = [version("pre-2012"), version("2019"), version("2012")]
    assert standing_version(undated, day).version == "2019"  # by the year its id begins with, not by the id's letters
    adopted = [version("2022", issued=dt.date(2022, 6, 29), effective=dt.date(2022, 6, 29)), version("2026-draft", draft=True),
               version("2027", issued=dt.date(2027, 11, 1), effective=dt.date(2028, 1, 1))]
    assert standing_version(adopted, day).version == "2022"  # not the draft, nor one not yet in force
    assert standing_version([version("2017", issued=dt.date(2017, 8, 1), expires=dt.date(2022, 8, 31))], day) is None


def test_skeleton_is_valid_but_every_placeholder_is_reported(session):
    _, out = session
    result = out["check_skeleton"]
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{FILE}:10:7: title.zh: 仍是占位内容“待填写”：请填写实际内容"
                        " | still a placeholder ('to fill in'): write the actual text")
    assert len(lines) == 12 and lines[-1].startswith("11 个问题")
    assert all("仍是占位内容" in line for line in lines[:-1])


def test_a_typo_in_a_key_gets_a_located_bilingual_suggestion(session):
    _, out = session
    result = out["check_typo"]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [TYPO_EXPECTED, "1 个问题；网站未更新 | 1 problem(s); the site was not changed"]


def test_fixed_file_checks_and_formats_idempotently(session):
    _, out = session
    assert out["check_fixed"].returncode == 0, out["check_fixed"].stderr
    assert out["fmt"].returncode == 0 and out["fmt_again"].returncode == 0
    assert out["fmt_again"].stdout.strip() == "1 个文件，0 个已整理 | 1 file(s), 0 formatted"


def test_the_notice_is_on_the_site_in_both_languages(session):
    project, out = session
    assert out["build"].returncode == 0, out["build"].stderr
    for lang, title in (("", FILLED[1][0]), ("en/", FILLED[1][1])):
        page = project / "site" / lang / f"notices/{CITY}/{CYCLE}/proposed-winners/index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.h1.get_text(" ", strip=True).startswith(title)
        assert FILLED[2][0 if not lang else 1] in soup.get_text()


# ---------------------------------------------------------------- the guide keeps to the program

GUIDES = {lang: ROOT / "content" / "pages" / f"publish.{lang}.md" for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_shows_the_real_commands_and_output(session, lang):
    _, out = session
    guide = GUIDES[lang].read_text(encoding="utf-8")
    for command in (f"awardsite new cycle --city {CITY} --cycle {CYCLE}",
                    f"awardsite new notice --city {CITY} --cycle {CYCLE} --kind proposed_winners",
                    "awardsite check", "awardsite fmt", "awardsite serve", "git commit"):
        assert command in guide, command
    assert out["new_notice"].stdout.strip() in guide
    assert TYPO_EXPECTED in guide
    assert out["check_skeleton"].stderr.splitlines()[0] in guide
    notice_lines = out["skeleton"].split("\nnotices:\n", 1)[1]
    assert notice_lines.rstrip("\n") in guide, "the guide shows the skeleton as `new notice` writes it"


def test_the_guide_is_in_the_navigation_of_both_languages():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("publish.md") == 2


# ---------------------------------------------------------------- fmt, corrections, workflow files

def test_fmt_keeps_comments_and_is_idempotent(tmp_path):
    from generator.canonical import canonical_text
    from generator.filekinds import kind_of

    messy = ("# a comment at the top\n"
             "cycle: \"2030\"   # why this id\n"
             "city: xinyang\n"
             "regulation: null\n"
             "title: {en: The 2030 award, zh: 2030年度}\n"
             "notices:\n"
             "    - published: 2030-01-02\n"
             "      id: call  # the call\n"
             "      kind: call_for_applications\n"
             "      title: {zh: 通知, en: Call}\n")
    kind = kind_of("content/xinyang/2030.yaml")
    once = canonical_text(messy, kind)
    assert canonical_text(once, kind) == once
    assert once.splitlines()[0] == "# yaml-language-server: $schema=../../schema/cycle.schema.json"
    assert "# a comment at the top" in once and "# why this id" in once and "# the call" in once
    assert "cycle: '2030'" in once and "regulation: null" in once
    keys = [line.split(":")[0] for line in once.splitlines() if re.match(r"[a-z]", line)]
    assert keys == ["city", "cycle", "title", "regulation", "notices"]
    assert re.search(r"\n- id: call +# the call\n  kind: call_for_applications\n  title: \{zh: 通知, en: Call\}\n  published: 2030-01-02\n", once)


def test_every_content_file_is_canonical():
    result = run_cli("fmt", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_check_reports_a_file_that_is_not_canonical(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    path = project / "content" / "xinyang" / "example-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("regulation: '2022'", 'regulation: "2022"'), encoding="utf-8")
    result = run_cli("check", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 0
    assert ("content/xinyang/example-2026.yaml:11:1: not_canonical: 格式不规范：请运行 awardsite fmt content/xinyang/example-2026.yaml"
            " | not in the canonical layout: run awardsite fmt content/xinyang/example-2026.yaml") in result.stdout.splitlines()
    assert run_cli("check", "--strict", "--today", "2026-11-23", cwd=project).returncode == 1


def test_a_correction_shows_its_history_on_the_page(built_site):
    page = built_site / "notices/xinyang/example-2026/acceptance-list/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".corrected-banner .corrected-tag").get_text() == "已更正"
    table = soup.find(id="corrections").find_next("table")
    cells = [td.get_text(" ", strip=True) for td in table.find_all("td")]
    assert cells == ["2026年11月20日", "异议受理方式 · 电话", "0000-0000000", "异议受理电话少写一位数字（示例）。"]
    assert "0000-00000000" in soup.find(id="objection").find_next("div").get_text()
    en = BeautifulSoup((built_site / "en/winners/hohhot/index.html").read_text(encoding="utf-8"), "html.parser")
    row = [td.get_text(" ", strip=True) for td in en.find(id="corrections").find_next("table").find_all("td")]
    assert row[1:4] == ["2025-11-20", "the winner's name · Chinese name, as the source gives it", "示例新材料有限公"]
    assert en.select_one("#current ~ table .corrected-tag").get_text() == "Corrected"


BAD_CORRECTIONS = {
    "was_equals_current": ("was: 0000-0000000", "was: 0000-00000000",
                           "content/xinyang/example-2026.yaml:48:10: notices[1].corrections[0].was: was 与现在的 objection.phone 相同："
                           "请在记录中写更正后的内容，在 was 中写原来的内容 | was equals the current objection.phone: the record holds"
                           " the corrected text, was the old one"),
    "not_a_text_field": ("field: objection.phone", "field: objection.fax",
                         "content/xinyang/example-2026.yaml:47:12: notices[1].corrections[0].field: “objection.fax”不是本记录的文字字段；"
                         "可更正的字段：title.zh、title.en、document、issuer.zh、issuer.en、body.zh、body.en、period_note.zh、period_note.en、objection.office.zh、"
                         "objection.office.en、objection.phone、objection.email、objection.address.zh、objection.address.en、"
                         "objection.how.zh、objection.how.en | 'objection.fax' is not a text field of this record; the fields that can "
                         "be corrected: title.zh, title.en, document, issuer.zh, issuer.en, body.zh, body.en, period_note.zh, period_note.en, objection.office.zh, "
                         "objection.office.en, objection.phone, objection.email, objection.address.zh, objection.address.en, "
                         "objection.how.zh, objection.how.en"),
}


@pytest.mark.parametrize("case", sorted(BAD_CORRECTIONS))
def test_a_correction_that_cannot_stand_is_a_problem(tmp_path, case):
    old, new, expected = BAD_CORRECTIONS[case]
    project = copy_project(tmp_path / "project", examples=True)
    path = project / "content" / "xinyang" / "example-2026.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run_cli("check", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == expected


def test_new_refuses_an_unknown_city_and_an_existing_file(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    result = run_cli("new", "cycle", "--city", "qqqq", "--cycle", "2030", cwd=project)  # a near miss: tests/test_cli_errors.py
    assert result.returncode == 2
    assert "未知地区“qqqq”" in result.stderr and "add city_rules/qqqq/jurisdiction.yaml first" in result.stderr
    result = run_cli("new", "cycle", "--city", "xinyang", "--cycle", "example-2026", cwd=project)
    assert result.returncode == 2 and "已存在，不会覆盖" in result.stderr and "will not be overwritten" in result.stderr
    result = run_cli("new", "notice", "--city", "xinyang", "--cycle", "example-2026", "--kind", "proposed_winner", cwd=project)
    assert result.returncode == 2 and "did you mean 'proposed_winners'?" in result.stderr and "是否应为“proposed_winners”？" in result.stderr


def test_new_revocation_and_notice_keep_the_file_and_its_comments(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    path = project / "content" / "xinyang" / "example-2025.yaml"
    before = path.read_text(encoding="utf-8")
    assert run_cli("new", "revocation", "--city", "xinyang", "--cycle", "example-2025", "--winner", "xy25-tea",
                   "--today", "2026-11-23", cwd=project).returncode == 0
    after = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(line in after.splitlines() for line in comments)
    data = yaml.safe_load(after)
    added = data["revocations"][-1]
    assert (added["winner"], added["decided"], added["grounds"][0]["article"]) == ("xy25-tea", dt.date(2026, 11, 23), 33)
    assert run_cli("fmt", "--check", "content/xinyang/example-2025.yaml", cwd=project).returncode == 0
    result = run_cli("check", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 1
    assert all("仍是占位内容" in line or "引文" in line for line in result.stderr.splitlines()[:-1])


def test_near_misses_in_a_notice_get_a_suggestion(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    path = project / "content" / "xinyang" / "example-2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: proposed_winners", "kind: proposed_winner").replace("  published: 2026-12-29", "  publised: 2026-12-29"),
                    encoding="utf-8")
    result = run_cli("check", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 1
    assert "notices[2].kind:" in result.stderr and "did you mean 'proposed_winners'?" in result.stderr
    assert "notices[2].publised: 未知字段“publised”；是否应为“published”？ | unknown field 'publised'; did you mean 'published'?" in result.stderr


def test_future_dated_content_passes_with_today(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    assert run_cli("new", "notice", "--city", "xinyang", "--cycle", "example-2026", "--kind", "award_decision",
                   "--today", "2027-01-20", cwd=project).returncode == 0
    path = project / "content" / "xinyang" / "example-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("待填写", "示例").replace("to fill in", "example"), encoding="utf-8")
    assert run_cli("check", cwd=project, env={"AWARDSITE_TODAY": "2026-11-23"}).returncode == 0


def test_workflow_files_check_build_and_publish_daily():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in hooks["repos"] for hook in repo["hooks"]]
    assert ".venv/bin/awardsite check" in entries and ".venv/bin/awardsite fmt --check" in entries
    flow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "5 16 * * *"}]
    steps = flow["jobs"]["build"]["steps"]
    runs = " && ".join(step.get("run", "") for step in steps)
    assert "make check" in runs and "awardsite fmt --check" in runs and "make site" in runs and "make test" in runs
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") and step["with"]["path"] == "site/" for step in steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
