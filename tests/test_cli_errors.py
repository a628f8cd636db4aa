"""Issue 15, part 7: `fmt` and `new` never print a traceback either. A file they cannot
read gets the located, bilingual message `check` gives for it; the hostile catalogue and
the fuzzing run against them as against `check`; a city, a winner or a revocation given
wrongly on the command line gets what was probably meant.

The CLI runs in-process (`generator.cli.main`), so that hundreds of cases stay fast; an
exception would fail the test where a clerk would see a traceback."""

from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_project
from generator.cli import main
from generator.load import load_file
from generator.model import Cycle
from generator.validate import validate
from test_fuzz import FUZZ, SHORT, VALID_CYCLE, mutated, structures, yamlish
from test_hostile import CATALOGUE, DEFAULT_TARGET, case_bytes

TODAY = "2026-11-23"
BY_CASE = {entry["case"]: entry for entry in CATALOGUE}


def awardsite(project: Path, *args: str) -> tuple[int, str, str]:
    """`awardsite ARGS` run in `project` in this process: (exit status, stdout, stderr)."""
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(project)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, err: str, fmt: bool = False) -> None:
    """No traceback. `new`: exit 0, 1 (located, bilingual problems, then their count) or 2 (one
    usage line). `fmt`: exit 0 or 1, with located problems (none where a file is only not canonical).
    (A problem may run over lines where the file put a line break into a key: `check` prints it so too.)"""
    assert "Traceback" not in err, err
    assert code in ((0, 1) if fmt else (0, 1, 2)), (code, err)
    lines = err.splitlines()
    if code == 2:
        assert len(lines) == 1 and lines[0].startswith("awardsite: ") and " | " in lines[0], err
    if lines and code == 1:
        assert re.match(r"^\S+:\d+:\d+: ", lines[0]) and " | " in err, err
    if code == 1 and not fmt:
        assert re.match(r"^(\d+) 个问题；未写入任何内容 \| \1 problem\(s\); nothing was written$", lines[-1]), err


def assert_loads(path: Path, root: Path) -> None:
    """The file loads and validates as a cycle, as `check` would read it."""
    doc, problems = load_file(path, root)
    assert not problems, [str(p) for p in problems]
    assert not validate(doc, Cycle)[1], [str(p) for p in validate(doc, Cycle)[1]]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli-errors") / "project", examples=True)


@pytest.fixture
def hostile(project):
    """Put a catalogue case's bytes at a path of the project; taken away after the test."""
    placed: list[tuple[Path, bool]] = []

    def put(entry: dict, rel: str) -> Path:
        target = project / rel
        placed.append((target, not target.parent.exists()))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(case_bytes(entry))
        return target

    yield put
    for target, new_folder in placed:
        target.unlink(missing_ok=True)
        if new_folder:
            target.parent.rmdir()


@pytest.fixture
def kept(project):
    """The real cycle files `new` may write to, restored after the test."""
    files = {path: path.read_bytes() for path in (project / "content" / "xinyang").glob("*.yaml")}
    yield
    for path, data in files.items():
        path.write_bytes(data)


# ---------------------------------------------------------------- 1. fmt on a file it cannot read

UNREADABLE = ["gbk_encoded.yaml", "utf16.yaml", "utf16_without_bom.yaml", "nul_byte.yaml", "fifty_megabytes.yaml",
              "malformed_yaml.yaml", "control_character.yaml", "raw_next_line_in_title.yaml", "tab_indentation.yaml",
              "duplicate_key.yaml", "billion_laughs.yaml"]


@pytest.mark.parametrize("check_only", [False, True], ids=["fmt", "fmt-check"])
@pytest.mark.parametrize("case", UNREADABLE)
def test_fmt_gives_the_message_check_gives_for_a_file_it_cannot_read(project, hostile, case, check_only):
    entry = BY_CASE[case]
    target = hostile(entry, DEFAULT_TARGET)
    before = target.read_bytes()
    code, out, err = awardsite(project, "fmt", *(["--check"] if check_only else []), DEFAULT_TARGET)
    assert code == 1 and "Traceback" not in err, err
    assert err.splitlines() == [entry["error"]]
    assert out.splitlines() == [f"1 个文件，0 个{'需要整理' if check_only else '已整理'}，1 个有问题未整理（见上） | "
                                f"1 file(s), 0 {'to format' if check_only else 'formatted'}, 1 not formatted (see the problems above)"]
    assert target.read_bytes() == before


def test_fmt_of_all_content_reports_the_unreadable_file_and_formats_the_rest(project, hostile):
    hostile(BY_CASE["gbk_encoded.yaml"], DEFAULT_TARGET)
    other = project / "content" / "xinyang" / "example-2026.yaml"
    before = other.read_bytes()
    other.write_bytes(before.replace(b"regulation: '2022'", b'regulation: "2022"'))
    try:
        code, out, err = awardsite(project, "fmt")
        assert code == 1
        assert err.splitlines() == [BY_CASE["gbk_encoded.yaml"]["error"]]
        assert "content/xinyang/example-2026.yaml:11:1: 已整理 | formatted" in out.splitlines()
        assert other.read_bytes() == before
    finally:
        other.write_bytes(before)


# ---------------------------------------------------------------- 2. the hostile catalogue against fmt and new

@pytest.mark.parametrize("entry", CATALOGUE, ids=[entry["case"] for entry in CATALOGUE])
def test_fmt_on_every_hostile_file(project, hostile, entry):
    """fmt and fmt --check on the file where check meets it: exit 0 or 1, and a file fmt
    cannot read gets exactly check's line."""
    rel = entry.get("target", DEFAULT_TARGET)
    hostile(entry, rel)
    for args in (["fmt", "--check", rel], ["fmt", rel]):
        code, _, err = awardsite(project, *args)
        assert "Traceback" not in err and code in (0, 1), (args, code, err)
        assert err.splitlines() in ([], [entry["error"]]), (args, err)


@pytest.mark.parametrize("entry", CATALOGUE, ids=[entry["case"] for entry in CATALOGUE])
def test_new_on_every_hostile_cycle_file(project, hostile, kept, entry):
    """The case as the existing cycle file content/xinyang/9.yaml: new notice and new
    revocation in it, and a new revocation in another cycle of the city (which reads it
    for the winners). Exit 0, 1 or 2; check's message where the file cannot be used; a file
    `new` wrote still loads."""
    target = hostile(entry, "content/xinyang/9.yaml")
    commands = (["new", "notice", "--city", "xinyang", "--cycle", "9", "--kind", "proposed_winners"],
                ["new", "revocation", "--city", "xinyang", "--cycle", "9", "--winner", "w1"],
                ["new", "revocation", "--city", "xinyang", "--cycle", "example-2026", "--winner", "xy25-tea"])
    for args in commands:
        code, _, err = awardsite(project, *args, "--today", TODAY)
        assert_clean(code, err)
        if code == 1 and "target" not in entry:
            assert err.splitlines()[0] == entry["error"], (args, err)
        if code == 0:
            assert_loads(project / "content" / "xinyang" / f"{args[5]}.yaml", project)
    assert target.exists()


# ---------------------------------------------------------------- 2. fuzzing fmt and new

@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli-fuzz") / "project", examples=False, demo=True)  # its cycles are examples


FUZZ_FILE = "content/example/fuzz.yaml"
COMMANDS = (["fmt", "--check", FUZZ_FILE], ["fmt", FUZZ_FILE],
            ["new", "notice", "--city", "example", "--cycle", "fuzz", "--kind", "proposed_winners", "--today", TODAY],
            ["new", "revocation", "--city", "example", "--cycle", "fuzz", "--winner", "w1", "--today", TODAY])


def run_all(project: Path, data: bytes) -> None:
    path = project / FUZZ_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    for args in COMMANDS:
        path.write_bytes(data)
        code, _, err = awardsite(project, *args)
        assert_clean(code, err, fmt=args[0] == "fmt")
        if args[0] == "new" and code == 0:
            assert_loads(path, project)


def test_the_fuzz_seed_passes_every_command(small):
    run_all(small, VALID_CYCLE.encode())
    path = small / FUZZ_FILE
    path.write_bytes(VALID_CYCLE.encode())
    assert awardsite(small, *COMMANDS[3])[0] == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["revocations"][0]["winner"] == "w1"


@settings(FUZZ, max_examples=SHORT // 3)
@given(data=st.binary(max_size=400))
def test_fmt_and_new_never_raise_on_random_bytes(small, data):
    run_all(small, data)


@settings(FUZZ, max_examples=SHORT // 3)
@given(text=st.one_of(yamlish, mutated(VALID_CYCLE), structures.map(lambda d: yaml.safe_dump(d, allow_unicode=True))))
def test_fmt_and_new_never_raise_on_yaml_like_text(small, text):
    run_all(small, text.encode("utf-8", "surrogatepass"))


@pytest.mark.fuzz
@settings(FUZZ, max_examples=20 * SHORT)
@given(text=st.one_of(yamlish, mutated(VALID_CYCLE), structures.map(lambda d: yaml.safe_dump(d, allow_unicode=True))))
def test_long_fuzz_of_fmt_and_new(small, text):
    run_all(small, text.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- 3. a city given wrongly

@pytest.mark.parametrize("what", ["cycle", "notice"])
@pytest.mark.parametrize("typed", ["xinyan", "xinyng", "信阳", "信阳市", "Xinyang", "XINYANG"])
def test_a_near_miss_city_gets_did_you_mean(project, typed, what):
    args = ["new", what, "--city", typed, "--cycle", "example-2026" if what == "notice" else "2030"]
    code, _, err = awardsite(project, *args, *(["--kind", "proposed_winners"] if what == "notice" else []))
    assert code == 2
    assert err.splitlines() == [f"awardsite: 未知地区“{typed}”；是否应为“xinyang”（信阳市）？--city 须写地区标识（city_rules/ 下的文件夹名）"
                                f" | unknown city '{typed}'; did you mean 'xinyang' (Xinyang)? --city takes the city's id (its folder in city_rules/)"]


def test_a_city_nothing_is_near_gets_the_advice_to_add_it(project):
    """Where the ids are many, the message says where they are rather than listing them all."""
    count = sum((folder / "jurisdiction.yaml").is_file() for folder in (project / "city_rules").iterdir())
    assert count > 12
    code, _, err = awardsite(project, "new", "cycle", "--city", "qqqq", "--cycle", "2030")
    assert code == 2
    assert err.splitlines() == [f"awardsite: 未知地区“qqqq”；地区标识即 city_rules/ 下的文件夹名（共 {count} 个）（新的地区请先建立 city_rules/qqqq/jurisdiction.yaml）"
                                f" | unknown city 'qqqq'; the ids are the folders of city_rules/ ({count} of them) (add city_rules/qqqq/jurisdiction.yaml first)"]


# ---------------------------------------------------------------- 4. a winner given by name or near miss

def revoke(project: Path, winner: str, cycle: str = "example-2026") -> tuple[int, str, str]:
    return awardsite(project, "new", "revocation", "--city", "xinyang", "--cycle", cycle, "--winner", winner, "--today", TODAY)


def test_a_winner_given_by_name_gets_its_id(project, kept):
    code, _, err = revoke(project, "示例茶业有限公司")
    assert code == 2
    assert err.splitlines() == ["awardsite: “示例茶业有限公司”是获奖者 xy25-tea 的名称；请写 --winner xy25-tea"
                                " | '示例茶业有限公司' is the name of winner xy25-tea; write --winner xy25-tea"]


def test_a_name_shared_by_two_winners_gets_both_ids(project, hostile, kept):
    target = hostile(BY_CASE["revocation_of_unknown_winner.yaml"], "content/xinyang/9.yaml")
    text = target.read_text(encoding="utf-8").split("revocations:")[0]
    target.write_text(text + "winners:\n" + "".join(
        f"- {{id: {wid}, name: {{zh: 示例茶业有限公司}}, kind: organisation, award: award}}\n" for wid in ("xy9-tea", "xy9-tea-2")),
        encoding="utf-8")
    code, _, err = revoke(project, "示例茶业有限公司")
    assert code == 2
    assert err.splitlines() == ["awardsite: “示例茶业有限公司”是获奖者 xy25-tea、xy9-tea、xy9-tea-2 的名称；请写 --winner 及其中要撤销的一个"
                                " | '示例茶业有限公司' is the name of winners xy25-tea, xy9-tea, xy9-tea-2; write --winner and the one to revoke"]


@pytest.mark.parametrize("typed, meant", [("XY25-TEA", "xy25-tea"), ("xy25-te", "xy25-tea"), ("示例茶业公司", "xy25-tea"),
                                          ("示例纺织有限公", "xy25-textile")])
def test_a_near_miss_winner_gets_did_you_mean(project, kept, typed, meant):
    code, _, err = revoke(project, typed)
    assert code == 2
    line, = err.splitlines()
    assert line.startswith(f"awardsite: 本市各届没有获奖者“{typed}”；是否应为“{meant}”")
    assert f" | no winner '{typed}' in the city's cycles; did you mean '{meant}'" in line


def test_a_winner_nothing_is_near_gets_the_known_ids(project, kept):
    code, _, err = revoke(project, "nobody-at-all")
    assert code == 2
    assert err.splitlines() == ["awardsite: 本市各届没有获奖者“nobody-at-all”；现有：xy25-steel, xy25-tea, xy25-textile"
                                " | no winner 'nobody-at-all' in the city's cycles; known: xy25-steel, xy25-tea, xy25-textile"]


# ---------------------------------------------------------------- 5. one revocation per winner

def test_a_second_revocation_of_a_winner_is_refused_with_the_first_ones_place(project, kept):
    path = project / "content" / "xinyang" / "example-2026.yaml"
    before = path.read_bytes()
    code, _, err = revoke(project, "xy25-steel")
    assert code == 2
    assert err.splitlines() == ["awardsite: content/xinyang/example-2025.yaml:206:3: revocations[0]: 获奖者“xy25-steel”已有撤销决定；"
                                "同一获奖者不再添加；如需修改，请编辑这条记录 | winner 'xy25-steel' already has a revocation; "
                                "not adding another; to change it, edit this one"]
    assert path.read_bytes() == before


def test_new_revocation_twice_is_refused_the_second_time(project, kept):
    code, out, _ = revoke(project, "xy25-tea")
    assert code == 0
    written = int(out.split(":")[1])
    code, _, err = revoke(project, "xy25-tea", cycle="example-2025")
    assert code == 2
    assert err.startswith(f"awardsite: content/xinyang/example-2026.yaml:{written}:3: revocations[0]: 获奖者“xy25-tea”已有撤销决定")


# ---------------------------------------------------------------- found on the way: new kept only block lists

FLOW = """city: xinyang
cycle: "9"
title: {zh: 测试届, en: Test cycle}
regulation: "2022"
example: true
notices: [{id: call, kind: call_for_applications, title: {zh: 通知, en: Call}, published: 2025-01-05, deadline: 2025-02-05}]
winners: [{id: w1, name: {zh: 示例科技有限公司}, kind: organisation, award: award}]
revocations: []
"""


def test_new_keeps_the_entries_of_a_list_written_in_brackets(project, hostile, kept):
    """`new` used to replace the line `notices: [{…}]` with `notices:` and lose what it held."""
    target = hostile(BY_CASE["revocation_of_unknown_winner.yaml"], "content/xinyang/9.yaml")
    target.write_text(FLOW, encoding="utf-8")
    assert awardsite(project, "new", "notice", "--city", "xinyang", "--cycle", "9", "--kind", "proposed_winners", "--today", TODAY)[0] == 0
    assert revoke(project, "w1", cycle="9")[0] == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [n["id"] for n in data["notices"]] == ["call", "proposed-winners"]
    assert [w["id"] for w in data["winners"]] == ["w1"] and [r["winner"] for r in data["revocations"]] == ["w1"]
    assert_loads(target, project)


# ---------------------------------------------------------------- found on the way: a key validate.py once lost

def test_an_unknown_key_with_a_capital_gets_a_located_message(project, hostile, kept):
    target = hostile(BY_CASE["revocation_of_unknown_winner.yaml"], "content/xinyang/9.yaml")
    target.write_text(FLOW.replace("title:", "Title:", 1), encoding="utf-8")
    code, _, err = awardsite(project, "new", "notice", "--city", "xinyang", "--cycle", "9", "--kind", "proposed_winners")
    assert code == 1
    assert any(line.startswith("content/xinyang/9.yaml:3:1: Title: 未知字段“Title”") for line in err.splitlines()), err
