"""The `awardsite` command: check, build, serve, schema.

Exit status: 0 success, 1 the data has problems (or a finding with --strict),
2 the command was called wrongly. Errors are printed one per line, never as a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from .errors import AwardsiteError, BuildError, DataError, UsageError

TODAY_VARIABLE = "AWARDSITE_TODAY"


def shanghai_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()


def parse_today(value: str | None) -> dt.date:
    if not value:
        return shanghai_today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today 应为 YYYY-MM-DD 格式的日期，实际为“{value}”",
                         f"--today must be a date as YYYY-MM-DD, not '{value}'") from None


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "city_rules").is_dir():
            return folder
    raise UsageError("找不到项目目录（含 mkdocs.yml 与 city_rules/ 的目录）；请在项目内运行",
                     "cannot find the project (a folder with mkdocs.yml and city_rules/); run this inside it")


def command_check(root: Path, today: dt.date, strict: bool) -> int:
    from .collect import gather
    from .derive import regulation_views
    from .findings import FINDING_KINDS, findings

    corpus = gather(root)
    regulation_views(corpus, today)
    found = findings(corpus, corpus.work_calendar())
    for f in found:
        doc = corpus.sources[id(f.cycle)]
        line, column = doc.where(f.place)
        kind = FINDING_KINDS[f.kind]
        marker = " [示例 example]" if f.example else ""
        rule = f"city_rules/{f.regulation.city}/{f.regulation.version}.yaml art. {f.cite.article}"
        print(f"{doc.rel}:{line}:{column}:{marker} {f.kind}: {kind.zh}：{f.zh} | {kind.en}: {f.en} ({rule})")
    cycles = sum(len(c.cycles) for c in corpus.cities.values())
    real = sum(not f.example for f in found)
    print(f"OK: {sum(len(c.regulations) for c in corpus.cities.values())} regulation versions, "
          f"{len(corpus.cities)} jurisdictions, {cycles} award cycles; no problems / 未发现问题"
          + (f"; {len(found)} findings ({real} in real records) / {len(found)} 项发现（真实记录 {real} 项）" if found else ""))
    return 1 if strict and found else 0


def command_build(root: Path, today: dt.date, site: Path) -> int:
    from .collect import gather
    from .exports import export_files
    from .render import render_site
    from .site import publish, write_pages

    corpus = gather(root)
    pages = render_site(corpus, today, root)
    exports = export_files(corpus, today, root)  # feeds, calendars, open data: built and swapped in with the pages
    written, removed = write_pages({**pages, **exports}, root / "build" / "docs")
    noon = dt.datetime.combine(today, dt.time(12), ZoneInfo("Asia/Shanghai"))
    publish(root, site, int(noon.timestamp()))
    print(f"Built {len(pages)} pages and {len(exports)} feed, calendar and data files "
          f"({written} changed, {removed} removed) into {site} as of {today}")
    return 0


def command_schema(root: Path, out: Path) -> int:
    from .schema import write_schemas

    for path in write_schemas(out):
        print(f"wrote {path}")
    return 0


def command_serve(root: Path, today: dt.date, address: str) -> int:
    from .serve import serve

    serve(root, today, address)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="awardsite", description="市长质量奖公开信息网站生成器 / Mayor's Quality Award site generator")
    sub = parser.add_subparsers(dest="command", required=True)
    today_help = f"按此日期计算状态（YYYY-MM-DD；默认取环境变量 {TODAY_VARIABLE} 或北京时间今天） / compute statuses as of this date"

    check = sub.add_parser("check", help="检查数据 / check the data")
    check.add_argument("--today", default=os.environ.get(TODAY_VARIABLE), help=today_help)
    check.add_argument("--strict", action="store_true", help="有发现即失败 / fail on findings too")

    build = sub.add_parser("build", help="生成网站 / build the site")
    build.add_argument("--today", default=os.environ.get(TODAY_VARIABLE), help=today_help)
    build.add_argument("--site-dir", default=None, help="输出目录（默认 site/） / output folder (default: site/)")

    serve = sub.add_parser("serve", help="本地预览 / live preview on localhost")
    serve.add_argument("--today", default=os.environ.get(TODAY_VARIABLE), help=today_help)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="地址:端口 / address:port")

    schema = sub.add_parser("schema", help="导出 JSON Schema / write the JSON Schema")
    schema.add_argument("--out", default=None, help="输出目录（默认 schema/） / output folder (default: schema/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = find_root(Path.cwd())
        if args.command == "check":
            return command_check(root, parse_today(args.today), args.strict)
        if args.command == "build":
            site = Path(args.site_dir) if args.site_dir else root / "site"
            return command_build(root, parse_today(args.today), site)
        if args.command == "serve":
            return command_serve(root, parse_today(args.today), args.dev_addr)
        return command_schema(root, Path(args.out) if args.out else root / "schema")
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} 个问题；网站未更新 | {len(exc.problems)} problem(s); the site was not changed", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"awardsite: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        print("网站未更新 | the site was not changed", file=sys.stderr)
        return 1
    except AwardsiteError as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
