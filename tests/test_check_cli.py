"""`awardsite check` tells a clerk exactly what is wrong: file:line:column, the field,
what is wrong and what would be valid, in Chinese and English; exit 1; no traceback."""

from __future__ import annotations

import shutil

import pytest

from conftest import SCENARIOS, run_cli, run_cli_process

BAD = SCENARIOS / "bad"
TARGET = "city_rules/example/2025.yaml"

EXPECTED = {
    "duplicate_key.yaml":
        f"{TARGET}:5:1: issued: 重复的键“issued”（第一次出现在第 4 行）；每个键只能写一次"
        " | duplicate key 'issued' (first at line 4); write each key once",
    "malformed_yaml.yaml":
        f"{TARGET}:4:7: YAML 语法错误：expected ',' or '}}', but got ':'"
        " | YAML syntax error: expected ',' or '}', but got ':'",
    "wrong_type.yaml":
        f"{TARGET}:5:8: draft: 应为 true 或 false，实际为 '不是' | expected true or false but received '不是'",
    "impossible_date.yaml":
        f"{TARGET}:4:9: issued: 不存在的日期“2025-02-30”；日期格式为 YYYY-MM-DD"
        " | '2025-02-30' is not a real date (day is out of range for month); write dates as YYYY-MM-DD",
    "gbk_encoded.yaml":
        f"{TARGET}:3:14: 文件不是 UTF-8 编码（可能以 GBK 保存）；请在编辑器中另存为 UTF-8"
        " | file is not UTF-8 (perhaps saved as GBK); save it as UTF-8 in your editor",
    "unknown_field.yaml":
        f"{TARGET}:4:1: isued: 未知字段“isued”；是否应为“issued”？ | unknown field 'isued'; did you mean 'issued'?",
}


def test_good_data_passes(scenario):
    result = run_cli_process("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK")


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_file_gives_one_located_bilingual_error(scenario, case):
    shutil.copy(BAD / case, scenario / TARGET)
    result = run_cli("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == EXPECTED[case]
    assert lines[-1] == "1 个问题；网站未更新 | 1 problem(s); the site was not changed"


def test_every_problem_of_a_run_is_reported(scenario):
    shutil.copy(BAD / "wrong_type.yaml", scenario / TARGET)
    shutil.copy(BAD / "impossible_date.yaml", scenario / "city_rules/example/2026.yaml")
    result = run_cli("check", cwd=scenario)
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.stderr.splitlines()[:-1]] == [
        f"{TARGET}:5:8", "city_rules/example/2026.yaml:4:9"]


def test_file_in_the_wrong_folder_is_named(scenario):
    text = (scenario / "city_rules/example/2024.yaml").read_text(encoding="utf-8")
    (scenario / "city_rules/example/2024.yaml").write_text(text.replace("city: example", "city: elsewhere"), encoding="utf-8")
    result = run_cli("check", cwd=scenario)
    assert result.returncode == 1
    assert "city_rules/example/2024.yaml:2:7: city: 文件位于 city_rules/example/，city 应为“example”" in result.stderr


def test_bad_today_is_a_usage_error(scenario):
    result = run_cli_process("check", "--today", "2026-13-01", cwd=scenario)
    assert result.returncode == 2
    assert result.stderr.strip() == ("awardsite: --today 应为 YYYY-MM-DD 格式的日期，实际为“2026-13-01”"
                                     " | --today must be a date as YYYY-MM-DD, not '2026-13-01'")


def test_today_comes_from_the_environment_when_not_given(scenario):
    result = run_cli("check", cwd=scenario, env={"AWARDSITE_TODAY": "not-a-date"})
    assert result.returncode == 2
    assert "not-a-date" in result.stderr
