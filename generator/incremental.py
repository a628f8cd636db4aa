"""What an edit must rebuild, so that a clerk's one-line change is published without
building the whole site again (issue 18), and gives the bytes a full build would.

A built page's HTML is made from its own Markdown, the configuration, the theme and the
list of pages (the language switcher's alternates, the sitemap), never from another
page's text: the generator writes every list, every link and every count into the
Markdown of the page that shows it. So after a build, `build/site-manifest.json` keeps
the SHA-256 of each file the site was built from; the next build renders again:

- each page or file whose bytes changed, and each new one;
- each page that links to a removed page, or to an anchor in a changed page: mkdocs
  checks a link (the page and the anchor must exist) only on a page it renders, and a
  full build would refuse one that no longer leads anywhere;

and keeps every other file of the site as it was built. Anything else that shapes every
page — the generator's code, mkdocs.yml, the theme and its overrides, the versions of
mkdocs, its theme, plugins and Pagefind, the published address — is in the manifest's
fingerprint (the build's date is only in the sitemap, which is always made again), and a change there, a site folder that is not the one
built last (moved, replaced, removed), or no manifest makes a full build. The search
index is always made again, whole: Pagefind cannot add to an index.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .cache import code_fingerprint

MANIFEST = Path("build") / "site-manifest.json"
FORMAT = 1
# what renders the Markdown into HTML and indexes it, besides our own code
_BUILDERS = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pagefind", "Markdown", "pymdown-extensions")
# a Markdown link to another page: mkdocs resolves and checks it (`validation` in mkdocs.yml)
_PAGE_LINK = re.compile(r"\]\(([^()\s]*?\.md)(#[^()\s]*)?\)")


@dataclass(frozen=True)
class Rebuild:
    """An incremental build: the site as last built, and the files of build/docs to
    render or copy again (paths as in build/docs: `zh/…`, `en/…`). A shard of the site
    (generator/shards.py) is one with no last site, its `theme` the shard holding the
    theme's files (its assets), which are otherwise never copied again."""

    previous: Path | None
    files: frozenset[str]
    theme: bool = False


def digests(files: dict[str, str]) -> dict[str, str]:
    return {path: hashlib.sha256(text.encode("utf-8")).hexdigest() for path, text in files.items()}


def fingerprint(root: Path) -> str:
    """What every page of the site depends on besides its own Markdown."""
    from .urls import mkdocs_config

    digest = hashlib.sha256(f"{FORMAT} {os.environ.get('AWARDSITE_URL', '')}".encode())
    digest.update(code_fingerprint(()).encode())
    for name in _BUILDERS:
        digest.update(f" {name}={_version(name)}".encode())
    config_file = root / "mkdocs.yml"
    digest.update(config_file.read_bytes())
    config = mkdocs_config(root)
    theme = (config.get("theme") or {}).get("custom_dir")
    shaping = sorted((root / theme).rglob("*")) if theme else []
    shaping += [root / hook for hook in config.get("hooks") or []]
    for path in shaping:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def _site_identity(site: Path) -> list[int]:
    """The site folder as the last build left it: a build swaps in a new folder (a new inode)."""
    status = site.stat()
    return [status.st_dev, status.st_ino]


@dataclass(frozen=True)
class Inputs:
    """What a build is made from, worked out once per build: the fingerprint of what
    every page depends on, and the SHA-256 of each page and file (by its build/docs path)."""

    fingerprint: str
    files: dict[str, str]


def inputs(root: Path, files: dict[str, str]) -> Inputs:
    return Inputs(fingerprint(root), digests(files))


def plan(root: Path, site: Path, now: Inputs, files: dict[str, str]) -> Rebuild | None:
    """What to build again to turn the site last built into the site of `files` (the pages
    and exported files, by their path in build/docs, whose inputs are `now`), or None for
    a full build."""
    manifest = _read(root / MANIFEST)
    site = site.resolve()
    if (manifest is None or manifest.get("format") != FORMAT or manifest.get("site") != str(site)
            or not site.is_dir() or site.is_symlink() or manifest.get("identity") != _site_identity(site)
            or manifest.get("fingerprint") != now.fingerprint):
        return None
    before: dict[str, str] = manifest["files"]
    changed = {path for path, digest in now.files.items() if before.get(path) != digest}
    gone = before.keys() - now.files.keys()
    return Rebuild(site, frozenset(changed | linking_to(files, changed, gone)))


def linking_to(files: dict[str, str], changed: set[str], gone: set[str]) -> set[str]:
    """The pages among `files`, not changed themselves, whose links mkdocs would check
    differently now: a link to a page that is gone, or to an anchor of a changed page
    (paths as in build/docs)."""
    changed, gone = ({path for path in paths if path.endswith(".md")} for paths in (changed, gone))
    if not changed and not gone:
        return set()
    found = set()
    for path, text in files.items():
        if path.endswith(".md") and path not in changed:
            folder = posixpath.dirname(path)
            for link, anchor in _PAGE_LINK.findall(text):
                target = posixpath.normpath(posixpath.join(folder, link))
                if target in gone or (anchor and target in changed):
                    found.add(path)
                    break
    return found


def record(root: Path, site: Path, built: Inputs) -> None:
    """After a build that succeeded: what `site` was built from (as the build began, so
    code changed on disk meanwhile is not taken for the code that ran)."""
    site = site.resolve()
    manifest = {"format": FORMAT, "site": str(site), "identity": _site_identity(site),
                "fingerprint": built.fingerprint, "files": built.files}
    target = root / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    partial.replace(target)


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None
