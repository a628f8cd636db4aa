"""`awardsite serve`: the site as the public will see it, rebuilt as files change.

mkdocs' own server watches the source folders; before each rebuild a hook runs
load → derive → render into build/docs. Bad data prints its problems and keeps
the last good pages on screen.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from .errors import DataError

_state: dict = {}


def regenerate() -> None:
    from .pipeline import outputs, prepare  # gathers with the cache: only the file just saved is parsed again
    from .site import write_pages

    root, today, preview = _state["root"], _state["today"], _state["preview"]
    try:
        pages, exports = outputs(prepare(root, today, preview=preview), parallel=False)  # as build does, in this one process
        write_pages({**pages, **exports}, root / "build" / "docs")
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("数据有误，显示的是上一次正确的页面 | data has problems; showing the last good pages", file=sys.stderr)


def serve(root: Path, today: dt.date, address: str, preview: bool = False) -> None:
    _state.update(root=root, today=today, preview=preview)
    regenerate()
    mkdocs_serve(
        config_file=str(root / "mkdocs.yml"),
        dev_addr=address,
        livereload=True,
        watch=[str(root / "city_rules"), str(root / "content"), str(root / "site_templates")],
        hooks=[str(Path(__file__).with_name("serve_hook.py"))],
    )
