"""Issue 8: the build is atomic. A build killed half-way (SIGKILL, mkdocs and all)
leaves the previous site byte for byte; the next build succeeds and clears what the
killed one left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import copy_project, run_cli
from generator.site import remove_abandoned_builds


def digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_killed_half_way_leaves_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    assert run_cli("build", "--today", "2026-11-23", cwd=project).returncode == 0
    before = digest(project / "site")

    build = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--today", "2026-11-24"], cwd=project,
                             start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        # kill once mkdocs has begun writing the new site into its temporary folder
        while not any(folder.is_dir() and any(folder.iterdir()) for folder in project.glob(".site-new-*")):
            assert build.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(build.pid, signal.SIGKILL)  # the CLI and its mkdocs child
        build.wait()
    assert build.returncode == -signal.SIGKILL
    assert digest(project / "site") == before
    assert list(project.glob(".site-new-*")), "the killed build left its folder (removed by the next build)"

    result = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not list(project.glob(".site-*")), "abandoned build folders are removed"
    assert digest(project / "site") != before  # the next day's statuses


def test_a_swap_killed_between_its_two_renames_is_undone(tmp_path):
    site = tmp_path / "site"
    old = tmp_path / ".site-old-999999999"
    old.mkdir()
    (old / "index.html").write_text("the last good site", encoding="utf-8")
    abandoned = tmp_path / ".site-new-999999999-abc"
    abandoned.mkdir()
    remove_abandoned_builds(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not abandoned.exists() and not old.exists()


def test_a_running_build_s_folder_is_kept(tmp_path):
    (tmp_path / "site").mkdir()
    running = tmp_path / f".site-new-{os.getppid()}-abc"  # a live process: pytest's parent
    running.mkdir()
    assert remove_abandoned_builds(tmp_path / "site") == []
    assert running.is_dir()
