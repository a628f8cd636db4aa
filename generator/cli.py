"""The `awardsite` command: check, build, merge, serve, schema, new, fmt.

Exit status: 0 success, 1 the data has problems (or a finding with --strict),
2 the command was called wrongly. Errors are printed one per line, never as a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from pathlib import Path

from .errors import AwardsiteError, BuildError, DataError, UsageError

TODAY_VARIABLE = "AWARDSITE_TODAY"
SINCE_VARIABLE = "AWARDSITE_SINCE"  # check --since: the commit to compare the records with (history.py)


def shanghai_today() -> dt.date:
    from .calendar import SHANGHAI

    return dt.datetime.now(SHANGHAI).date()


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


def command_check(root: Path, today: dt.date, strict: bool, since: str | None = None) -> int:
    from .collect import gather_with_cache
    from .corrections import stale_texts
    from .findings import FINDING_KINDS
    from .history import NotCompared, read_committed
    from .records import award_records
    from .words import load_strings

    corpus = gather_with_cache(root)
    gc.freeze()  # the records live as long as the command: the cycle collector need not walk them again
    committed = read_committed(root, since)  # the last committed version: HEAD, --since REF, a pull request's target
    compared = None if isinstance(committed, NotCompared) else committed
    found = award_records(corpus, today).findings
    strings = load_strings(root / "site_templates")
    names = {key: strings.words(kind.label) for key, kind in FINDING_KINDS.items()}
    _check_records(corpus, today, found, compared, names)
    stale = stale_texts(corpus)
    layout = _not_canonical(root)  # before anything is printed: it may start worker processes
    _say_what_was_not_compared(committed)
    changed = compared.changed if compared else frozenset()
    lines = sorted(_finding_lines(corpus, found, stale, names, strings), key=lambda pair: pair[0] not in changed)  # changed files first
    for _, line in lines:
        print(line)
    for rel, line in layout:
        print(f"{rel}:{line}:1: not_canonical: 格式不规范：请运行 awardsite fmt {rel} | "
              f"not in the canonical layout: run awardsite fmt {rel}")
    _print_scheduled(corpus, today)
    cycles = sum(len(c.cycles) for c in corpus.cities.values())
    real = sum(not f.example for f in found) + sum(not s.cycle.example for s in stale)
    if strict and (lines or layout):  # not "OK" and then exit 1: say what failed
        print(f"check --strict 未通过：{len(lines)} 项发现（真实记录 {real} 项），{len(layout)} 个文件格式不规范 | "
              f"check --strict failed: {len(lines)} findings ({real} in real records), {len(layout)} file(s) not in the "
              f"canonical layout", file=sys.stderr)
        return 1
    print(f"OK: {sum(len(c.regulations) for c in corpus.cities.values())} regulation versions, "
          f"{len(corpus.cities)} jurisdictions, {cycles} award cycles; no problems / 未发现问题"
          + (f"; {len(lines)} findings ({real} in real records) / {len(lines)} 项发现（真实记录 {real} 项）" if lines else ""))
    return 0


def command_build(root: Path, today: dt.date, site: Path, preview: bool = False, full: bool = False,
                  shard: tuple[int, int] | None = None) -> int:
    from .calendar import SHANGHAI
    from .collect import gather_with_cache
    from .incremental import inputs, plan, record
    from .links import refuse_linked_outputs
    from .pipeline import outputs, prepare
    from .site import publish, write_pages
    from .urls import NO_ADDRESS, site_url

    refuse_linked_outputs(root, site)  # before anything is written: no folder the build writes leads elsewhere
    corpus = gather_with_cache(root)
    gc.freeze()  # as in check
    pages, exports = outputs(prepare(root, today, corpus, preview))  # feeds, calendars, open data: swapped in with the pages
    files = {**pages, **exports}
    written, removed = write_pages(files, root / "build" / "docs")
    epoch = int(dt.datetime.combine(today, dt.time(12), SHANGHAI).timestamp())
    if shard is not None:
        return _build_shard(root, site, epoch, corpus, files, shard)
    built = inputs(root, files)
    rebuild = None if full else plan(root, site, built, files)  # only what changed, when the last site allows it
    publish(root, site, epoch, rebuild)
    record(root, site, built)
    if site_url(root) is None:
        print(NO_ADDRESS)
    texts = sum(not path.endswith(".md") for path in pages)  # the official texts, offered beside their pages
    how = "all built" if rebuild is None else f"{len(rebuild.files)} built again, the rest kept from the last build"
    print(f"Built {len(pages) - texts} pages and {len(exports) + texts} feed, calendar, data and source files "
          f"({written} changed, {removed} removed; {how}) into {site} as of {today}")
    return 0


def _build_shard(root: Path, site: Path, epoch: int, corpus, files: dict[str, str], shard: tuple[int, int]) -> int:
    """`build --shard K/N`: of the pages rendered, mkdocs renders only shard K's into `site`
    (generator/shards.py); no search index and no manifest: `merge` makes the one and the
    site is never built on incrementally."""
    from .incremental import Rebuild
    from .shards import parts, partition
    from .site import publish

    k, n = shard
    mine = partition(files, n, parts(corpus).shard_of)[k - 1]
    publish(root, site, epoch, Rebuild(None, frozenset(mine), theme=k == 1), search=False)
    print(f"Built shard {k}/{n}: {len(mine)} of {len(files)} pages and files into {site}")
    return 0


def command_merge(root: Path, shards: list[Path], site: Path) -> int:
    from .links import refuse_linked_outputs
    from .shards import merge
    from .site import built_languages
    from .urls import mkdocs_config

    refuse_linked_outputs(root, site)
    count = merge(shards, site, built_languages(mkdocs_config(root)))
    print(f"Merged {len(shards)} shards: {count} files, the search index made and every link checked, into {site}")
    return 0


def assemble_project(root: Path, project: str, site: Path | None) -> Path:
    """The project `root/<project>/` (the demo, `examples`) put together as a project root
    of its own (`demo.py`), where `check` and `build` then run as anywhere else."""
    from .demo import assemble
    from .links import refuse_linked_outputs
    from .load import relative

    refuse_linked_outputs(root, site)  # its site folder (demo-site/) is in this project
    assembled = assemble(root, project)
    rel = relative(assembled, root)
    print(f"awardsite: 项目 {project} 已组装于 {rel}/（{project}/content/ 加上本项目的 city_rules/、site_templates/、content/pages/、"
          f"content/calendar/）；以下路径均相对于该文件夹 | the project {project} is assembled in {rel}/ ({project}/content/ with this "
          f"project's city_rules/, site_templates/, content/pages/, content/calendar/); the paths below are from that folder",
          file=sys.stderr)
    return assembled


def command_schema(root: Path, out: Path) -> int:
    from .schema import write_schemas

    for path in write_schemas(out):
        print(f"wrote {path}")
    return 0


def command_serve(root: Path, today: dt.date, address: str, preview: bool = False) -> int:
    from .links import refuse_linked_outputs
    from .serve import serve

    refuse_linked_outputs(root, None)  # serve writes build/docs; mkdocs serves from a folder of its own
    serve(root, today, address, preview)
    return 0


# ---- office workflow: corrections, canonical layout, `new`, `fmt`

def _print_scheduled(corpus, today: dt.date) -> None:
    """Each record dated after `today`: not on the site until its day."""
    from .schedule import scheduled

    for s in scheduled(corpus, today):
        doc = corpus.source(s.cycle)
        line, column = doc.where(s.place)
        print(f"{doc.rel}:{line}:{column}: scheduled: 已排期：{s.zh}将于 {s.day} 在网站上出现（此前不显示） | "
              f"scheduled: {s.en} appears on the site on {s.day} (not before)")


def _check_records(corpus, today: dt.date, found: list, committed, names: dict) -> None:
    """Refuse, all at once: corrections that cannot stand; published texts changed without a
    correction and published records removed (where `committed`, the last committed
    version, is known); new notices that depart from their regulation without saying why."""
    from .corrections import correction_problems
    from .history import departure_problems, history_problems, new_notices

    problems = correction_problems(corpus)
    if committed is not None:
        problems += history_problems(corpus, committed, today)
    problems += departure_problems(corpus, found, new_notices(corpus, committed, today), names)
    if problems:
        raise DataError(problems)


def _say_what_was_not_compared(committed) -> None:
    """Once: that the records could not be compared with a commit (no git, no repository, no
    commit yet), or which files' committed versions could not be read."""
    from .history import NotCompared

    if isinstance(committed, NotCompared):
        print(committed, file=sys.stderr)
        return
    for rel in sorted(rel for rel, cycle in committed.before.items() if cycle is None):
        print(f"awardsite: {rel}：{committed.ref} 中的版本无法读取，未与之比较 | "
              f"{rel}: its version in {committed.ref} cannot be read; not compared", file=sys.stderr)


def _finding_lines(corpus, found: list, stale: list, names: dict, strings) -> list[tuple[str, str]]:
    """(file, line) of each finding: the departures from the regulation (acknowledged ones
    marked), then the corrected names whose old text still stands in a notice's body.
    `names`: each kind of finding's name; `strings`: the label table, for the marks."""
    from .filekinds import path_of

    def mark(key: str) -> str:  # " [示例 example]"
        said = strings.words(key)
        return f" [{said.zh} {said.en}]"

    out = []
    for f in found:
        doc = corpus.source(f.cycle)
        line, column = doc.where(f.place)
        name = names[f.kind]
        marker = mark("check.example") if f.example else ""
        known = mark("check.acknowledged") if f.acknowledged else ""
        rule = f"{path_of(f.regulation)} art. {f.cite.article}"
        out.append((doc.rel, f"{doc.rel}:{line}:{column}:{marker} {f.kind}: {name.zh}：{f.zh} | {name.en}: {f.en} ({rule}){known}"))
    stale_name = strings.words("check.old_text_standing")
    for x in stale:
        doc = corpus.source(x.cycle)
        line, column = doc.where(x.place)
        said = x.says()
        marker = mark("check.example") if x.cycle.example else ""
        out.append((doc.rel, f"{doc.rel}:{line}:{column}:{marker} old_text_standing: {stale_name.zh}：{said.zh} | {stale_name.en}: {said.en}"))
    return out


def _not_canonical(root: Path) -> list[tuple[str, int]]:
    """The content files not in the canonical layout, the ones known canonical skipped."""
    from .cache import Layouts
    from .canonical import not_canonical

    known = Layouts(root)
    found = not_canonical(root, known)
    known.save()
    return found


def command_new(root: Path, today: dt.date, args) -> int:
    from .scaffold import new_cycle, new_notice, new_revocation

    try:
        if args.what == "cycle":
            path, line = new_cycle(root, args.city, args.cycle, today)
        elif args.what == "notice":
            path, line = new_notice(root, args.city, args.cycle, args.kind, today, args.id)
        else:
            path, line = new_revocation(root, args.city, args.cycle, args.winner, today)
    except DataError as exc:  # a cycle file that cannot be used: check's messages, and nothing written
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} 个问题；未写入任何内容 | {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"{rel}:{line}: 已写入{_NEW_ZH[args.what]}；请填写“待填写”各项，然后运行 awardsite check | "
          f"wrote the new {args.what}; fill in every 'to fill in', then run awardsite check")
    return 0


_NEW_ZH = {"cycle": "新的一届", "notice": "新通知", "revocation": "撤销决定"}


def command_fmt(root: Path, files: list[str], check_only: bool) -> int:
    from ruamel.yaml.error import YAMLError

    from .canonical import content_files, format_file, round_trip_problem
    from .filekinds import kind_of
    from .load import load_file, read_bytes

    paths = [Path(f).resolve() for f in files] if files else content_files(root)
    changed, refused, problems = 0, 0, []
    for path in paths:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        kind = kind_of(rel)
        if kind is None or not kind.canonical or not path.is_file():
            raise UsageError(f"{rel} 不是项目的数据文件（content/<地区>/<届次>.yaml 等）",
                             f"{rel} is not a data file of the project (content/<city>/<cycle>.yaml and the like)")
        raw = read_bytes(path)  # None when too large: load_file says so without reading it
        _, found = load_file(path, root, raw)  # read as check reads it, so a file fmt cannot use gets check's message
        if found:
            refused += 1
            problems.extend(str(p) for p in sorted(set(found)))
            continue
        try:
            same, line = format_file(path, kind, write=not check_only, raw=raw)
        except YAMLError as exc:  # read by check's parser, refused by the round trip's
            refused += 1
            problems.append(str(round_trip_problem(rel, exc)))
            continue
        if not same:
            changed += 1
            print(f"{rel}:{line}:1: " + ("格式不规范 | not in the canonical layout" if check_only else "已整理 | formatted"))
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{len(paths)} 个文件，{changed} 个{'需要整理' if check_only else '已整理'}"
          + (f"，{refused} 个有问题未整理（见上）" if refused else "") + " | "
          f"{len(paths)} file(s), {changed} {'to format' if check_only else 'formatted'}"
          + (f", {refused} not formatted (see the problems above)" if refused else ""))
    return 1 if problems or (check_only and changed) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="awardsite", description="市长质量奖公开信息网站生成器 / Mayor's Quality Award site generator")
    sub = parser.add_subparsers(dest="command", required=True)
    today_help = f"按此日期计算（YYYY-MM-DD；默认取环境变量 {TODAY_VARIABLE} 或北京时间今天） / as of this date"
    preview_help = (f"预览该日的网站：此后日期的记录不显示，浏览器中的状态也按该日计算（默认取环境变量 {TODAY_VARIABLE} 或北京时间今天，"
                    "页面在浏览器中按读者当天重新计算） / preview the site as it will be on this date, statuses in the browser included"
                    " (default: the variable or today in Beijing, and the pages recount by the reader's clock)")

    check = sub.add_parser("check", help="检查数据 / check the data")
    check.add_argument("--today", default=os.environ.get(TODAY_VARIABLE), help=today_help)
    check.add_argument("--strict", action="store_true", help="有发现即失败 / fail on findings too")
    check.add_argument("--since", default=os.environ.get(SINCE_VARIABLE) or None, metavar="REF", help=(
        f"与此提交中的记录比较（默认：环境变量 {SINCE_VARIABLE}；拉取请求中为 origin/$GITHUB_BASE_REF；否则 HEAD） / "
        f"compare the records with this commit (default: {SINCE_VARIABLE}; on a pull request origin/$GITHUB_BASE_REF; else HEAD)"))

    build = sub.add_parser("build", help="生成网站 / build the site")
    build.add_argument("--today", default=None, help=preview_help)
    build.add_argument("--site-dir", default=None, help="输出目录（默认 site/；示例项目为 demo-site/） / output folder (default: site/; "
                                                        "for the demo project demo-site/)")
    build.add_argument("--full", action="store_true", help="全部重新生成，而不只是有改动的页面 / build every page again, "
                                                           "not only those that changed since the last build")
    build.add_argument("--shard", default=None, metavar="K/N", help=(
        "只生成第 K 个分片（共 N 个，按省份划分；不建搜索索引），再用 awardsite merge 合并 / build only shard K of N "
        "(by province; no search index), to be put together by awardsite merge"))

    merge = sub.add_parser("merge", help="合并分片 / put the shards of build --shard together")
    merge.add_argument("shards", nargs="+", help="各分片的文件夹 / the shards' folders")
    merge.add_argument("--site-dir", default=None, help="输出目录（默认 site/；示例项目为 demo-site/） / output folder (default: site/; "
                                                        "for the demo project demo-site/)")
    for command in (check, build, merge):
        command.add_argument("--project", default=None, metavar="NAME", help=(
            "改为处理该项目（如 examples：examples/content/ 中的虚构示例，组装于 build/projects/NAME/） / "
            "work on this project instead (e.g. examples: the fictional examples of examples/content/, assembled in build/projects/NAME/)"))

    serve = sub.add_parser("serve", help="本地预览 / live preview on localhost")
    serve.add_argument("--today", default=None, help=preview_help)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="地址:端口 / address:port")

    new = sub.add_parser("new", help="生成待填写的新记录 / write a skeleton to fill in")
    new.add_argument("what", choices=("cycle", "notice", "revocation"), help="新的一届、通知或撤销 / a cycle, a notice or a revocation")
    new.add_argument("--city", required=True, help="地区标识，如 xinyang / the city's id, e.g. xinyang")
    new.add_argument("--cycle", required=True, help="届次标识（文件名），如 2027 / the cycle id (the file's name), e.g. 2027")
    new.add_argument("--kind", default=None, help="通知类别（new notice） / notice kind (new notice)")
    new.add_argument("--id", default=None, help="通知标识（默认按类别） / notice id (default: from the kind)")
    new.add_argument("--winner", default=None, help="被撤销者的 winner id（new revocation） / the winner's id (new revocation)")
    new.add_argument("--today", default=os.environ.get(TODAY_VARIABLE), help=today_help)

    fmt = sub.add_parser("fmt", help="整理为规范格式 / rewrite files in the canonical layout")
    fmt.add_argument("files", nargs="*", help="文件（默认 content/ 下全部） / files (default: every file of content/)")
    fmt.add_argument("--check", action="store_true", help="只检查，不改写 / report only, change nothing")

    schema = sub.add_parser("schema", help="导出 JSON Schema / write the JSON Schema")
    schema.add_argument("--out", default=None, help="输出目录（默认 schema/） / output folder (default: schema/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = find_root(Path.cwd())
        site = None
        if args.command in ("build", "merge"):
            site = Path(args.site_dir) if args.site_dir else root / ("demo-site" if args.project else "site")
        if getattr(args, "project", None):
            root = assemble_project(root, args.project, site)
        if args.command == "check":
            return command_check(root, parse_today(args.today), args.strict, args.since)
        if args.command == "build":
            shard = None
            if args.shard is not None:
                from .shards import parse_shard
                shard = parse_shard(args.shard)
                if not args.site_dir:
                    raise UsageError("build --shard 需要 --site-dir（各分片各用一个文件夹）",
                                     "build --shard needs --site-dir (a folder for each shard)")
            return command_build(root, parse_today(args.today or os.environ.get(TODAY_VARIABLE)), site,
                                 preview=args.today is not None, full=args.full, shard=shard)
        if args.command == "merge":
            return command_merge(root, [Path(folder) for folder in args.shards], site)
        if args.command == "serve":
            return command_serve(root, parse_today(args.today or os.environ.get(TODAY_VARIABLE)), args.dev_addr, preview=args.today is not None)
        if args.command == "new":
            if args.what == "revocation" and not args.winner:
                raise UsageError("new revocation 需要 --winner", "new revocation needs --winner")
            if args.what == "notice" and not args.kind:
                from .model import NOTICE_KINDS
                raise UsageError(f"new notice 需要 --kind：{', '.join(NOTICE_KINDS)}", f"new notice needs --kind: {', '.join(NOTICE_KINDS)}")
            return command_new(root, parse_today(args.today), args)
        if args.command == "fmt":
            return command_fmt(root, args.files, args.check)
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
