"""What the browser tests share: serving a built site from a sub-path of a free port, as a
mirror would, and opening a page in Debian's Chromium as a reader does, with every
console error, failed request and request to another host it brings."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

SHOTS = Path(__file__).resolve().parent / "screenshots"
NOTICE = "notices/xinyang/example-2026/acceptance-list/"  # open 2026-11-19 to 11-25 (5 working days)
MOUNT = "/mirror/awards/"  # served from a sub-path of another host and port than any address the build knows


class Mounted(http.server.SimpleHTTPRequestHandler):
    """Serves its folder at `mount` only, as a mirror's folder or a GitHub Pages project
    path would (a request outside it finds nothing), and quietly."""

    def __init__(self, *args, mount: str = "/", **kwargs):
        self.mount = mount  # before the base class's __init__, which handles the request
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "not-this-site")
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, *args):
        pass


def serve_folder(folder: Path, mount: str = "/", handler: type[Mounted] = Mounted):
    """Serve `folder` at http://127.0.0.1:<a free port><mount> (with `handler`, Mounted or
    a subclass); yields the site's address."""
    handler = functools.partial(handler, directory=str(folder), mount=mount)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


_windows: dict = {}  # a browser's reading window (its context), by the browser


def new_page(browser, width: int = 1280, height: int = 900):
    """A new tab, `width` by `height`, in the browser's one reading window: a context a
    test module's pages share, as a reader's tabs share a window, with a blank tab kept open
    in it. A tab opened there costs Chromium half the work of one in a context of its own
    (0.43 s of CPU against 0.75 s for a page of the demo). The window keeps its cache and
    storage from one test to the next, as a reader's does; a test that sets the clock (the
    context's), the time zone or turns scripts off, or counts every request a page makes
    from a cold start, opens a context of its own. The window closes with the module's
    contexts (the `browser` fixture)."""
    window = _windows.get(browser)
    if window is None:
        window = _windows[browser] = browser.new_context()
        window.on("close", lambda _: _windows.pop(browser, None))
        window.new_page()  # the blank tab that keeps the window open
    page = window.new_page()
    page.set_viewport_size({"width": width, "height": height})
    return page


def open_page(browser, url: str, width: int = 1280):
    """A new tab (`new_page`) opened at `url` and settled; with the list of what went wrong
    while it loaded (and goes wrong later): console errors, page errors, answers of 400 and
    above, requests to another host."""
    page = new_page(browser, width)
    trouble: list[str] = []
    page.on("console", lambda m: trouble.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: trouble.append(f"page error: {e}"))
    page.on("response", lambda r: trouble.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    site_origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    page.on("request", lambda r: trouble.append(f"off-site request {r.url}")
            if not r.url.startswith((site_origin, "data:")) else None)
    settled(page, lambda: page.goto(url))
    return page, trouble


FAVICON = "/assets/images/favicon.png"  # the theme's: what Chromium asks for once a page has loaded


def settled(page, load) -> None:
    """`load()` (a goto, a click), then wait until the page has loaded (its scripts run,
    its stylesheets and images in), asked for its favicon, and every request it made has
    been answered, so each failed request and console error is in. A page asks for
    nothing more once loaded (only the favicon), so this is the moment Playwright's
    "networkidle" reaches half a second later, after a quiet half second of its own."""
    pending, favicon = set(), []
    page.on("request", lambda r: (pending.add(r), favicon.append(r) if r.url.endswith(FAVICON) else None))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    load()
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 30
    while not favicon or pending:
        assert time.monotonic() < deadline, ("still waiting for", [r.url for r in pending] or "the favicon")
        page.wait_for_timeout(10)


def search(page, query: str) -> list[str]:
    """Search as a reader does: type `query` into the box in the header and press Enter,
    which opens the search page of the page's language; the links of the results."""
    page.locator(".site-search-form__input").fill(query)
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_load_state("networkidle")  # Pagefind fills in the results as their fragments arrive
    return [a.evaluate("a => a.href") for a in page.locator(".pagefind-ui__result-link").all()]


def save_figures(name: str, key: str, value) -> None:
    """Keep a figure for the record (requests and bytes per page, axe's findings per page)
    in tests/screenshots/issue5-<name>.json, under `key`."""
    SHOTS.mkdir(exist_ok=True)
    report = SHOTS / f"issue5-{name}.json"
    figures = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    figures[key] = value
    report.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
