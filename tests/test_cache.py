"""The cache of `.awardsite-cache/`: a second run reads only what changed, and says
exactly what a run without the cache says — every error, finding and position."""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from generator import cache, canonical, collect
from generator.cache import FOLDER, Documents, Layouts
from generator.collect import gather

TODAY = ("--today", "2026-11-23")
CYCLE = "content/xinyang/example-2025.yaml"
FINDING = "content/xinyang/example-2025.yaml:92:3: [示例 example] publicity_too_short:"  # the real content's own finding


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", examples=True)


def check(project: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("check", *TODAY, *args, cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


def uncached(project: Path, *args: str) -> tuple[int, str, str]:
    """`check` as it runs with no cache at all (the cache it leaves is removed too)."""
    shutil.rmtree(project / FOLDER, ignore_errors=True)
    said = check(project, *args)
    shutil.rmtree(project / FOLDER)
    return said


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_check_says_what_the_first_said(project):
    first = check(project)
    assert (project / FOLDER / "load.pickle").is_file() and (project / FOLDER / "layout.pickle").is_file()
    assert check(project) == first
    assert first[0] == 0 and any(line.startswith(FINDING) for line in first[1].splitlines())


def test_a_second_gather_parses_and_formats_nothing(project, monkeypatch):
    known, layouts = Documents(project), Layouts(project)
    fresh = gather(project, known)
    assert canonical.not_canonical(project, layouts) == []
    known.save(), layouts.save()

    def refused(*args, **kwargs):
        raise AssertionError("read again although known")

    monkeypatch.setattr(collect, "load_file", refused)
    monkeypatch.setattr(canonical, "canonical_text", refused)
    again = gather(project, Documents(project))
    assert canonical.not_canonical(project, Layouts(project)) == []
    assert again.cities == fresh.cities and again.calendar == fresh.calendar
    assert again.dimensions == fresh.dimensions and again.glossary == fresh.glossary


def test_a_document_from_the_cache_knows_every_position_the_file_gave(project):
    """Every value's and key's line and column, and every number as written, as the loader found them."""
    known = Documents(project)
    fresh = gather(project, known)
    known.save()
    again = gather(project, Documents(project))
    before = sorted(fresh.sources.values(), key=lambda doc: doc.rel)
    after = sorted(again.sources.values(), key=lambda doc: doc.rel)
    assert [doc.rel for doc in after] == [doc.rel for doc in before] and len(after) > 20
    for old, new in zip(before, after):
        assert isinstance(new, cache._KnownDocument)
        assert (new.path, new.data, new.written) == (old.path, old.data, old.written)
        assert list(new.values.items()) == list(old.values.items())
        assert list(new.keys.items()) == list(old.keys.items())


def test_an_error_made_after_a_cached_run_is_reported_where_it_is(project):
    check(project)
    edit(project, CYCLE, "kind: organisation", "kind: orgnization")
    said = check(project)
    assert said == uncached(project)
    assert said[0] == 1
    assert said[2].splitlines()[0].startswith(f"{CYCLE}:") and "orgnization" in said[2]


def test_a_finding_moves_with_its_line_after_a_cached_run(project):
    check(project)
    edit(project, CYCLE, "\ncity: xinyang\n", "\ncity: xinyang\n# a line more\n")
    said = check(project)
    assert said == uncached(project)
    lines = said[1].splitlines()
    assert any(line.startswith(FINDING.replace(":92:3:", ":93:3:")) for line in lines)
    assert not any(line.startswith(FINDING) for line in lines)


def test_a_file_put_out_of_layout_is_reported_though_its_last_version_was_canonical(project):
    check(project)
    edit(project, "content/xinyang/example-2026.yaml", "regulation: '2022'", 'regulation: "2022"')
    said = check(project)
    assert said == uncached(project)
    assert ("content/xinyang/example-2026.yaml:11:1: not_canonical: 格式不规范：请运行 awardsite fmt content/xinyang/example-2026.yaml"
            " | not in the canonical layout: run awardsite fmt content/xinyang/example-2026.yaml") in said[1].splitlines()
    assert check(project, "--strict")[0] == 1


def test_a_file_with_a_problem_is_never_stored(project):
    edit(project, CYCLE, "kind: organisation", "kind: orgnization")
    check(project)
    known = Documents(project)
    assert CYCLE not in known.table.stored and "content/xinyang/example-2026.yaml" in known.table.stored


@pytest.mark.parametrize("damage", [
    lambda raw: b"",
    lambda raw: b"not a pickle at all",
    lambda raw: raw[: len(raw) // 2],  # a run killed while writing (not possible with the swap, but disks fail)
    lambda raw: raw[:40] + bytes([raw[40] ^ 1]) + raw[41:],  # one bit flipped
    lambda raw: _signed(pickle.dumps((cache.FORMAT, "other code", {}))),
    lambda raw: _signed(b"cos\nsystem\n(S'echo owned > owned.txt'\ntR."),  # a pickle that would run a command
], ids=["empty", "garbage", "truncated", "bit-flip", "other-code", "code"])
def test_a_damaged_cache_is_ignored_and_rebuilt(project, damage):
    first = check(project)
    for name in ("load.pickle", "layout.pickle"):
        table = project / FOLDER / name
        table.write_bytes(damage(table.read_bytes()))
    assert check(project) == first
    assert not (project / "owned.txt").exists()
    assert len(Documents(project).table.stored) > 20 and len(Layouts(project).table.stored) > 10  # rebuilt


def _signed(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest() + payload


def test_a_cache_from_other_code_is_ignored(project, monkeypatch):
    check(project)
    assert Documents(project).table.stored
    monkeypatch.setattr(cache, "code_fingerprint", lambda libraries: "another version of the generator")
    assert not Documents(project).table.stored and not Layouts(project).table.stored


def test_an_unwritable_or_unreadable_cache_changes_nothing(project):
    first = uncached(project)
    (project / FOLDER).write_text("a file where the folder should be", encoding="utf-8")
    assert check(project) == first
    (project / FOLDER).unlink()
    (project / FOLDER / "load.pickle").mkdir(parents=True)  # a folder where a table should be
    assert check(project) == first


def test_library_calls_leave_no_cache(project):
    gather(project)
    canonical.not_canonical(project)
    assert not (project / FOLDER).exists()


def test_formatting_on_every_core_finds_what_one_core_finds(project, monkeypatch):
    files = [(path.relative_to(project).as_posix(), path.read_bytes()) for path in canonical.content_files(project)]
    rel = "content/xinyang/example-2026.yaml"
    raw = (project / rel).read_bytes()
    files += [(rel, raw.replace(b"\n", b"\r\n")),  # Windows line ends: canonical, as read_text reads them
              (rel, raw.replace(b"regulation: '2022'", b'regulation: "2022"')),  # out of layout at line 11
              (rel, b"\xff\xfe not UTF-8"), (rel, b"key: [unclosed\n")]  # left to check's own problems
    monkeypatch.setattr(canonical, "PARALLEL_FROM", 2)
    monkeypatch.setattr(canonical.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    every_core = canonical._departures(files)
    monkeypatch.setattr(canonical, "PARALLEL_FROM", 10**6)
    assert every_core == canonical._departures(files)
    assert every_core[-4:] == [0, 11, None, None] and set(every_core[:-4]) == {0}
