"""The site built in shards and merged (issue 18, "beyond one machine"): when one machine
or one CI run cannot hold the national build, each of N jobs of an existing engine (a
GitHub Actions matrix, benchmarks/README.md) runs `awardsite build --shard K/N` and
`awardsite merge` puts their folders together into the site one build would have made.

A shard is a set of provinces. Every page and file of build/docs belongs to one part:
a city's pages and files (its regulations and their official texts, its guide, its
cycles' notices, its page, its winners, its feeds and calendar) to its province, a
province's pages (the lists' and the comparison's `province/<slug>` pages) to that
province, and everything else — the home page, the site-wide lists, the comparison's
own pages, the data files, the search page, the theme's files — to the national part,
which goes in shard 1. The parts come from the page registry (page_types.py, through
paths.<name>) and the provinces the pages are grouped by (paging.py), so a new kind of
page belongs where its row's path puts it: under a city's folder, or to the national part.

Each shard still renders every page's Markdown (links between shards must resolve, and
mkdocs checks them against the whole list of pages); only mkdocs' rendering is split
(incremental.Rebuild with no previous site). Pagefind, which cannot add to an index, runs
once over the merged site, and the merge checks every link and anchor across shards.
"""

from __future__ import annotations

import filecmp
import html
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import paths
from .errors import BuildError, UsageError
from .paging import provinces

NATIONAL = "national"  # the part of the pages that belongs to no province
LANGUAGES = ("zh", "en")  # the language roots of build/docs


@dataclass(frozen=True)
class Parts:
    """Which part of the site each page of build/docs belongs to: `pages`, a page's path
    under its language root → its province's slug; `folders`, a city's folders
    (regulations/<city>, notices/<city>) → its province's slug. Anything else is national."""

    pages: dict[str, str]
    folders: dict[str, str]

    def shard_of(self, path: str) -> str:
        """The part (a province's slug, or NATIONAL) that the build/docs file `path`
        (`zh/…`, `en/…`) belongs to."""
        lang, _, rel = path.partition("/")
        if lang not in LANGUAGES:
            return NATIONAL
        if rel in self.pages:
            return self.pages[rel]
        folder = posixpath.dirname(rel)
        while folder:
            if folder in self.folders:
                return self.folders[folder]
            folder = posixpath.dirname(folder)
        return NATIONAL


def parts(corpus) -> Parts:
    """The parts of the site of `corpus`: each city's pages and folders, and each
    province's pages, by the paths their rows of page_types.py give them (the exported files as the
    exports name them)."""
    pages: dict[str, str] = {}
    folders: dict[str, str] = {}
    for slug, province in provinces(corpus).items():
        for city in province.cities:
            for path in (paths.city(city), paths.guide(city), paths.city_winners(city),
                         f"feeds/{city}.rss.xml", f"feeds/{city}.atom.xml", f"calendar/{city}.ics"):  # exports.py
                pages[path] = slug
            folders[posixpath.dirname(paths.regulation(city, "-"))] = slug  # its versions, their texts and sources
            folders[posixpath.dirname(posixpath.dirname(paths.notice(city, "-", "-")))] = slug  # its cycles' notices
        for path in (paths.notices(province), paths.winners(province), paths.revocations(province)):
            pages[path] = slug
        folders[posixpath.dirname(paths.compare(province))] = slug  # its comparison and its topics
    return Parts(pages, folders)


def shard_of(path: str, corpus) -> str:
    """Which part the build/docs file `path` belongs to (a province's slug, or NATIONAL)."""
    return parts(corpus).shard_of(path)


def partition(files: Iterable[str], n: int, part_of) -> list[set[str]]:
    """`files` (build/docs paths) in `n` shards of about as many files each, a province
    never split: the national part in shard 1, then each province, the largest first (by
    slug among equals), in the shard that holds the fewest files so far (the first among
    equals). The same files give the same shards. `part_of(path)`: Parts.shard_of."""
    if n < 1:
        raise ValueError("at least one shard")
    groups: dict[str, set[str]] = {}
    for path in sorted(files):
        groups.setdefault(part_of(path), set()).add(path)
    shards: list[set[str]] = [set() for _ in range(n)]
    shards[0] |= groups.pop(NATIONAL, set())
    for _, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        smallest = min(range(n), key=lambda k: (len(shards[k]), k))
        shards[smallest] |= group
    return shards


def parse_shard(value: str) -> tuple[int, int]:
    """`K/N` → (K, N), 1 ≤ K ≤ N."""
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise UsageError(f"--shard 应为 K/N（1 ≤ K ≤ N），实际为“{value}”", f"--shard must be K/N with 1 ≤ K ≤ N, not '{value}'")
    return int(k), int(n)


# ---------------------------------------------------------------- merge

# What every shard writes whole, and must write the same: the theme's pages.
EVERY_SHARD = ("sitemap.xml", "sitemap.xml.gz", "404.html")


def merge(shards: list[Path], site: Path, languages: list[str]) -> int:
    """Put the shards' folders together into `site`, swapped in whole as `publish` does:
    refuse a file two shards wrote with different bytes; make the search index of the
    merged site; refuse a link or anchor that leads nowhere. Returns the files merged."""
    from .site import remove_abandoned_builds, swap_in

    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(site)
    fresh = Path(tempfile.mkdtemp(prefix=f".site-new-{os.getpid()}-", dir=site.parent))
    try:
        count = put_together(shards, fresh)
        index_languages(fresh, languages)
        broken = broken_links(fresh)
        if broken:
            shown = "\n".join(broken[:50]) + (f"\n… {len(broken) - 50} more / 另有 {len(broken) - 50} 处" if len(broken) > 50 else "")
            raise BuildError(f"合并后的网站有 {len(broken)} 处链接无法到达 | the merged site has {len(broken)} link(s) "
                             f"that lead nowhere:\n{shown}")
        swap_in(fresh, site)
        return count
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def put_together(shards: list[Path], out: Path) -> int:
    """Copy each shard's files into `out`; a file two shards wrote must be the same bytes."""
    written: dict[str, Path] = {}
    for shard in shards:
        if not (shard / "sitemap.xml").is_file():
            raise UsageError(f"{shard} 不是 awardsite build --shard 生成的文件夹（没有 sitemap.xml）",
                             f"{shard} is not a folder written by awardsite build --shard (it has no sitemap.xml)")
        for path in sorted(shard.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(shard).as_posix()
            if rel in written:
                if not filecmp.cmp(written[rel], path, shallow=False):
                    first = _shard_root(written[rel], rel)
                    raise BuildError(f"{rel}：分片 {first} 与 {shard} 中的内容不同，未合并 | "
                                     f"{rel}: the shards {first} and {shard} hold different bytes; not merged")
                continue
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written[rel] = path
    for name in EVERY_SHARD:
        held = [shard for shard in shards if (shard / name).is_file()]
        if len(held) != len(shards) and held:
            missing = ", ".join(str(shard) for shard in shards if shard not in held)
            raise BuildError(f"分片 {missing} 缺少 {name} | the shard(s) {missing} have no {name}")
    return len(written)


def _shard_root(path: Path, rel: str) -> Path:
    """The shard folder that holds `path` at `rel`."""
    for _ in rel.split("/"):
        path = path.parent
    return path


def index_languages(out: Path, languages: list[str]) -> None:
    """The search index of the merged site, each language's by a Pagefind of its own at the
    same time, as `build` makes it (site.build_languages_apart): the default language's
    over the site without the other languages' folders, each other one's over its folder,
    moved aside meanwhile; their files put together and their entry files joined."""
    from .site import SEARCH_ENTRY, _read_json, _write_search_entry, index_for_search

    default, *others = languages
    aside = {language: Path(tempfile.mkdtemp(prefix=f".site-new-{os.getpid()}-{language}-", dir=out.parent))
             for language in others}
    try:
        for language, folder in aside.items():
            if (out / language).is_dir():
                (out / language).rename(folder / language)
        with ThreadPoolExecutor(len(languages)) as pool:
            runs = [pool.submit(index_for_search, out)] + [
                pool.submit(index_for_search, aside[language], f"{language}/**/*.html") for language in others]
        for run in runs:
            run.result()
        entry = _read_json(out / SEARCH_ENTRY)
        for language, folder in aside.items():
            if (folder / language).is_dir():
                (folder / language).rename(out / language)
            entry["languages"].update(_read_json(folder / SEARCH_ENTRY)["languages"])
            for path in sorted((folder / "pagefind").rglob("*")):
                if path.is_file() and path.relative_to(folder).as_posix() != SEARCH_ENTRY:
                    target = out / path.relative_to(folder)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    path.replace(target)
        _write_search_entry(out, entry)
    finally:
        for language, folder in aside.items():
            if (folder / language).is_dir() and not (out / language).exists():
                (folder / language).rename(out / language)
            shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- links

# What a page links to and where its anchors are, read by regular expressions rather than
# html.parser: three times faster (a 333-city site is 1.3 GB of HTML), and the same ids and
# links on every page of the 50-city benchmark site. Comments, scripts and styles are
# skipped (a script's text may build a link), a script's own tag kept (its `src`).
_HIDDEN = re.compile(r"<!--.*?-->|(<script\b[^>]*>).*?</script\s*>|(<style\b[^>]*>).*?</style\s*>", re.S | re.I)
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src"}  # tag → the attribute that links


def ids_and_links(text: str) -> tuple[set[str], list[str]]:
    """The ids of the HTML page `text`, and the addresses it links to, in order."""
    ids, links = set(), []
    text = _HIDDEN.sub(lambda m: m.group(1) or m.group(2) or "", text)
    for tag in _TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2)
        if not attributes or ("id" not in attributes and name not in _LINKING):
            continue
        for attribute in _ATTRIBUTE.finditer(attributes):
            key = attribute.group(1).lower()
            value = next((group for group in attribute.groups()[1:] if group is not None), None)
            if not value:
                continue
            if key == "id":
                ids.add(html.unescape(value))
            elif _LINKING.get(name) == key:
                links.append(html.unescape(value))
    return ids, links


def broken_links(site: Path) -> list[str]:
    """Each link between the site's HTML pages, and to its files, that leads nowhere: to a
    file that is not there, or to an anchor its page lacks ("page: link (why)"). Links to
    another host, `mailto:` and `tel:` are not followed."""
    pages = sorted(site.rglob("*.html"))
    ids: dict[str, set[str]] = {"/" + page.relative_to(site).as_posix(): set() for page in pages}
    anchored: list[tuple[str, str, str, str]] = []  # (page, link, target page, anchor): checked once every id is known
    broken = []
    for page in pages:
        url = "/" + page.relative_to(site).as_posix()
        ids[url], links = ids_and_links(page.read_text(encoding="utf-8"))
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(url), unquote(parts.path))) if parts.path else url
            if parts.path.endswith("/") or (target not in ids and (site / target.lstrip("/")).is_dir()):
                target = posixpath.join(target, "index.html")
            if target not in ids and not (site / target.lstrip("/")).is_file():
                broken.append(f"{url}: {link} (no such file / 无此文件)")
            elif parts.fragment and target in ids:
                anchored.append((url, link, target, unquote(parts.fragment)))
    broken += [f"{url}: {link} (no such anchor / 无此锚点)" for url, link, target, anchor in anchored
               if anchor not in ids[target]]
    return broken
