"""Symbolic links: refused wherever the build reads or writes.

A commit can hold a symbolic link as easily as a file. One in the folders the build
reads (`content/pages/about.en.md → /etc/hostname`) would publish a file of the machine
that builds; one where it writes (`build → ~`) would have the build write its pages
there and delete every file it does not expect. So the folders the build reads are
walked without following a link, and each link in them is a located problem; the
lists of files gathering reads leave links out (`folders`, `files`); and the folders
the build writes, with their parents inside the project, are refused before anything
is written when one is a link.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError, Problem
from .load import relative

SOURCES = ("city_rules", "content", "site_templates")  # every file under them is read, or copied into the site


def linked_sources(root: Path, places: tuple[str, ...] = SOURCES) -> list[Problem]:
    """A problem for each symbolic link in the folders the build reads (`places`, paths
    from `root`: the folders themselves and those on the way to them included), found
    without following any."""
    out = []
    for name in places:
        top = root / name
        link = first_link(top, root)
        if link is not None:
            out.append(_linked(link, root))
            continue
        for folder, subfolders, names in os.walk(top):  # os.walk does not go into a linked folder
            for entry in sorted(subfolders + names):
                path = Path(folder, entry)
                if path.is_symlink():
                    out.append(_linked(path, root))
    return out


def through_link(path: Path, root: Path) -> bool:
    """Is `path`, or a folder between the project root and it, a symbolic link?"""
    return first_link(path, root) is not None


def first_link(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from the project root to `path` (itself included), if any."""
    here = root
    for part in path.relative_to(root).parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def folders(folder: Path, root: Path) -> list[Path]:
    """The folders in `folder` of the project at `root`, sorted; none in a folder reached
    through a link, and no link to a folder (`linked_sources` reports them)."""
    if not folder.is_dir() or through_link(folder, root):
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())


def files(folder: Path, pattern: str, root: Path) -> list[Path]:
    """The files in `folder` of the project at `root` matching `pattern`, sorted; none in a
    folder reached through a link, and no link (`linked_sources` reports them)."""
    if not folder.is_dir() or through_link(folder, root):
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file() and not p.is_symlink())


def _linked(path: Path, root: Path) -> Problem:
    rel = relative(path, root)
    if path.is_dir():
        return Problem(rel, 1, 1, "", f"{rel}/ 是符号链接，不允许；请改为普通文件夹",
                       f"{rel}/ is a symbolic link, which is not allowed: commit the folder itself")
    return Problem(rel, 1, 1, "", f"{rel} 是符号链接，不允许；请改为普通文件",
                   f"{rel} is a symbolic link, which is not allowed: commit the file itself")


# ---------------------------------------------------------------- where the build writes

def refuse_linked_outputs(root: Path, site: Path | None) -> None:
    """Refuse, before anything is written, output folders that are links or lead through
    one: `build/` and its docs folder (and anything in it, which the build overwrites or
    deletes), `site` (or `--site-dir`) with its parents inside the project, and the
    temporary folders beside it that the swap uses (`.site-new-…`, `.site-old-…`)."""
    docs = root / "build" / "docs"
    places = [root / "build", docs]
    if docs.is_dir() and not through_link(docs, root):
        for folder, subfolders, names in os.walk(docs):
            places.extend(Path(folder, entry) for entry in sorted(subfolders + names))
    if site is not None:
        site = Path(os.path.abspath(site))  # without resolving links: they are what is looked for
        if site.is_relative_to(root):  # the folder and each one above it, up to the project
            parts = site.relative_to(root).parts
            places.extend(root.joinpath(*parts[:i]) for i in range(1, len(parts) + 1))
        else:  # a --site-dir elsewhere: the folders above it are the caller's
            places.append(site)
        places.extend(sorted(site.parent.glob(".site-*")))
    problems = []
    for path in dict.fromkeys(places):  # in order, once each
        rel = relative(path, root)
        if path.is_symlink():
            problems.append(Problem(rel, 1, 1, "", f"{rel} 是符号链接，不允许：网站只写入项目中的普通文件夹；请删除该链接（构建会重新建立所需的文件夹）",
                                    f"{rel} is a symbolic link, which is not allowed: the build writes only into real folders; "
                                    "delete the link (the build makes the folders it needs)"))
        elif path in (root / "build", docs, site) and path.exists() and not path.is_dir():
            problems.append(Problem(rel, 1, 1, "", f"{rel} 是文件，但网站要写入同名的文件夹；请删除或改名该文件",
                                    f"{rel} is a file, where the build writes a folder of that name: delete or rename the file"))
    if problems:
        raise DataError(problems)
