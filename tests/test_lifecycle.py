"""Issue 15, parts 1 and 2: an award cycle as its regulation runs it. Candidates are
not winners (winners exist only through a decision), and nothing appears before its
day (a notice, a decision, a revocation, a correction): not in pages, feeds,
calendars or data. `check` lists what is scheduled; a preview (`--today`) counts from
its own day in the browser too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from generator import pipeline
from generator.collect import gather

FILE = "content/xinyang/9.yaml"
HEAD = """# yaml-language-server: $schema=../../schema/cycle.schema.json
city: xinyang
cycle: '9'
title: {zh: 测试届（示例）, en: Test cycle (example)}
regulation: '2022'
example: true
"""
OBJECTION = "  objection: {phone: 0000-00000000, how: {zh: 书面提出, en: In writing}}\n"
PROPOSED = """- id: proposed
  kind: proposed_winners
  title: {zh: 九届拟奖名单公示（示例）, en: Proposed winners 9th (example)}
  published: 2027-03-01
  working_days: 5
""" + OBJECTION + """  candidates:
  - id: w-tea
    name: {zh: 测试九届茶业有限公司}
    kind: organisation
    award: award
  - id: w-paper
    name: {zh: 测试九届纸业有限公司}
    kind: organisation
    award: nomination
    withdrawn:
      date: 2027-03-03
      reason: {zh: 异议成立（示例）, en: The objection was upheld (example)}
"""
DECISION = """- id: decision
  kind: award_decision
  title: {zh: 表彰决定（示例）, en: Decision (example)}
  published: 2027-04-01
"""
TEA = """- id: w-tea
  name: {zh: 测试九届茶业有限公司}
  kind: organisation
  award: award
"""


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project", examples=True)


def write(project: Path, text: str) -> None:
    (project / FILE).write_text(HEAD + text, encoding="utf-8")


def outputs(project: Path, day: str) -> tuple[dict[str, str], dict[str, str]]:
    return pipeline.outputs(pipeline.prepare(project, dt.date.fromisoformat(day), gather(project)))


def shown(project: Path, day: str, needle: str) -> list[str]:
    """Every page and exported file (feeds, calendars, data) holding `needle` on `day`."""
    pages, files = outputs(project, day)
    unfolded = {path: text.replace("\r\n ", "") for path, text in {**pages, **files}.items()}  # iCalendar folds long lines
    return sorted(path for path, text in unfolded.items() if needle in text)


# ---------------------------------------------------------------- candidates are not winners

def test_proposed_names_put_under_winners_without_a_decision_are_refused(project):
    write(project, "notices:\n" + PROPOSED + "winners:\n" + TEA)
    result = run_cli("check", "--today", "2027-03-02", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{FILE}:27:3: winners[0]: 获奖者只由表彰决定产生：请在本届加入表彰决定（kind: award_decision）；本站未收录决定、"
        "转录自报道时，写明该报道（source_url）及其所载授奖日期（decided）。拟奖名单请写在拟奖名单公示（proposed_winners）的 candidates 中"
        " | a winner exists only through a decision: add the cycle's award decision (kind: award_decision); for a winner"
        " transcribed from a report of a decision not held here, give the report (source_url) and the day awarded if it says"
        " (decided). Proposed winners go in the candidates of the proposed_winners notice")


def test_candidates_are_on_their_notice_page_and_nowhere_a_winner_is(project):
    write(project, "notices:\n" + PROPOSED)
    pages, files = outputs(project, "2027-03-10")
    for lang in ("zh", "en"):
        page = pages[f"{lang}/notices/xinyang/9/proposed.md"]
        assert "测试九届茶业有限公司" in page and "测试九届纸业有限公司" in page
    # the publicity (5 working days from 2027-03-01) is over and no decision is recorded
    assert "本站未收录表彰决定" in pages["zh/notices/xinyang/9/proposed.md"]
    assert "公示中或待决定" in outputs(project, "2027-03-03")[0]["zh/notices/xinyang/9/proposed.md"]
    assert "Withdrawn on 2027-03-03: The objection was upheld (example)" in pages["en/notices/xinyang/9/proposed.md"]
    holding = sorted(path for path, text in {**pages, **files}.items() if "测试九届茶业有限公司" in text)
    assert holding == ["en/notices/xinyang/9/proposed.md", "zh/notices/xinyang/9/proposed.md"]


def test_a_decision_makes_the_candidate_a_winner_on_its_day(project):
    write(project, "notices:\n" + PROPOSED + DECISION + "winners:\n" + TEA)
    assert "zh/data/winners.csv" not in shown(project, "2027-03-31", "测试九届茶业有限公司")
    on_the_day = shown(project, "2027-04-01", "测试九届茶业有限公司")
    assert {"zh/data/winners.csv", "zh/winners/xinyang.md", "en/winners/xinyang.md"} <= set(on_the_day)
    pages, _ = outputs(project, "2027-04-01")
    assert "已由表彰决定授奖" in pages["zh/notices/xinyang/9/proposed.md"]


def test_a_winner_off_the_list_and_a_decision_during_the_publicity_are_findings(project):
    early = DECISION.replace("2027-04-01", "2027-03-04")
    paper = TEA.replace("w-tea", "w-paper").replace("测试九届茶业有限公司", "测试九届纸业有限公司").replace("award: award", "award: nomination")
    write(project, "notices:\n" + PROPOSED + early + "winners:\n" + TEA + paper)
    result = run_cli("check", "--today", "2027-04-02", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(FILE)]
    assert any("decided_during_publicity: 公示期未满即作出表彰决定：表彰决定发布于 2027-03-04，拟奖名单公示至 2027-03-05 才结束" in line
               for line in lines), lines
    assert any("winner_not_a_candidate: 获奖者不在拟奖名单中：测试九届纸业有限公司 获奖，但已从名单中撤回" in line for line in lines), lines


def test_a_cycle_transcribed_without_its_publicity_says_so_rather_than_find_fault(built_site):
    """Hohhot's example 2021 holds its decision and winners, no publicity of proposed winners."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built_site / "en/cities/hohhot/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "The cited sources do not mention a publicity of proposed winners" in page.get_text()


# ---------------------------------------------------------------- nothing before its day

def test_a_notice_dated_later_is_nowhere_until_its_day_and_check_lists_it(project):
    write(project, "notices:\n" + PROPOSED)
    assert shown(project, "2027-02-28", "九届拟奖名单公示（示例）") == []
    on_the_day = shown(project, "2027-03-01", "九届拟奖名单公示（示例）")
    assert {"zh/notices/xinyang/9/proposed.md", "zh/data/notices.csv", "zh/feeds/xinyang.rss.xml", "zh/calendar/xinyang.ics"} <= set(on_the_day)
    result = run_cli("check", "--today", "2027-02-28", cwd=project)
    assert result.returncode == 0
    assert (f"{FILE}:8:3: scheduled: 已排期：通知《九届拟奖名单公示（示例）》将于 2027-03-01 在网站上出现（此前不显示） | "
            "scheduled: the notice 'Proposed winners 9th (example)' appears on the site on 2027-03-01 (not before)") in result.stdout


def test_a_revocation_dated_later_leaves_the_winner_standing_until_its_day(project):
    revocation = """revocations:
- winner: w-tea
  decided: 2028-06-15
  grounds:
  - {article: 33, paragraph: 1}
  reason: {zh: 九届测试的撤销理由（示例）, en: Improper means (example)}
"""
    write(project, "notices:\n" + PROPOSED + DECISION + "winners:\n" + TEA + revocation)
    before = json.loads(outputs(project, "2027-12-16")[1]["zh/data/winners.json"])["records"]
    assert [(w["id"], w["status"]) for w in before if w["city"] == "xinyang" and w["cycle"] == "9"] == [("w-tea", "no_expiry")]
    assert "九届测试的撤销理由" not in outputs(project, "2027-12-16")[0]["zh/revocations/index.md"]
    after = json.loads(outputs(project, "2028-06-15")[1]["zh/data/winners.json"])["records"]
    assert [(w["id"], w["status"]) for w in after if w["city"] == "xinyang" and w["cycle"] == "9"] == [("w-tea", "revoked")]
    result = run_cli("check", "--today", "2027-12-16", cwd=project)
    assert "scheduled: the revocation of w-tea appears on the site on 2028-06-15 (not before)" in result.stdout


def test_a_correction_dated_later_leaves_the_old_text_until_its_day(project):
    corrected = TEA.replace("测试九届茶业有限公司", "示例茶叶有限公司") + """  corrections:
  - date: 2027-05-01
    field: name.zh
    was: 测试九届茶业有限公司
    why: {zh: 笔误（示例）, en: A typo (example)}
"""
    write(project, "notices:\n" + PROPOSED + DECISION + "winners:\n" + corrected)
    before, _ = outputs(project, "2027-04-15")
    assert "测试九届茶业有限公司" in before["zh/winners/xinyang.md"] and "示例茶叶有限公司" not in before["zh/winners/xinyang.md"]
    after, _ = outputs(project, "2027-05-01")
    assert "示例茶叶有限公司" in after["zh/winners/xinyang.md"] and "笔误（示例）" in after["zh/winners/xinyang.md"]


def test_a_preview_counts_from_its_day_and_a_live_build_from_the_readers_clock(project):
    preview = pipeline.outputs(pipeline.prepare(project, dt.date(2026, 11, 23), gather(project), preview=True))[0]
    live = pipeline.outputs(pipeline.prepare(project, dt.date(2026, 11, 23), gather(project)))[0]
    assert 'data-today="2026-11-23"' in preview["zh/notices/index.md"]
    assert "data-today" not in live["zh/notices/index.md"]


# ---------------------------------------------------------------- the skeletons lead the clerk through both steps

def test_new_scaffolds_the_candidates_then_the_decision_names_them(project):
    write(project, "")
    listing = run_cli("new", "notice", "--city", "xinyang", "--cycle", "9", "--kind", "proposed_winners",
                      cwd=project, env={"AWARDSITE_TODAY": "2027-03-01"})
    assert listing.returncode == 0, listing.stderr
    text = (project / FILE).read_text(encoding="utf-8")
    assert "  candidates:  # 拟奖名单，每个拟奖对象一项；拟奖对象不是获奖者" in text and "  - id: candidate-1" in text
    write(project, "notices:\n" + PROPOSED)  # the list as the clerk filled it in: one candidate withdrawn
    decision = run_cli("new", "notice", "--city", "xinyang", "--cycle", "9", "--kind", "award_decision",
                       cwd=project, env={"AWARDSITE_TODAY": "2027-04-01"})
    assert decision.returncode == 0, decision.stderr
    winners = (project / FILE).read_text(encoding="utf-8").split("\nwinners:\n", 1)[1]
    assert "- id: w-tea\n  name:\n    zh: 测试九届茶业有限公司\n  kind: organisation\n  award: award\n  decision: award-decision\n" in winners
    assert "w-paper" not in winners  # withdrawn from the list: not copied
