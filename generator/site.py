"""Stage 5, mkdocs: rendered pages → the static site in `site/`, swapped in whole.

The pages are written to `build/docs/` (only files whose bytes changed, so
watchers and rsync see only real changes), mkdocs builds into a fresh folder
beside `site/`, Pagefind indexes it for search, and only a build that succeeded
replaces `site/`. A failed or killed build leaves the previous site as it was.

Each language is built by an mkdocs process of its own and then indexed by a
Pagefind of its own, the languages at the same time (one on each core), and put
together into the bytes that one mkdocs process building the languages one after
the other, and one Pagefind, would have written (`build_languages_apart`).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import BuildError
from .incremental import Rebuild
from .urls import mkdocs_config


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


def run_mkdocs(root: Path, out: Path, epoch: int, parallel: bool = True, search: bool = False,
               rebuild: Rebuild | None = None) -> dict[str, float]:
    """Build the site from build/docs into `out` with `mkdocs build --strict`, and with
    `search` its search index (`index_for_search`): each language in processes of its
    own, at the same time (`parallel`: its mkdocs, then its Pagefind), or all of them in
    one mkdocs process, one after the other, as mkdocs-static-i18n does by itself, then
    one Pagefind. The two give the same bytes (tests/test_parallel_build.py). Returns
    the seconds each step took ("mkdocs zh", "Pagefind zh", …; "mkdocs", "Pagefind").

    `epoch` (seconds) stands for the build's date, so that the same input and the
    same `--today` give the same bytes (mkdocs honours SOURCE_DATE_EPOCH).

    `rebuild` (generator/incremental.py): render only the files it lists and keep the
    rest of the last site; the languages are then built apart, whatever `parallel`."""
    try:
        config = mkdocs_config(root)
    except Exception:  # whatever mkdocs.yml's problem, mkdocs reports it, below, as it reads the file
        config = {}
    languages = built_languages(config)
    if (parallel or rebuild) and len(languages) > 1:
        seconds = build_languages_apart(root, out, epoch, config, languages, search, rebuild)
    else:
        seconds = {"mkdocs": _timed(_mkdocs, root, out, epoch, ["--config-file", str(root / "mkdocs.yml")])}
        if search:
            seconds["Pagefind"] = _timed(index_for_search, out)
    give_each_language_its_sitemap(out)
    return seconds


def _timed(step, *args) -> float:
    start = time.perf_counter()
    step(*args)
    return time.perf_counter() - start


def _mkdocs(root: Path, out: Path, epoch: int, config: list[str], stdin: str | None = None,
            language: str | None = None, listed: Path | None = None, theme: bool = False) -> None:
    """`listed`: the file naming the files to build again (language_hook.py), or None for
    all; `theme`: with it, copy the theme's files too."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty" if listed else "--clean", *config,
               "--site-dir", str(out)]
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    if language is not None:
        env["AWARDSITE_LANGUAGE"] = language
    if listed is not None:
        env["AWARDSITE_REBUILD"] = str(listed)
        if theme:
            env["AWARDSITE_REBUILD_THEME"] = "1"
    result = subprocess.run(command, cwd=root, env=env, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError("mkdocs build failed / mkdocs 构建失败:\n" + (result.stderr or result.stdout).strip())


def built_languages(config: dict) -> list[str]:
    """The languages mkdocs-static-i18n builds, in its order: the default language, then
    the others as listed; none if the plugin is not in `config`."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = [lang for lang in plugin["i18n"].get("languages") or [] if lang.get("build", True)]
            default = [lang["locale"] for lang in languages if lang.get("default")]
            return default + [lang["locale"] for lang in languages if lang["locale"] not in default]
    return []


# What a language's build writes outside its folder that is not the same in every
# language's: the sitemap lists the pages of the languages built so far; Pagefind's
# entry file lists the languages it indexed.
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
SEARCH_ENTRY = "pagefind/pagefind-entry.json"


def build_languages_apart(root: Path, out: Path, epoch: int, config: dict, languages: list[str],
                          search: bool, rebuild: Rebuild | None = None) -> dict[str, float]:
    """Build each language in processes of its own (mkdocs with generator/language_hook.py,
    then Pagefind on its pages), at the same time, then put them together as one process
    would have left them: the default language in `out`, each other one's folder (`en/`)
    moved in beside it. What a language's build writes outside its folder (the theme's
    assets, 404.html; Pagefind's scripts and the language's index files) is written over
    the earlier language's, as in one process, where the languages are built one after
    the other into one folder; the sitemap, which there lists the pages of every
    language built so far, is the languages' sitemaps joined; Pagefind's entry file lists
    every language's index.

    With `rebuild`, each language's folder starts as hard links to its part of the last
    site (its search index aside, which is made again whole), and its mkdocs renders only
    the files listed (language_hook.py)."""
    hooks = [*(config.get("hooks") or []), str(Path(__file__).with_name("language_hook.py"))]
    child = json.dumps({"INHERIT": str((root / "mkdocs.yml").resolve()), "hooks": hooks})  # JSON is YAML
    default, *others = languages
    folders = {default: out}
    failed = threading.Event()

    def build(language: str) -> dict[str, float]:
        folder = folders[language]
        try:
            seconds = {f"mkdocs {language}": _timed(_mkdocs, root, folder, epoch, ["--config-file", "-"], child, language,
                                                    listed, rebuild is not None and rebuild.theme)}
            if search and not failed.is_set():  # no index for a build that has failed already
                pages = None if language == default else f"{language}/**/*.html"  # the default's folder holds its own only
                seconds[f"Pagefind {language}"] = _timed(index_for_search, folder, pages)
            return seconds
        except BaseException:
            failed.set()
            raise

    listed = listing = None
    try:
        for language in others:  # beside `out`, named as publish's folders, so a killed build's are removed
            folders[language] = Path(tempfile.mkdtemp(prefix=f".site-new-{os.getpid()}-{language}-", dir=out.parent))
        if rebuild is not None:
            listing = Path(tempfile.mkdtemp(prefix=f".site-new-{os.getpid()}-list-", dir=out.parent))
            listed = listing / "rebuild.txt"
            listed.write_text("".join(f"{path}\n" for path in sorted(rebuild.files)), encoding="utf-8")
            if rebuild.previous is not None:  # a shard starts from nothing
                link_last_site(rebuild.previous, folders, default)
        with ThreadPoolExecutor(len(languages)) as pool:
            runs = [pool.submit(build, language) for language in languages]
        seconds = {}
        for run in runs:  # the first language's failure, as one process would have stopped there
            seconds.update(run.result())
        sitemaps = [(out / "sitemap.xml").read_text(encoding="utf-8")] if (out / "sitemap.xml").exists() else []
        entries = [_read_json(out / SEARCH_ENTRY)] if search else []
        for language in others:
            folder = folders[language]
            if (folder / language).is_dir():
                (folder / language).rename(out / language)
            if (folder / "sitemap.xml").exists():
                sitemaps.append((folder / "sitemap.xml").read_text(encoding="utf-8"))
            if search:
                entries.append(_read_json(folder / SEARCH_ENTRY))
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.relative_to(folder).as_posix() not in (*SITEMAPS, SEARCH_ENTRY):
                    target = out / path.relative_to(folder)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    path.replace(target)
        if len(sitemaps) > 1:
            write_sitemap(out, join_sitemaps(sitemaps))
        if search:
            entry = entries[0]
            for other in entries[1:]:
                entry["languages"].update(other["languages"])
            _write_search_entry(out, entry)
        return seconds
    finally:
        for folder in [*folders.values(), listing]:
            if folder not in (out, None):
                shutil.rmtree(folder, ignore_errors=True)


def link_last_site(last: Path, folders: dict[str, Path], default: str) -> None:
    """Fill each language's folder with hard links to its files in the last site: the
    default language's folder with everything but the other languages' folders and the
    search index, each other language's with its folder."""
    others = {language: folder for language, folder in folders.items() if language != default}
    for path in sorted(last.rglob("*")):
        rel = path.relative_to(last)
        if not path.is_file() or path.is_symlink() or rel.parts[0] == "pagefind":
            continue
        folder = others.get(rel.parts[0], folders[default]) if len(rel.parts) > 1 else folders[default]
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)


def join_sitemaps(texts: list[str]) -> str:
    """One sitemap listing the `<url>`s of each, in order: the first one's head and tail."""
    def cut(text: str) -> tuple[int, int]:
        opening = text.index(">", text.index("<urlset")) + 1
        closing = len(text[:text.rindex("</urlset>")].rstrip())
        return opening, closing

    first, end = texts[0], cut(texts[0])[1]
    return first[:end] + "".join(text[slice(*cut(text))] for text in texts[1:]) + first[end:]


def write_sitemap(out: Path, text: str) -> None:
    """Write sitemap.xml and sitemap.xml.gz as mkdocs does, with the time its own `.gz` carries."""
    data = text.encode("utf-8")
    gz_path = out / "sitemap.xml.gz"
    mtime = struct.unpack("<I", gz_path.read_bytes()[4:8])[0]
    (out / "sitemap.xml").write_bytes(data)
    with open(gz_path, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz_path), mode="wb", mtime=mtime) as gz:
        gz.write(data)


def give_each_language_its_sitemap(out: Path) -> None:
    """Material's language switcher fetches `sitemap.xml` below the language's root;
    mkdocs writes one only at the top (mkdocs-material #6582). Put it under /en/ too."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (out / name).exists() and (out / "en").is_dir():
            (out / "en" / name).unlink(missing_ok=True)  # a link to the last site's, in an incremental build
            shutil.copyfile(out / name, out / "en" / name)


# What Pagefind leaves out of the text it indexes, a CSS selector each.
NOT_INDEXED = (
    ".headerlink",               # the ¶ after each heading
    ".topic-grid .article",      # a comparison topic's quotes: found on their regulation pages,
    ".topic-grid .topic-article",  # so the topic page is found by its question and answers only
)


def index_for_search(out: Path, pages: str | None = None) -> None:
    """Make the site's search index with Pagefind (its extended build, which segments
    Chinese): one index per language, from each page's `<html lang>`, cut into chunks a
    reader downloads only when a query needs them, in `pagefind/`. Only the text inside
    `data-pagefind-body` is indexed (site_templates/overrides/main.html), less NOT_INDEXED.
    `pages`: a glob of the pages to index (all by default)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(out), "--silent",
               "--exclude-selectors", ", ".join(NOT_INDEXED), *(["--glob", pages] if pages else [])]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError("Pagefind failed / 搜索索引生成失败:\n" + (result.stderr or result.stdout).strip())
    _write_search_entry(out, _read_json(out / SEARCH_ENTRY))


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_search_entry(out: Path, data: dict) -> None:
    """Pagefind lists the languages in hash-map order, which changes from run to run; sort
    them, so the same input gives the same bytes (everything else it writes is stable)."""
    data["languages"] = dict(sorted(data["languages"].items()))
    (out / SEARCH_ENTRY).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def publish(root: Path, site: Path, epoch: int, rebuild: Rebuild | None = None, search: bool = True) -> None:
    """Build into a temporary folder beside `site`, then swap it in; with `rebuild`,
    only what it lists is built again (generator/incremental.py); without `search`, no
    search index (a shard's: the merge makes it, generator/shards.py)."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(site)
    fresh = Path(tempfile.mkdtemp(prefix=f".site-new-{os.getpid()}-", dir=site.parent))
    try:
        run_mkdocs(root, fresh, epoch, search=search, rebuild=rebuild)
        swap_in(fresh, site)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def swap_in(fresh: Path, site: Path) -> None:
    """Put the finished folder `fresh` in the place of `site` (two renames; a build killed
    between them is put right by the next one, remove_abandoned_builds)."""
    old = site.with_name(f".site-old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)


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
