"""The demo project: the fictional example cycles, built as a site of their own.

The public site (`content/`) holds real records only. The examples that show every
stage of a cycle live in a project of their own, `examples/content/<city>/`, and
`assemble(root, "examples")` puts a normal project together from them in
`build/projects/examples/`: the root's `mkdocs.yml` marked as a demo's (`extra: demo:
true`: every page then carries the demo banner, `site_templates/overrides/main.html`,
and gathering requires every cycle to be an example, `collect.py`), the root's
`city_rules/` and `site_templates/`, its hand-written pages and calendar overrides
(`content/pages/`, `content/calendar/`), and the project's `content/`. Every command
then runs on that folder as on any project: nothing downstream knows it is a demo but
the banner and that rule.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .errors import DataError, Problem, UsageError
from .filekinds import CALENDAR, PAGE
from .links import first_link, linked_sources
from .load import relative

KEPT = ("build", ".awardsite-cache")  # what a run in the assembled project made, kept for the next one
PROJECTS = Path("build") / "projects"  # where projects are assembled, under the root (ignored, as all of build/)
SHARED = ("city_rules", "site_templates")  # the root's folders every project uses as they are
SHARED_CONTENT = (PAGE.place, CALENDAR.place)  # the root's folders of content/ copied beside the project's cycles
DEMO_EXTRA = "extra:\n  demo: true\n"
_EXTRA = re.compile(r"^extra:[ \t]*(#.*)?$", re.MULTILINE)  # a top-level `extra:` mapping, in block style


def demo_config(text: str) -> str:
    """The text of a `mkdocs.yml`, marked as a demo's: `extra: demo: true` (which
    mkdocs-static-i18n keeps, merging each language's `extra` into it)."""
    found = _EXTRA.search(text)
    if found is not None:  # the root has an `extra:` of its own: add the flag to it
        return text[:found.end()] + "\n  demo: true" + text[found.end():]
    if re.search(r"^extra\s*:", text, re.MULTILINE):
        raise UsageError("mkdocs.yml 的 extra 应写成块状映射（extra: 之后换行缩进），示例项目才能加入 demo: true",
                         "mkdocs.yml's extra must be a block mapping (indented lines after extra:), so the demo can add demo: true")
    return text.rstrip("\n") + "\n\n# The demo project (generator/demo.py): fictional examples only, and every page says so.\n" + DEMO_EXTRA


def assemble(root: Path, project: str, target: Path | None = None) -> Path:
    """Put the project `root/<project>/` together as a normal project root, fresh, in
    `target` (by default `root/build/projects/<project>/`), and return it."""
    source = _project_folder(root, project)
    places = ("mkdocs.yml", *SHARED, *SHARED_CONTENT, f"{project}/content")
    problems = linked_sources(root, places)  # nothing is read through a link, as in gathering
    if target is None:
        target = root / PROJECTS / project
        problems.extend(_linked_target(root, target))
    if problems:
        raise DataError(problems)
    target.mkdir(parents=True, exist_ok=True)
    for path in target.iterdir():  # all afresh, but what the project's own runs keep (pages, manifest, cache)
        if path.name in KEPT:
            continue
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(demo_config(config), encoding="utf-8")
    for name in SHARED:
        shutil.copytree(root / name, target / name, symlinks=True)
    for place in SHARED_CONTENT:
        if (root / place).is_dir():
            shutil.copytree(root / place, target / place, symlinks=True)
    shutil.copytree(source / "content", target / "content", symlinks=True, dirs_exist_ok=True)
    return target


def _project_folder(root: Path, project: str) -> Path:
    """The project's folder, named by a plain name (no path), holding a `content/` folder."""
    folder = root / project
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", project) or not (folder / "content").is_dir():
        known = sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "content").is_dir() and p.name != "build")
        raise UsageError(f"没有项目“{project}”（含 content/ 的文件夹）；现有：{', '.join(known) or '无'}",
                         f"no project '{project}' (a folder holding content/); known: {', '.join(known) or 'none'}")
    return folder


def _linked_target(root: Path, target: Path) -> list[Problem]:
    """The folder a project is assembled in is removed and written again: refuse it, or a
    folder on the way to it, when it is a link (which would have it remove files elsewhere)."""
    link = first_link(target, root)
    if link is None:
        return []
    rel = relative(link, root)
    return [Problem(rel, 1, 1, "", f"{rel} 是符号链接，不允许：示例项目只写入项目中的普通文件夹；请删除该链接",
                    f"{rel} is a symbolic link, which is not allowed: the demo is assembled only in real folders; delete the link")]
