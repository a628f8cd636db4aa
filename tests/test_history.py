"""Nothing published is rewritten in silence, and nothing new departs from its regulation
by accident (issue 15, parts 6 and 4). Each case is a small git repository of the real
content, committed, then edited as a clerk would, then checked (in-process, as
datasette's CliRunner runs a command)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, real_project

TODAY = "2026-11-23"
OLD = "content/xinyang/example-2025.yaml"  # decided 2025-11-10: every record published
NEW = "content/xinyang/example-2026.yaml"  # in progress: proposed-winners is dated 2026-12-29
LAST = "个问题；网站未更新 | {n} problem(s); the site was not changed"

TEA_CORRECTION = """  credit_code: 91411500EXAMPLE01W
  corrections:
  - date: 2026-11-20
    field: name.zh
    was: {was}
    why:
      zh: 名称有误（示例）。
      en: The name was wrong (example).
"""

SHORT_NOTICE = """- id: proposed-winners-short
  kind: proposed_winners
  title:
    zh: 拟奖名单公示（示例，公示期过短）
    en: Proposed winners (example, too short)
  published: {day}
  working_days: 3
  objection:
    phone: 0000-00000000
"""

DEPARTURE = """  departures:
  - finding: {kind}
    why:
      zh: 因评审日程提前，公示期缩短为 3 个工作日（示例）。
      en: The evaluation was brought forward, so the publicity ran 3 working days (example).
"""


@dataclass(frozen=True)
class Said:
    status: int
    out: list[str]
    err: list[str]


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout


def commit(project: Path, message: str = "records") -> None:
    git(project, "add", "-A", "content")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", message)


def check(project: Path, *args: str) -> Said:
    """`awardsite check --today TODAY ARGS` run in the project, as a clerk runs it."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", "--today", TODAY, *args])
    finally:
        os.chdir(cwd)
        gc.unfreeze()  # check freezes what it gathered, as the command lives no longer than that
    assert "Traceback" not in err.getvalue()
    return Said(status, out.getvalue().splitlines(), err.getvalue().splitlines())


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def cut(project: Path, rel: str, start: str, end: str) -> None:
    """Remove the lines from the one starting with `start` to the one before `end`."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"(?ms)^{re.escape(start)}$.*?(?=^{re.escape(end)}$)", "", text, count=1), encoding="utf-8")


def at(project: Path, rel: str, *place) -> str:
    """Where a value stands in the file, as `path:line:column` (YAML's own reading of it)."""
    node = yaml.compose((project / rel).read_text(encoding="utf-8"))
    for part in place:
        node = node.value[part] if isinstance(node, yaml.SequenceNode) else next(v for k, v in node.value if k.value == part)
    return f"{rel}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """The real content as a git repository, committed once; not on a pull request."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.delenv("AWARDSITE_SINCE", raising=False)
    project = copy_project(tmp_path / "project", examples=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    commit(project, "the project")
    return project


def page_html(text: str) -> BeautifulSoup:
    """A rendered page's Markdown as HTML (Python-Markdown, with the extensions the headings' ids need)."""
    return BeautifulSoup(markdown.markdown(text.split("---", 2)[2], extensions=["attr_list", "md_in_html"]), "html.parser")


def refused(said: Said, *lines: str) -> None:
    assert said.status == 1, said.out
    assert said.err == [*lines, f"{len(lines)} " + LAST.format(n=len(lines))]


# ---------------------------------------------------------------- part 6: nothing is rewritten in silence

def test_a_published_winner_renamed_needs_a_correction_keeping_the_old_name(project):
    edit(project, OLD, "  name:\n    zh: 示例茶业有限公司\n", "  name:\n    zh: 示例茶叶有限公司\n")
    refused(check(project), f"{at(project, OLD, 'winners', 0, 'name', 'zh')}: winners[0].name.zh: name.zh 已于 2025-11-10 "
            "发布为“示例茶业有限公司”，不能直接改写：改动须在本记录的 corrections 中记录原文、日期与原因（field: name.zh，"
            "was: “示例茶业有限公司”，date: 更正日期，why: 中英文原因） | name.zh was published on 2025-11-10 as "
            "'示例茶业有限公司'; changing it needs a corrections entry on this record with field: name.zh, "
            "was: '示例茶业有限公司', the date and why (zh, en)")
    edit(project, OLD, "\n  credit_code: 91411500EXAMPLE01W\n", "\n" + TEA_CORRECTION.format(was="示例茶业有限公司"))
    said = check(project)
    assert said.status == 0, said.err
    assert said.out[-1].startswith("OK")


def test_a_correction_keeps_the_text_as_it_was_published(project):
    edit(project, OLD, "  name:\n    zh: 示例茶业有限公司\n", "  name:\n    zh: 示例茶叶有限公司\n")
    edit(project, OLD, "\n  credit_code: 91411500EXAMPLE01W\n", "\n" + TEA_CORRECTION.format(was="示例茶叶公司"))
    refused(check(project), f"{at(project, OLD, 'winners', 0, 'corrections', 0, 'was')}: winners[0].corrections[0].was: "
            "name.zh 于 2025-11-10 发布时为“示例茶业有限公司”；这条更正的 was 应为发布时的原文（现为“示例茶叶公司”） | "
            "name.zh was published on 2025-11-10 as '示例茶业有限公司'; this correction's was must be that text "
            "(it is '示例茶叶公司')")


def test_any_published_text_of_a_notice_is_kept_a_long_one_quoted_short(project):
    edit(project, OLD, "    zh: 关于开展2025年度信阳市市长质量奖申报工作的通知（示例）\n", "    zh: 关于开展2025年度市长质量奖申报的通知（示例）\n")
    edit(project, OLD, "example.\n  deadline: 2025-04-30", "example, revised.\n  deadline: 2025-04-30")
    refused(check(project),
            f"{at(project, OLD, 'notices', 0, 'title', 'zh')}: notices[0].title.zh: title.zh 已于 2025-03-03 发布为"
            "“关于开展2025年度信阳市市长质量奖申报工作的通知（示例）”，不能直接改写：改动须在本记录的 corrections 中记录原文、"
            "日期与原因（field: title.zh，was: “关于开展2025年度信阳市市长质量奖申报工作的通知（示例）”，date: 更正日期，why: 中英文原因）"
            " | title.zh was published on 2025-03-03 as '关于开展2025年度信阳市市长质量奖申报工作的通知（示例）'; changing it needs a "
            "corrections entry on this record with field: title.zh, was: '关于开展2025年度信阳市市长质量奖申报工作的通知（示例）', "
            "the date and why (zh, en)",
            f"{at(project, OLD, 'notices', 0, 'body', 'en')}: notices[0].body.en: body.en 已于 2025-03-03 发布为"
            "“Applicants prepare their materials following the guide and …”，不能直接改写：改动须在本记录的 corrections 中"
            "记录原文、日期与原因（field: body.en，was: 发布时的全文，date: 更正日期，why: 中英文原因） | body.en was published on "
            "2025-03-03 as 'Applicants prepare their materials following the guide and …'; changing it needs a corrections "
            "entry on this record with field: body.en, was: the whole text as published, the date and why (zh, en)")


def test_a_published_text_removed_with_its_correction_passes(project):
    edit(project, OLD, "  document: 示例〔2025〕1号\n", """  corrections:
  - date: 2026-11-20
    field: document
    was: 示例〔2025〕1号
    why:
      zh: 文号有误，已删去（示例）。
      en: The document number was wrong and is removed (example).
""")
    assert check(project).status == 0
    edit(project, OLD, "    field: document\n", "    field: kind\n")  # a field that is not text cannot be corrected
    said = check(project)
    assert said.status == 1 and (  # and the document, removed, now has no correction keeping it (the other line)
        f"{at(project, OLD, 'notices', 5, 'corrections', 0, 'field')}: notices[5].corrections[0].field: “kind”不是本记录的文字字段；"
        "可更正的字段：title.zh、title.en、document、issuer.zh、issuer.en、body.zh、body.en、period_note.zh、period_note.en、objection.office.zh、"
        "objection.office.en、objection.phone、objection.email、objection.address.zh、objection.address.en、objection.how.zh、"
        "objection.how.en | 'kind' is not a text field of this record; the fields that can be corrected: title.zh, title.en, "
        "document, issuer.zh, issuer.en, body.zh, body.en, period_note.zh, period_note.en, objection.office.zh, objection.office.en, objection.phone, "
        "objection.email, objection.address.zh, objection.address.en, objection.how.zh, objection.how.en") in said.err


@pytest.mark.parametrize("field, value", [("kind", "award_decision"), ("award", "nomination"), ("id", "xy25-tea")])
def test_only_free_text_can_be_corrected(tmp_path, field, value):
    project = copy_project(tmp_path / "project", examples=True)
    edit(project, OLD, "\n  credit_code: 91411500EXAMPLE01W\n", "\n" + TEA_CORRECTION.format(was="x").replace("field: name.zh", f"field: {field}"))
    said = check(project)
    assert said.status == 1
    assert f"winners[0].corrections[0].field: “{field}”不是本记录的文字字段；可更正的字段：name.zh、name.en、tier.zh、tier.en、sector.zh" in said.err[0]
    assert said.err[0].endswith("the fields that can be corrected: name.zh, name.en, tier.zh, tier.en, sector.zh, sector.en, "
                                "district.zh, district.en, credit_code, employer.zh, employer.en")


def test_unpublished_and_new_records_change_freely(project):
    edit(project, NEW, "    zh: 2026年度信阳市市长质量奖拟奖名单公示（示例）\n", "    zh: 2026年度信阳市市长质量奖拟授奖名单公示（示例）\n")
    edit(project, OLD, "winners:\n", "winners:\n- id: xy25-new\n  name:\n    zh: 示例新增有限公司\n  kind: organisation\n  award: nomination\n")
    said = check(project)
    assert said.status == 0, said.err
    commit(project)
    edit(project, OLD, "    zh: 示例新增有限公司\n", "    zh: 示例新增股份有限公司\n")  # committed, and published: decided 2025-11-10
    assert check(project).err[0].startswith(f"{at(project, OLD, 'winners', 0, 'name', 'zh')}: winners[0].name.zh: name.zh 已于 "
                                            "2025-11-10 发布为“示例新增有限公司”")


def test_a_published_notice_or_winner_removed_is_refused(project):
    cut(project, OLD, "- id: call", "- id: internal-publicity")
    cut(project, OLD, "- id: xy25-textile", "revocations:")
    refused(check(project),
            f"{at(project, OLD, 'notices')}: notices: 已于 2025-03-03 发布的通知“call”被删除：已发布的记录须保留；有误之处请以 "
            "corrections 更正，或发布更正通知 | the notice 'call', published on 2025-03-03, was removed: a published record stays;"
            " correct it with a corrections entry, or publish a correction notice",
            f"{at(project, OLD, 'winners')}: winners: 已于 2025-11-10 发布的获奖者“xy25-textile”被删除：已发布的记录须保留；有误之处"
            "请以 corrections 更正，或记录撤销决定（revocations） | the winner 'xy25-textile', published on 2025-11-10, was removed: "
            "a published record stays; correct it with a corrections entry, or record its revocation (revocations)")


def test_a_file_of_published_records_removed_is_refused(project):
    (project / "content/hohhot/example-2021.yaml").unlink()
    refused(check(project), "content/hohhot/example-2021.yaml:1:1: 此文件在 HEAD 中含已发布的记录（通知 decision；获奖者 hh21-dairy），"
            "现已删除：已发布的记录须保留；请恢复此文件（git checkout HEAD -- content/hohhot/example-2021.yaml），有误之处以 corrections "
            "更正，或发布更正通知、撤销决定 | this file held published records in HEAD (notices decision; winners hh21-dairy) and was "
            "removed: a published record stays; restore it (git checkout HEAD -- content/hohhot/example-2021.yaml) and correct it "
            "with corrections entries, or publish a correction notice or a revocation")


def test_an_example_leaving_the_real_project_is_no_published_record_removed(tmp_path, monkeypatch):
    """Issue 16: the examples once sat in the real content/; moving them to the demo
    project removes no record the public site published (fiction never was one)."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.delenv("AWARDSITE_SINCE", raising=False)
    project = real_project(tmp_path / "project")
    (project / "content" / "xinyang").mkdir()
    shutil.copy(ROOT / "examples" / OLD, project / OLD)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    commit(project, "an example in the real content, as before issue 16")
    (project / OLD).unlink()
    said = check(project)
    assert said.status == 0, said.err
    assert said.out[-1].startswith("OK: ")


def test_since_and_a_pull_requests_target_branch_name_the_commit_compared_with(project, monkeypatch):
    git(project, "switch", "-q", "-c", "rename")
    edit(project, OLD, "  name:\n    zh: 示例茶业有限公司\n", "  name:\n    zh: 示例茶叶有限公司\n")
    commit(project, "a rename, committed")
    assert check(project).status == 0  # HEAD holds the rename: nothing to compare
    place = f"{at(project, OLD, 'winners', 0, 'name', 'zh')}: winners[0].name.zh: name.zh 已于 2025-11-10 发布为“示例茶业有限公司”"
    assert check(project, "--since", "main").err[0].startswith(place)
    monkeypatch.setenv("AWARDSITE_SINCE", "HEAD~1")
    assert check(project).err[0].startswith(place)
    monkeypatch.delenv("AWARDSITE_SINCE")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")  # GitHub Actions on a pull request into main
    said = check(project)
    assert said.status == 2 and said.err == [
        "awardsite: GITHUB_BASE_REF=main：“origin/main”不是本仓库中的提交（CI 中请取回目标分支：actions/checkout 的 fetch-depth: 0）"
        " | GITHUB_BASE_REF=main: 'origin/main' is not a commit of this repository (in CI, fetch the target branch: "
        "fetch-depth: 0 in actions/checkout)"]
    git(project, "update-ref", "refs/remotes/origin/main", "main")  # as fetched
    assert check(project).err[0].startswith(place)
    said = check(project, "--since", "no-such-branch")
    assert said.status == 2 and said.err == [
        "awardsite: --since：“no-such-branch”不是本仓库中的提交 | --since: 'no-such-branch' is not a commit of this repository"]


def test_without_a_repository_or_a_commit_check_says_once_that_it_could_not_compare(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_BASE_REF", "main")  # as in CI: still no repository here
    project = copy_project(tmp_path / "project", examples=True)
    said = check(project)
    assert said.status == 0 and said.out[-1].startswith("OK")
    assert said.err == ["awardsite: 未能与已提交的版本比较（不是 git 仓库）；已发布记录的改动未经核对 | could not compare with "
                        "the committed version (not a git repository); changes to published records were not checked"]
    monkeypatch.delenv("GITHUB_BASE_REF")
    git(project, "init", "-q")
    assert check(project).err == ["awardsite: 未能与已提交的版本比较（还没有任何提交）；已发布记录的改动未经核对 | could not "
                                  "compare with the committed version (no commit yet); changes to published records were not checked"]


def test_an_old_name_left_standing_in_a_notice_body_is_a_finding(project):
    edit(project, OLD, "  document: 示例〔2025〕1号\n", "  document: 示例〔2025〕1号\n  body:\n    zh: 授予示例茶业有限公司市长质量奖。\n"
         "    en: The award goes to 示例茶业有限公司.\n")
    # a correction notice quotes the old name on purpose
    edit(project, OLD, "    zh: 将“示例新材料有限公”更正为“示例新材料有限公司”。\n", "    zh: 将“示例茶业有限公司”更正为“示例茶叶有限公司”。\n")
    commit(project, "the decision's text")
    edit(project, OLD, "  name:\n    zh: 示例茶业有限公司\n", "  name:\n    zh: 示例茶叶有限公司\n")
    edit(project, OLD, "\n  credit_code: 91411500EXAMPLE01W\n", "\n" + TEA_CORRECTION.format(was="示例茶业有限公司"))
    said = check(project)
    assert said.status == 0, said.err
    stale = [line for line in said.out if "old_text_standing" in line]
    assert stale == [
        f"{at(project, OLD, 'notices', 5, 'body', lang)}: [示例 example] old_text_standing: 更正前的文字仍见于正文：获奖者“xy25-tea”的 "
        "name.zh 已于 2026-11-20 更正，原文“示例茶业有限公司”仍见于通知“decision”的正文；请一并更正（在该通知的 corrections 中记录）"
        " | Corrected text still standing: winner 'xy25-tea': name.zh was corrected on 2026-11-20, but the old text "
        "'示例茶业有限公司' still stands in the body of notice 'decision'; correct it there too (with a corrections entry on that notice)"
        for lang in ("zh", "en")]
    assert said.out[-1].endswith("; 9 findings (0 in real records) / 9 项发现（真实记录 0 项）")
    assert check(project, "--strict").status == 1


def test_the_corrected_name_is_not_its_old_text_standing(tmp_path):
    """Hohhot's example corrected "示例新材料有限公" to "示例新材料有限公司": a body giving the corrected
    name holds the old text only inside the new one; a body giving the old one is found."""
    from generator.collect import gather
    from generator.corrections import stale_texts

    project = copy_project(tmp_path / "project", examples=True)
    rel = "content/hohhot/example-2025.yaml"
    edit(project, rel, "  document: 示例〔2025〕1号\n", "  document: 示例〔2025〕1号\n  body:\n    zh: 授予示例新材料有限公司等单位市长质量奖。\n"
         "    en: The award goes to 示例新材料有限公司 and others.\n")
    assert stale_texts(gather(project)) == []
    edit(project, rel, "    zh: 授予示例新材料有限公司等单位市长质量奖。\n", "    zh: 授予示例新材料有限公等单位市长质量奖。\n")
    assert [(s.place, s.winner.id, s.correction.was) for s in stale_texts(gather(project))] == [
        (("notices", 5, "body", "zh"), "hh25-materials", "示例新材料有限公")]


# ---------------------------------------------------------------- part 4: departures in new records are errors

def test_a_new_notice_shorter_than_its_regulation_is_refused(project):
    (project / NEW).write_text((project / NEW).read_text(encoding="utf-8") + SHORT_NOTICE.format(day="2026-11-16"), encoding="utf-8")
    refused(check(project),
            f"{at(project, NEW, 'notices', 3)}: notices[3]: 公示期短于规定：公示期 3 个工作日（2026-11-16 至 2026-11-18），办法规定不少于 5 个"
            "工作日（city_rules/xinyang/2022.yaml 第 22 条）。新通知不得偏离所依据的办法；确有原因的，请在此通知的 departures 中写明"
            "（finding: publicity_too_short，why: 中英文原因），原因与此项发现一并公布 | Publicity shorter than required: publicity of 3 "
            "working days (2026-11-16 to 2026-11-18); the regulation requires at least 5 (city_rules/xinyang/2022.yaml art. 22). "
            "A new notice may not depart from its regulation; where it must, say why in its departures (finding: "
            "publicity_too_short, why: zh and en), which the site publishes beside the finding")
    commit(project)  # once committed and published, it is a finding, as the example of 2025 is
    said = check(project)
    assert said.status == 0, said.err
    assert [line for line in said.out if line.startswith(f"{at(project, NEW, 'notices', 3)}: [示例 example] publicity_too_short: ")]


def test_a_notice_dated_today_or_later_is_new_even_when_committed(project):
    (project / NEW).write_text((project / NEW).read_text(encoding="utf-8") + SHORT_NOTICE.format(day=TODAY), encoding="utf-8")
    commit(project)
    said = check(project)
    assert said.status == 1 and said.err[0].startswith(f"{at(project, NEW, 'notices', 3)}: notices[3]: 公示期短于规定")
    assert check(project, "--since", "HEAD~1").status == 1


def test_an_acknowledged_departure_passes_and_the_page_gives_the_reason(project):
    (project / NEW).write_text((project / NEW).read_text(encoding="utf-8") + SHORT_NOTICE.format(day="2026-11-16")
                               + DEPARTURE.format(kind="publicity_too_short"), encoding="utf-8")
    said = check(project)
    assert said.status == 0, said.err
    assert said.out[0] == (
        f"{at(project, NEW, 'notices', 3)}: [示例 example] publicity_too_short: 公示期短于规定：公示期 3 个工作日（2026-11-16 至 "
        "2026-11-18），办法规定不少于 5 个工作日 | Publicity shorter than required: publicity of 3 working days (2026-11-16 to "
        "2026-11-18); the regulation requires at least 5 (city_rules/xinyang/2022.yaml art. 22) [已说明原因 acknowledged]")
    from generator.pipeline import outputs, prepare
    pages, _ = outputs(prepare(project, dt.date.fromisoformat(TODAY)))
    for lang, words in (("zh", "发布机构说明的原因： 因评审日程提前，公示期缩短为 3 个工作日（示例）。"),
                        ("en", "The issuing office's reason: The evaluation was brought forward, so the publicity ran 3 working days (example).")):
        item = page_html(pages[f"{lang}/notices/xinyang/example-2026/proposed-winners-short.md"]).find(id="findings").find_next("ul").li
        assert item.select_one(".finding-tag") is not None  # the reason stands in the finding's own item
        assert item.ul.li.get_text(" ", strip=True) == words


@pytest.mark.parametrize("kind, message", [
    ("publicity_too_shrt", "未知的发现类别“publicity_too_shrt”；应为 publicity_too_short, over_quota, category_absent, "
     "reapplication_in_ban, revocation_ground_unlisted, revocation_outside_window, winner_not_a_candidate, decided_during_publicity"
     " 之一；是否应为“publicity_too_short”？ | "
     "unknown kind of finding 'publicity_too_shrt'; expected one of publicity_too_short, over_quota, category_absent, "
     "reapplication_in_ban, revocation_ground_unlisted, revocation_outside_window, winner_not_a_candidate, decided_during_publicity;"
     " did you mean 'publicity_too_short'?"),
    ("over_quota", "此通知没有“over_quota”这项发现（与办法相符，或本站未收录所依据办法的全文）：请删去这条说明 | this notice has no "
     "finding 'over_quota' (it meets its regulation there, or the regulation's text is not held here): remove this entry"),
])
def test_an_acknowledgement_names_a_finding_of_its_notice(project, kind, message):
    edit(project, OLD, "  published: 2025-09-26\n  working_days: 3\n",
         "  published: 2025-09-26\n  working_days: 3\n" + DEPARTURE.format(kind=kind))
    refused(check(project), f"{at(project, OLD, 'notices', 4, 'departures', 0, 'finding')}: notices[4].departures[0].finding: {message}")


def test_a_departure_in_a_published_notice_stays_a_finding_and_changed_files_come_first(project):
    def findings(said: Said) -> list[str]:
        return [" ".join(re.match(r"(\S+): \[示例 example\] (\w+):", line).groups()) for line in said.out[:-1]
                if ": scheduled: " not in line]

    said = check(project)
    assert said.status == 0 and said.err == []
    assert f"{at(project, OLD, 'notices', 4)} publicity_too_short" in findings(said)
    assert findings(said)[0].startswith("content/baotou/")
    edit(project, "content/wuhan/example-2025.yaml", "example: true\n", "example: true  # a comment, nothing published changes\n")
    said = check(project)
    assert findings(said)[0].startswith("content/wuhan/example-2025.yaml:") and findings(said)[0].endswith(" category_absent")
    assert findings(said)[1].startswith("content/baotou/")


def test_strict_says_what_made_it_fail_instead_of_ok(project):
    said = check(project, "--strict")
    assert said.status == 1
    assert not [line for line in said.out if line.startswith("OK")]
    assert said.err == ["check --strict 未通过：7 项发现（真实记录 0 项），0 个文件格式不规范 | check --strict failed: 7 findings "
                        "(0 in real records), 0 file(s) not in the canonical layout"]


# ---------------------------------------------------------------- the guide keeps to the program

GUIDES = [Path(__file__).resolve().parent.parent / f"content/pages/publish.{lang}.md" for lang in ("zh", "en")]
PHONE_CORRECTION = """  corrections:
  - date: 2026-11-20
    field: objection.phone
    was: 0000-0000000
    why:
      zh: 异议受理电话少写一位数字（示例）。
      en: The objection telephone number was missing a digit (example).
"""


def guide_messages(project: Path, monkeypatch) -> tuple[str, str]:
    """What the guide shows `check` saying: the acceptance list's telephone, published as
    0000-0000000 and changed without its correction (as of the example's 2026-11-23); and
    the walk-through's notice of 2027-12-01 with 3 working days where Xinyang requires 5."""
    from generator.cli import main
    from test_office import CITY, CYCLE, FILE, fill

    path = project / NEW
    now = path.read_text(encoding="utf-8")
    assert now.count(PHONE_CORRECTION) == 1 and now.index("phone: 0000-00000000") < now.index(PHONE_CORRECTION)
    path.write_text(now.replace(PHONE_CORRECTION, "").replace("phone: 0000-00000000", "phone: 0000-0000000", 1), encoding="utf-8")
    commit(project, "the acceptance list as published")
    path.write_text(now.replace(PHONE_CORRECTION, ""), encoding="utf-8")  # the number put right, with no correction
    phone = check(project).err[0]
    path.write_text(now, encoding="utf-8")  # with its correction
    assert check(project).status == 0
    monkeypatch.chdir(project)
    for args in (["new", "cycle", "--city", CITY, "--cycle", CYCLE], ["new", "notice", "--city", CITY, "--cycle", CYCLE, "--kind", "proposed_winners"]):
        assert main([*args, "--today", "2027-12-01"]) == 0
    path = project / FILE
    path.write_text(fill(path.read_text(encoding="utf-8")).replace("working_days: 5", "working_days: 3"), encoding="utf-8")
    with contextlib.redirect_stderr(io.StringIO()) as err, contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", "--today", "2027-12-01"]) == 1
    gc.unfreeze()
    return phone, err.getvalue().splitlines()[0]


def test_the_guide_shows_what_check_says(project, monkeypatch):
    for said in guide_messages(project, monkeypatch):
        for guide in GUIDES:
            assert said in guide.read_text(encoding="utf-8"), (guide.name, said)
