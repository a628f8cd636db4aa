"""Issue 8: the catalogue of hostile and broken input. Every file of
tests/scenarios/hostile/ is dropped into a copy of the real project where its table
entry (expected.yaml) says, and `awardsite check` must give exactly the located,
bilingual line the table holds, exit 1, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import SCENARIOS, copy_project, run_cli

HOSTILE = SCENARIOS / "hostile"
CATALOGUE = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
DEFAULT_TARGET = "content/xinyang/9.yaml"


def case_bytes(entry: dict) -> bytes:
    """The case's bytes as they go into the project: re-encoded, padded (generated at run time, never committed)."""
    data = (HOSTILE / entry["case"]).read_text(encoding="utf-8").encode(entry.get("encoding", "utf-8"))
    if "pad_to" in entry:
        missing = entry["pad_to"] - len(data)
        line = b"#" * 99 + b"\n"
        data += line * (missing // len(line)) + b"#" * (missing % len(line) - 1) + b"\n"
        assert len(data) == entry["pad_to"]
    return data


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("hostile") / "project", examples=True)


def test_the_catalogue_covers_every_file_and_at_least_forty_cases():
    files = sorted(p.name for p in HOSTILE.glob("*.yaml") if p.name != "expected.yaml")
    assert sorted(entry["case"] for entry in CATALOGUE) == files
    assert len(files) >= 40


@pytest.mark.parametrize("entry", CATALOGUE, ids=[entry["case"] for entry in CATALOGUE])
def test_hostile_file_gives_its_located_bilingual_error(project, entry):
    target = project / entry.get("target", DEFAULT_TARGET)
    new_folder = not target.parent.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case_bytes(entry))
    try:
        result = run_cli("check", "--today", "2026-11-23", cwd=project)
    finally:
        target.unlink()
        if new_folder:
            target.parent.rmdir()
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    lines = result.stderr.splitlines()
    assert lines[0] == entry["error"]
    assert lines[-1] == "1 个问题；网站未更新 | 1 problem(s); the site was not changed"


def test_the_project_is_clean_between_cases(project):
    result = run_cli("check", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("key", ["zh/../../../etc/passwd.md", "en/notices/x/../../index.md", "zh//x.md", "zh/.hidden.md",
                                 "zh/notices/Bad Name.md", "/etc/x.md", "zh/x.html"])
def test_render_refuses_a_page_path_outside_the_docs_folder(key):
    from generator.errors import DataError
    from generator.render import _check_inside
    with pytest.raises(DataError) as caught:
        _check_inside(key)
    assert str(caught.value.problems[0]) == (f"{key}:1:1: 页面路径不安全：“{key}”（只能由小写字母、数字和 - 组成，且须在网站目录内）"
                                            f" | unsafe page path '{key}' (only lower-case letters, digits and '-', inside the site folder)")


def test_a_hand_written_page_with_an_unsafe_name_stops_the_build_cleanly(scenario):
    (scenario / "content" / "pages").mkdir(parents=True, exist_ok=True)
    (scenario / "content" / "pages" / "Bad Name.zh.md").write_text("# x\n", encoding="utf-8")
    result = run_cli("build", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("zh/Bad Name.md:1:1: 页面路径不安全")
    assert not (scenario / "site").exists()


class _LibyamlWithItsDepthLimit:
    """libyaml 0.2.6 and later, as PyYAML 6.0.4's wheels bundle it: it refuses deep flow nesting."""

    def __init__(self, stream):
        raise yaml.scanner.ScannerError("while increasing flow level", None, "exceeded maximum nesting depth", None)


PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "pure-python": None, "libyaml-with-limit": _LibyamlWithItsDepthLimit}


def nested(depth: int) -> str:
    """A cycle-like file whose deepest values lie `depth` levels down, three ways: flow
    sequences, flow mappings, block mappings (these capped at 60 levels: they indent)."""
    levels = min(depth, 60)
    block = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(levels - 1)) + "  " * levels + "v\n"
    return ("notes: " + "[" * depth + "]" * depth + "\n"
            + "extra: [" + "{x: " * (depth - 2) + "1" + "}" * (depth - 2) + "]\n"
            + "block:\n" + block)


# 50,000 levels is a 300 KB file: read in about a second since load._BoundedLoader keeps
# no possible key per level below its bound (its first 100 KB alone took 42 s before)
@pytest.mark.parametrize("depth", [50, 51, 200, 1500, 50_000])
def test_deep_nesting_is_reported_alike_by_every_pyyaml_build(monkeypatch, depth):
    """Which message a clerk gets must not depend on which PyYAML happens to be installed:
    with libyaml, without it, and with libyaml's own depth limit."""
    from generator import load
    messages = {}
    for name, loader in PARSERS.items():
        if name == "libyaml" and (loader is None or depth >= 1000):
            continue  # not built with libyaml here, or past libyaml's own limit (the case below covers it)
        monkeypatch.setattr(load, "_LIBYAML", loader)
        _, problems = load.load_file(Path("content/xinyang/9.yaml"), Path("."), nested(depth).encode())
        messages[name] = [str(p) for p in problems]
    assert len(set(map(tuple, messages.values()))) == 1, messages
    reported = messages["pure-python"]
    if depth <= 50:
        assert not any("nested too deeply" in m for m in reported)
    else:
        assert reported == [
            "content/xinyang/9.yaml:1:58: notes[0][0]…: 嵌套层数过多（上限 50 层） | nested too deeply (the limit is 50 levels)",
            f"content/xinyang/9.yaml:2:{9 + 4 * 49}: extra[0].x…: 嵌套层数过多（上限 50 层） | nested too deeply (the limit is 50 levels)",
            "content/xinyang/9.yaml:54:103: block.k0.k1…: 嵌套层数过多（上限 50 层） | nested too deeply (the limit is 50 levels)",
        ]
