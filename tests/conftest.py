"""Shared helpers: the repository's paths, scenario projects, and running the CLI."""

from __future__ import annotations

import atexit
import fcntl
import gc
import io
import locale
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import pytest

from browsing import MOUNT, serve_folder
from generator.cli import main
from generator.demo import assemble, demo_config

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = Path(__file__).resolve().parent / "scenarios"

# The demo project (examples/content/: the fictional example cycles every stage of the
# site is tested on), assembled once per test run where a test reads a project in
# process (gather, prepare) rather than copying one to change.
DEMO = assemble(ROOT, "examples", Path(tempfile.mkdtemp(prefix="awardsite-demo-")) / "project")
atexit.register(shutil.rmtree, DEMO.parent, True)


# The address a published build says it lives at (feeds, calendars, data files,
# canonical links, sitemap). Deliberately not where the tests serve the site: pages must
# not depend on it.
PUBLISHED_URL = "https://awards.example.org/quality/"


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `awardsite ARGS` as a clerk would, in `cwd` (with `env` added to the environment;
    without an AWARDSITE_URL of the caller's, as the README's `make site` runs it), in this
    process: `generator.cli.main` with what a process would see and give back (`in_a_process`).
    The process costs a second of imports each time; `run_cli_process` runs a real one, for
    the few tests of the installed command itself."""
    with in_a_process(cwd, env) as finished:
        try:
            finished.returncode = main(list(args))
        except SystemExit as exc:  # argparse's usage errors, --help
            finished.returncode = _exit_status(exc.code)
        except Exception:  # as the interpreter would say it, and the status it would exit with
            traceback.print_exc()
            finished.returncode = 1
    return subprocess.CompletedProcess(["awardsite", *args], finished.returncode, finished.stdout, finished.stderr)


def run_cli_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`run_cli` in a process of its own (`python -m generator.cli`), as the installed command runs."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=_environment(env),
                          capture_output=True, text=True, timeout=600)


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    clean = {name: value for name, value in os.environ.items() if name != "AWARDSITE_URL"}
    return {**clean, **(env or {})}


# The warning filters a Python process starts with (no -W, no PYTHONWARNINGS): what it
# prints on its stderr, where pytest's own filters would record the warning instead.
PROCESS_WARNINGS = [("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
                    ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""), ("ignore", ResourceWarning, "")]


@contextmanager
def in_a_process(cwd: Path, env: dict[str, str] | None):
    """What a child process of the CLI would have, for the time of the block: `cwd` as its
    folder, the environment of `_environment`, a stdout and a stderr that encode as a pipe's
    do (strict UTF-8; stderr backslash-escapes what it cannot encode), a process's warning
    filters; then everything as it was. Yields a SimpleNamespace whose stdout and stderr
    are set, decoded as `subprocess.run(text=True)` decodes them, when the block ends."""
    encoding = locale.getpreferredencoding(False)
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding=encoding, errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding=encoding, errors="backslashreplace", write_through=True)
    finished = SimpleNamespace(returncode=None, stdout="", stderr="")
    environ, here = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(_environment(env))
    os.chdir(cwd)
    try:
        with warnings.catch_warnings(), redirect_stdout(stdout), redirect_stderr(stderr):
            warnings.resetwarnings()
            warnings.showwarning = warnings._showwarning_orig  # to sys.stderr, as a process shows them
            for action, category, module in reversed(PROCESS_WARNINGS):
                warnings.filterwarnings(action, category=category, module=module)
            yield finished
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(environ)
        gc.unfreeze()  # check and build freeze what they gathered, for a process that then ends
    finished.stdout, finished.stderr = (_as_text(stream, buffer, encoding) for stream, buffer in ((stdout, out), (stderr, err)))


def _as_text(stream: io.TextIOWrapper, buffer: io.BytesIO, encoding: str) -> str:
    stream.flush()
    return buffer.getvalue().decode(encoding).replace("\r\n", "\n").replace("\r", "\n")  # as subprocess's text mode


def _exit_status(code) -> int:
    """The status a process exits with for `sys.exit(code)` (a message is printed, as the interpreter prints it)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def copy_project(target: Path, *, examples: bool, demo: bool | None = None) -> Path:
    """A working copy of a project: the repository's templates, tables and config, with
    either the demo's example cycles (`examples/content/`, assembled as `awardsite build
    --project examples` assembles them: generator/demo.py) or the small valid scenario.
    `demo` (by default: with the examples) marks its mkdocs.yml as the demo's, where every
    cycle must be an example; without it the project is a real one, where none may be."""
    demo = examples if demo is None else demo
    if examples:
        assemble(ROOT, "examples", target)
        if not demo:
            shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
        return target
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(demo_config(config) if demo else config, encoding="utf-8")
    shutil.copytree(ROOT / "site_templates", target / "site_templates")
    shutil.copytree(SCENARIOS / "valid", target, dirs_exist_ok=True)
    for table in ("dimensions.yaml", "glossary.yaml"):
        shutil.copy(ROOT / "city_rules" / table, target / "city_rules" / table)
    return target


def real_project(target: Path) -> Path:
    """The project as the public site has it — the repository's mkdocs.yml, templates,
    regulations, hand-written pages and calendar — with no award cycle: the real records,
    which other work adds to every day, are left out, and a test adds the cycles it needs."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("site_templates", "city_rules", "content/pages", "content/calendar"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """The small valid scenario project (one fictional city, metadata only)."""
    return copy_project(tmp_path / "project", examples=False)


@pytest.fixture(scope="session")
def demo_corpus():
    """The demo project gathered once for the session, for the tests that only read it
    (gathered when first asked for, not as the test modules are imported)."""
    from generator.collect import gather

    return gather(DEMO)


def demo_built_once(tmp_path_factory, name: str, env: dict[str, str]) -> Path:
    """The demo project built with `env`, once for the whole run: where the suite runs on
    several workers (pytest-xdist, `make test`), in the run's shared temporary folder, by
    the first worker to ask (holding a lock while it builds; the others wait for it, then
    read the same site). Returns the built site, which the tests only read."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / f"once-{name}"
    with open(f"{folder}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():  # not built, or a worker's build failed half-way
            shutil.rmtree(folder, ignore_errors=True)
            project = copy_project(folder / "project", examples=True)
            result = run_cli("build", cwd=project, env=env)
            assert result.returncode == 0, result.stderr
            (folder / "built").touch()
    return folder / "project" / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The demo (the example cycles) built once for the run, as of a fixed day
    (AWARDSITE_TODAY, not a --today preview), as the README builds it: no published address set."""
    return demo_built_once(tmp_path_factory, "build", {"AWARDSITE_TODAY": "2026-11-23"})  # as the daily build: the pages recount in the browser


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The same, built as the publishing workflow builds it: at PUBLISHED_URL."""
    return demo_built_once(tmp_path_factory, "published", {"AWARDSITE_URL": PUBLISHED_URL, "AWARDSITE_TODAY": "2026-11-23"})


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, started once for the session (a start costs seconds)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (apt-get install -y chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def origin(built_site):
    """The site as the README builds it (no address set), served from a sub-path."""
    yield from serve_folder(built_site, MOUNT)


@pytest.fixture(scope="module")
def mirror(published_site):
    """A build made for its published address (PUBLISHED_URL), read from a mirror elsewhere."""
    yield from serve_folder(published_site, "/copy/")


@pytest.fixture(scope="module")
def browser(chromium):
    """The browser a test module drives: the pages it leaves open are closed after it, as
    closing a browser of its own would close them."""
    yield chromium
    for context in chromium.contexts:
        context.close()


def pytest_collection_modifyitems(config, items):
    """The long fuzzing run (marker `fuzz`) runs only when asked for with `-m fuzz`."""
    if "fuzz" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="long fuzzing run: select it with -m fuzz")
    for item in items:
        if "fuzz" in item.keywords:
            item.add_marker(skip)
