"""Stage 5, mkdocs: rendered pages → the static site in `site/`, swapped in whole.

The pages are written to `build/docs/` (only files whose bytes changed, so
watchers and rsync see only real changes), mkdocs builds into a fresh folder
beside `site/`, Pagefind indexes it for search, and only a build that succeeded
replaces `site/`. A failed or
killed build leaves the previous site as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import BuildError


def write_pages(pages: dict[str, str], docs: Path) -> tuple[int, int]:
    """Make `docs` hold exactly `pages`; returns (files written, files removed)."""
    written = removed = 0
    docs.mkdir(parents=True, exist_ok=True)
    for rel, content in sorted(pages.items()):
        target = docs / rel
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
        written += 1
    wanted = {docs / rel for rel in pages}
    for path in sorted(docs.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


def run_mkdocs(root: Path, out: Path, epoch: int) -> None:
    """Build the site from build/docs into `out` with `mkdocs build --strict`.

    `epoch` (seconds) stands for the build's date, so that the same input and the
    same `--today` give the same bytes (mkdocs honours SOURCE_DATE_EPOCH)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out)]
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError("mkdocs build failed / mkdocs 构建失败:\n" + (result.stderr or result.stdout).strip())
    give_each_language_its_sitemap(out)


def give_each_language_its_sitemap(out: Path) -> None:
    """Material's language switcher fetches `sitemap.xml` below the language's root;
    mkdocs writes one only at the top (mkdocs-material #6582). Put it under /en/ too."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (out / name).exists() and (out / "en").is_dir():
            shutil.copyfile(out / name, out / "en" / name)


# What Pagefind leaves out of the text it indexes, a CSS selector each.
NOT_INDEXED = (
    ".headerlink",               # the ¶ after each heading
    ".topic-grid .article",      # a comparison topic's quotes: found on their regulation pages,
    ".topic-grid .topic-article",  # so the topic page is found by its question and answers only
)


def index_for_search(out: Path) -> None:
    """Make the site's search index with Pagefind (its extended build, which segments
    Chinese): one index per language, from each page's `<html lang>`, cut into chunks a
    reader downloads only when a query needs them, in `pagefind/`. Only the text inside
    `data-pagefind-body` is indexed (site_templates/overrides/main.html), less NOT_INDEXED."""
    command = [sys.executable, "-m", "pagefind", "--site", str(out), "--silent",
               "--exclude-selectors", ", ".join(NOT_INDEXED)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError("Pagefind failed / 搜索索引生成失败:\n" + (result.stderr or result.stdout).strip())
    # Pagefind lists the languages in hash-map order, which changes from run to run; sort
    # them, so the same input gives the same bytes (everything else it writes is stable).
    entry = out / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def publish(root: Path, site: Path, epoch: int) -> None:
    """Build into a temporary folder beside `site`, then swap it in."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(site)
    fresh = Path(tempfile.mkdtemp(prefix=f".site-new-{os.getpid()}-", dir=site.parent))
    try:
        run_mkdocs(root, fresh, epoch)
        index_for_search(fresh)
        old = site.with_name(f".site-old-{os.getpid()}")
        if site.exists():
            site.rename(old)
        fresh.rename(site)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def remove_abandoned_builds(site: Path) -> list[Path]:
    """Remove the temporary folders of builds that were killed half-way (`.site-new-<pid>-…`,
    `.site-old-<pid>`), so they never accumulate; a folder whose build is still running is kept."""
    removed = []
    if not site.exists():  # killed between the two renames of the swap: put the old site back
        olds = sorted((p for p in site.parent.glob(".site-old-*") if p.is_dir() and not p.is_symlink()),
                      key=lambda p: p.stat().st_mtime)
        if olds:
            olds[-1].rename(site)
    for folder in sorted(site.parent.glob(".site-*")):
        parts = folder.name.split("-")
        if len(parts) < 3 or parts[1] not in ("new", "old") or not folder.is_dir() or folder.is_symlink():
            continue
        pid = int(parts[2]) if parts[2].isdigit() else None
        if pid is not None and pid != os.getpid() and _running(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
