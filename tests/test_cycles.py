"""Award-cycle files: each kind of bad input gives one located, bilingual error
(file:line:column: field: 中文 | English), exit 1; the real content passes, and
`check` prints the example findings without failing unless --strict."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEMO, ROOT, SCENARIOS, copy_project, real_project, run_cli
from generator.model import NOTICE_KINDS

BAD = SCENARIOS / "bad_cycles"
TARGET = "content/xinyang/9.yaml"
# the kinds of notice as a refused kind's message lists them: 'a', 'b' or 'c'
KINDS = ", ".join(repr(key) for key in list(NOTICE_KINDS)[:-1]) + f" or {list(NOTICE_KINDS)[-1]!r}"

EXPECTED = {
    "end_disagrees_with_count.yaml":
        f"{TARGET}:13:8: notices[0].end: end 为 2025-10-01，但自 2025-09-26 起 5 个工作日截至 2025-10-09；请核对其一"
        " | end is 2025-10-01, but 5 working days from 2025-09-26 end on 2025-10-09; correct one of them",
    "end_before_published.yaml":
        f"{TARGET}:12:8: notices[0].end: end 2025-09-20 早于发布日期 2025-09-26 | end 2025-09-20 is before the publication date 2025-09-26",
    "bad_credit_code.yaml":
        f"{TARGET}:12:16: winners[0].credit_code: 统一社会信用代码“91411500EXAMPLE01X”无效（校验不符）；请按营业执照核对"
        " | '91411500EXAMPLE01X' is not a valid unified social credit code (the number's checksum or check digit is invalid);"
        " copy it from the business licence",
    "unknown_winner.yaml":
        f"{TARGET}:8:11: revocations[0].winner: 找不到获奖者“no-such-winner”（本市各届均无此 id） | no winner 'no-such-winner' in any of the city's cycles",
    "unknown_regulation.yaml":
        f"{TARGET}:5:13: regulation: 找不到办法版本“2020”；现有版本：2009, 2022；未收录时写 null"
        " | no regulation version '2020'; versions here: 2009, 2022; write null if it is not held",
    "duplicate_winner_id.yaml":
        "content/xinyang/example-2025.yaml:169:7: winners[0].id: winner id“xy25-tea”重复（已用于 content/xinyang/9.yaml）；同一单位再次获奖请用新的 id"
        " | duplicate winner id 'xy25-tea' (already used in content/xinyang/9.yaml); a second award needs its own id",
    "publicity_without_objection.yaml":
        f"{TARGET}:8:3: notices[0]: 公示须写明异议受理方式（objection） | a publicity notice needs its objection contact (objection)",
    "real_notice_without_source.yaml":
        f"{TARGET}:8:3: notices[0]: 缺少 source_url：真实记录须注明来源 | source_url is missing: a real record needs its source",
    "unknown_notice_kind.yaml":
        f"{TARGET}:9:9: notices[0].kind: 应为以下之一：{KINDS}，实际为 'call_for_aplications'；"
        f"是否应为“call_for_applications”？ | expected one of {KINDS} but received 'call_for_aplications';"
        " did you mean 'call_for_applications'?",
}


# The cases that are real cycles (no `example: true`): checked in a real project, as the
# demo holds examples only. The others are examples, beside the demo's.
REAL = {"real_notice_without_source.yaml"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("cycles") / "project", examples=True)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return real_project(tmp_path_factory.mktemp("cycles-real") / "project")


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_cycle_file_gives_one_located_bilingual_error(project, real, case):
    if case in REAL:
        project = real
    (project / TARGET).parent.mkdir(exist_ok=True)
    shutil.copy(BAD / case, project / TARGET)
    try:
        result = run_cli("check", "--today", "2026-11-23", cwd=project)
    finally:
        (project / TARGET).unlink()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == EXPECTED[case]
    assert lines[-1] == "1 个问题；网站未更新 | 1 problem(s); the site was not changed"


def test_every_bad_scenario_is_tested():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


def test_check_prints_example_findings_and_fails_only_when_strict(project):
    result = run_cli("check", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 0, result.stderr
    findings = [line for line in result.stdout.splitlines() if not line.startswith("OK") and ": scheduled: " not in line]
    assert findings and all(" [示例 example] " in line for line in findings)
    assert "(0 in real records)" in result.stdout
    strict = run_cli("check", "--strict", "--today", "2026-11-23", cwd=project)
    assert strict.returncode == 1


def test_content_files_point_editors_at_the_cycle_schema():
    from generator.filekinds import CALENDAR, CYCLE, kind_of

    for project in (ROOT, ROOT / "examples"):
        for path in sorted((project / "content").glob("*/*.yaml")):
            kind = kind_of(path.relative_to(project).as_posix())
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert kind in (CALENDAR, CYCLE) and first == kind.schema_line, path


def test_example_records_use_fictional_names_only():
    from generator.collect import gather
    for city in gather(DEMO).cities.values():
        for cycle in city.cycles:
            assert cycle.example
            assert cycle.cycle.startswith("example-"), cycle.cycle
            for winner in cycle.winners:
                assert "示例" in winner.name.zh, winner.name.zh


def test_real_records_cite_their_sources():
    from generator.collect import gather
    for city in gather(ROOT).cities.values():  # the real records (content/): written for their property, whatever they are
        for cycle in city.cycles:
            assert not cycle.example
            assert all(n.source_url for n in cycle.notices), cycle.cycle
            assert all(w.credit_code is None and w.sector is None and w.district is None for w in cycle.winners)
