"""Every publicity period is stated (issue 15, part 3). A notice that takes objections
(internal, recommendation, acceptance-list and proposed-winner publicity) gives its
period as the notice states it (`working_days` and/or `end`), or, transcribed from a
source that does not state it, says so: `working_days: unknown` with a `period_note`.
Without either, `check` gives a located, bilingual error. A period not stated in the
source is shown as such on the notice page, the notices list and the city timeline,
gives no period finding, no calendar event and empty period columns in the data."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import copy_project, real_project, run_cli
from generator.model import NOTICE_KINDS

TODAY = "2026-11-23"
TARGET = "content/xinyang/9.yaml"
PUBLICITY = [key for key, kind in NOTICE_KINDS.items() if kind.takes_objections]
NOTE = {"zh": "来源为新闻报道，未载明公示期。", "en": "The source, a news report, does not state the publicity period."}


def cycle_text(*notices: str) -> str:
    """An example cycle of Xinyang (2022 measures) with `notices` (YAML, one notice each)."""
    head = ('# yaml-language-server: $schema=../../schema/cycle.schema.json\ncity: xinyang\ncycle: "9"\n'
            'title: {zh: 测试届, en: Test cycle}\nregulation: "2022"\nexample: true\nnotices:\n')
    return head + "".join(notices)


def notice(kind: str = "proposed_winners", **fields) -> str:
    """One notice (its first line is line 8 of `cycle_text` when it comes first); `fields` as YAML flow values."""
    lines = [f"- id: n-{kind.replace('_', '-')}", f"  kind: {kind}", "  title: {zh: 公示, en: Publicity}",
             "  published: 2025-09-26", "  objection: {phone: 0000-00000000}"]
    lines += [f"  {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("stated") / "project", examples=True)


def check(project: Path, text: str) -> tuple[int, list[str], str]:
    """`awardsite check` in-process with `text` as content/xinyang/9.yaml: (exit status,
    the lines of standard error, standard output)."""
    from generator.cli import main

    (project / TARGET).write_text(text, encoding="utf-8")
    err, out, cwd = io.StringIO(), io.StringIO(), Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            status = main(["check", "--today", TODAY])
    finally:
        os.chdir(cwd)
        gc.unfreeze()  # check freezes what it gathered, as the command lives no longer than that
        (project / TARGET).unlink()
    not_compared = "awardsite: 未能与已提交的版本比较"  # the copy is no git repository: said once, beside the point here
    return status, [line for line in err.getvalue().splitlines() if not line.startswith(not_compared)], out.getvalue()


ONE_PROBLEM = "1 个问题；网站未更新 | 1 problem(s); the site was not changed"
HOW = ("按通知所载写 working_days（工作日数）和/或 end（公示最后一日）；来源未载明公示期的，写 working_days: unknown，"
       "并在 period_note 中说明 | write working_days (the number of working days) and/or end (the last day) as the notice"
       " states them; where the source does not state the period, write working_days: unknown and a period_note saying so")


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("kind", PUBLICITY)
def test_a_publicity_notice_without_its_period_is_an_error_at_the_notice(project, kind):
    status, lines, _ = check(project, cycle_text(notice(kind)))
    label = NOTICE_KINDS[kind]
    assert status == 1
    assert lines == [f"{TARGET}:8:3: notices[0]: {label.zh}须写明公示期：{HOW.split(' | ')[0]}"
                     f" | a publicity notice ({label.en.lower()}) must state its period: {HOW.split(' | ')[1]}", ONE_PROBLEM]


def test_a_deadline_is_not_a_publicity_period(project):
    status, lines, _ = check(project, cycle_text(notice(deadline="2025-10-09")))
    assert status == 1
    assert lines == [f"{TARGET}:8:3: notices[0]: deadline 是申报通知的申报截止日期，不是公示期；拟奖名单公示须写明公示期：{HOW.split(' | ')[0]}"
                     " | deadline is a call's submission deadline, not a publicity period; a publicity notice (proposed winners)"
                     f" must state its period: {HOW.split(' | ')[1]}", ONE_PROBLEM]


def test_unknown_needs_a_note(project):
    status, lines, _ = check(project, cycle_text(notice(working_days="unknown")))
    assert status == 1
    assert lines == [f"{TARGET}:8:3: notices[0]: 写 working_days: unknown 时须有 period_note（zh 与 en），说明所据来源未载明公示期"
                     " | working_days: unknown needs a period_note (zh and en) saying that the source does not state the"
                     " publicity period", ONE_PROBLEM]


def test_unknown_and_an_end_contradict(project):
    status, lines, _ = check(project, cycle_text(notice(working_days="unknown", end="2025-10-09",
                                                        period_note=json.dumps(NOTE, ensure_ascii=False))))
    assert status == 1
    assert lines == [f"{TARGET}:8:3: notices[0]: working_days: unknown 表示来源未载明公示期，但 end 写明了最后一日："
                     "请删去 working_days: unknown 与 period_note（只写 end 即可）"
                     " | working_days: unknown says the source does not state the period, but end gives its last day:"
                     " remove working_days: unknown and the period_note (end alone states the period)", ONE_PROBLEM]


def test_unknown_is_for_publicity_notices_only(project):
    call = notice("call_for_applications", working_days="unknown", period_note=json.dumps(NOTE, ensure_ascii=False))
    status, lines, _ = check(project, cycle_text(call.replace("  objection: {phone: 0000-00000000}\n", "")))
    assert status == 1
    assert lines == [f"{TARGET}:8:3: notices[0]: working_days: unknown 只用于来源未载明公示期的公示，不适用于申报通知"
                     " | working_days: unknown is for a publicity notice whose source does not state its period,"
                     " not for a call for applications", ONE_PROBLEM]


def test_a_period_note_goes_with_unknown_only(project):
    status, lines, _ = check(project, cycle_text(notice(working_days=5, period_note=json.dumps(NOTE, ensure_ascii=False))))
    assert status == 1
    assert lines == [f"{TARGET}:8:3: notices[0]: period_note 只用于说明 working_days: unknown；本通知已写明公示期，请删去 period_note"
                     "（其他说明写入 body） | period_note explains working_days: unknown; this notice states its period,"
                     " so remove period_note (other remarks go in body)", ONE_PROBLEM]


@pytest.mark.parametrize("written, expected", [
    ("Unknown", "notices[0].working_days: 应为整数或 unknown，实际为 'Unknown'；是否应为“unknown”？"
                " | expected a whole number or unknown but received 'Unknown'; did you mean 'unknown'?"),
    ("five", "notices[0].working_days: 应为整数或 unknown，实际为 'five'"
             " | expected a whole number or unknown but received 'five'"),
    # as before `unknown` was allowed (tests/scenarios/hostile/expected.yaml)
    ("0", "notices[0].working_days: 应不小于 1，实际为 0 | must be at least 1, but received 0"),
    ("1000000", "notices[0].working_days: 应不大于 100，实际为 1000000 | must be at most 100, but received 1000000"),
    ("５", "notices[0].working_days: 含有全角字符：'５'；请改用半角数字与符号，如 '5' | '５' has full-width characters; use half-width digits and signs: '5'"),
])
def test_a_wrong_count_is_one_located_error(project, written, expected):
    status, lines, _ = check(project, cycle_text(notice(working_days=written)))
    assert status == 1
    assert lines == [f"{TARGET}:13:17: {expected}", ONE_PROBLEM]


def test_a_mistyped_key_is_one_error_not_two(project):
    status, lines, _ = check(project, cycle_text(notice(working_day=5)))
    assert lines == [f"{TARGET}:13:3: notices[0].working_day: 未知字段“working_day”；是否应为“working_days”？"
                     " | unknown field 'working_day'; did you mean 'working_days'?", ONE_PROBLEM]


def test_a_stated_period_still_passes(project):
    for fields in ({"working_days": 5}, {"end": "2025-10-09"}, {"working_days": 5, "end": "2025-10-09"}):
        status, lines, out = check(project, cycle_text(notice(**fields)))
        assert (status, lines) == (0, []), fields
        assert out.startswith("OK") or "OK:" in out


def test_not_stated_with_its_note_passes_with_no_period_finding(project):
    # Xinyang's measures (art. 22) require five working days: a count of 4 is a finding, an unstated period none
    status, lines, out = check(project, cycle_text(notice(working_days=4)))
    assert status == 0 and f"{TARGET}:8:3: [示例 example] publicity_too_short" in out
    status, lines, out = check(project, cycle_text(notice(working_days="unknown", period_note=json.dumps(NOTE, ensure_ascii=False))))
    assert (status, lines) == (0, [])
    assert not [line for line in out.splitlines() if line.startswith(TARGET) and "not_canonical" not in line]


# ---------------------------------------------------------------- what the reader sees

CYCLE = "test-2026"
NOT_STATED = f"""# yaml-language-server: $schema=../../schema/cycle.schema.json
city: xinyang
cycle: {CYCLE}
title:
  zh: 2026年度信阳市市长质量奖（测试）
  en: The 2026 Xinyang Mayor's Quality Award (test)
year: 2026
regulation: '2022'
notices:
- id: proposed
  kind: proposed_winners
  title:
    zh: 拟奖名单公示（测试）
    en: Publicity of the proposed winners (test)
  published: 2026-11-02
  source_url: https://www.example.org/proposed
  working_days: unknown
  period_note:
    zh: {NOTE["zh"]}
    en: {NOTE["en"]}
  objection:
    phone: 0000-00000000
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A real project with a real-record cycle whose publicity period its source does not state, built."""
    project = real_project(tmp_path_factory.mktemp("stated-site") / "project")
    (project / "content" / "xinyang").mkdir()
    (project / "content" / "xinyang" / f"{CYCLE}.yaml").write_text(NOT_STATED, encoding="utf-8")
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def page(site: Path, lang: str, path: str) -> BeautifulSoup:
    folder = site / ("en" if lang == "en" else "") / path
    return BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")


WORDS = {"zh": ("公示期", "来源未载明", "异议截止", "状态", "公示期：来源未载明"),
         "en": ("Publicity period", "not stated in the source", "Objections until", "Status",
                "Publicity period: not stated in the source")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_notice_page_says_the_period_is_not_stated(site, lang):
    label, not_stated, until, status, _ = WORDS[lang]
    soup = page(site, lang, f"notices/xinyang/{CYCLE}/proposed")
    meta = [li.get_text(" ", strip=True) for li in soup.select(".reg-meta li")]
    assert f"{label} : {not_stated}" in meta
    assert not any(line.startswith(f"{status} :") for line in meta), meta  # no status
    assert not soup.select(".period-status")
    assert soup.select_one(".period-note").get_text(" ", strip=True) == NOTE[lang]
    objection = [li.get_text(" ", strip=True) for li in soup.select(".objection li")]
    assert f"{until} : {not_stated}" in objection
    assert "working days" not in soup.select_one(".reg-meta").get_text() and "工作日" not in soup.select_one(".reg-meta").get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["notices", "cities/xinyang"])
def test_the_notices_list_and_the_city_timeline_say_the_period_is_not_stated(site, lang, path):
    *_, said = WORDS[lang]
    soup = page(site, lang, path)
    link = soup.find("a", href=lambda h: h and f"{CYCLE}/proposed" in h)
    row = link.find_parent("tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[-1] == said and cells[-2] == "—"
    assert row.select_one(".period-unstated") is not None and row.select_one(".period-status") is None


def test_no_calendar_event_and_empty_period_columns(site):
    calendar = Calendar.from_ical((site / "calendar" / "deadlines.ics").read_bytes())
    assert not [e for e in calendar.walk("VEVENT") if CYCLE in str(e.get("uid"))]
    rows = json.loads((site / "data" / "notices.json").read_text(encoding="utf-8"))["records"]
    [row] = [r for r in rows if r["cycle"] == CYCLE]
    assert {k: row[k] for k in ("period_kind", "period_start", "period_end", "working_days", "provisional", "status")} == {
        "period_kind": "", "period_start": "", "period_end": "", "working_days": None, "provisional": False, "status": ""}
    csv_row = next(line for line in (site / "data" / "notices.csv").read_text(encoding="utf-8-sig").splitlines() if f",{CYCLE}," in line)
    assert ",,,,,false,," in csv_row  # period_kind … working_days empty, provisional false, status empty
    feed = (site / "feeds" / "notices.rss.xml").read_text(encoding="utf-8")
    assert "拟奖名单公示（测试）" in feed


def test_the_schema_explains_unknown_and_the_note_in_both_languages():
    from generator.model import Notice
    fields = Notice.model_json_schema()["properties"]
    assert "unknown" in fields["working_days"]["description"] and " / " in fields["working_days"]["description"]
    assert "来源未载明" in fields["period_note"]["description"] and "does not state" in fields["period_note"]["description"]
    assert yaml.safe_load("working_days: unknown") == {"working_days": "unknown"}  # a plain word in YAML, no quotes needed


# ---------------------------------------------------------------- the guide keeps to the program

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_shows_the_real_error_and_the_way_to_say_not_stated(project, lang):
    from conftest import ROOT
    guide = (ROOT / "content" / "pages" / f"publish.{lang}.md").read_text(encoding="utf-8")
    _, lines, _ = check(project, cycle_text(notice()))
    # the walk-through's file: its notice starts at line 18 (the output of `new notice` in the guide)
    assert lines[0].replace(f"{TARGET}:8:3:", "content/xinyang/example-2027.yaml:18:3:") in guide
    snippet = f"  working_days: unknown\n  period_note:\n    zh: {NOTE['zh']}\n    en: {NOTE['en']}\n"
    assert snippet in guide
    status, lines, _ = check(project, cycle_text(notice() + snippet))
    assert (status, lines) == (0, [])
