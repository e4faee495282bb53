"""Open a page in headless Chromium, as the tests, the benchmark and the screenshot do.

Needs the ``test`` extra (playwright from PyPI) and a Chromium binary; playwright never
downloads a browser here: it drives the system one (Debian's ``chromium``, at
``/usr/bin/chromium``, or ``$ACTORGRAPH_CHROMIUM``) with the flags that keep it off the network.

Run as a module, it regenerates the screenshot in the docs (the default view of the bundled
report, the panel showing the evidence of Europol's proposed cooperation with Frontex)::

    python -m actorgraph.exports.html.browser docs/screenshot.png
"""

from __future__ import annotations

__all__ = ["CHROMIUM_ARGS", "chromium_path", "launch", "PageLog", "open_page", "screenshot"]

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: Headless, no sandbox (we run as root in CI), and none of Chromium's own background traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium to drive: ``$ACTORGRAPH_CHROMIUM``, else ``chromium`` on the PATH."""
    return (
        os.environ.get("ACTORGRAPH_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def launch(playwright):
    """A headless Chromium browser (playwright ``Browser``) on the system binary."""
    path = chromium_path()
    if not path:
        raise RuntimeError(
            "no Chromium found: install Debian's 'chromium' or set ACTORGRAPH_CHROMIUM"
        )
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


@dataclass
class PageLog:
    """What a page did while open: console errors, uncaught exceptions, dialogs, and every
    request it made (URLs)."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def outside(self, own_url: str) -> list[str]:
        """Requests for anything but the page's own file."""
        return [u for u in self.requests if u != own_url]


def open_page(
    browser, path: Path | str, width: int = 1400, height: int = 900, timeout_ms: int = 60_000
):
    """Open the HTML file at ``path`` and wait until its network is laid out and drawn.

    Returns the playwright ``Page`` and its :class:`PageLog` (which goes on recording)."""
    log = PageLog()
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))
    page.on("request", lambda r: log.requests.append(r.url))

    def on_dialog(dialog):
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        # a page whose script runs long (a large graph) fires "load" late: same time limit
        page.goto(Path(path).resolve().as_uri(), timeout=timeout_ms)
        page.wait_for_selector("body[data-state=ready]", timeout=timeout_ms)
    except BaseException:
        page.close()  # a page left open would go on laying out, and slow what comes next
        raise
    return page, log


def screenshot(
    html_path: Path | str,
    png_path: Path | str,
    width: int = 1400,
    height: int = 860,
    relation: tuple[str, str] | None = ("Europol", "Frontex"),
) -> None:
    """A PNG of the page's first screen; with ``relation`` (two labels), the panel shows the
    evidence of their cooperation (the proposed one if there is one), the view unmoved."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page, _ = open_page(browser, html_path, width, height)
            if relation:
                page.evaluate(
                    """([a, b]) => {
                    const ag = window.actorgraph, label = (i) => ag.data.entities[i].label;
                    const found = ag.data.links.map((l, j) => [l, j]).filter(([l]) => l.relation === 'cooperatesWith'
                        && [label(l.from), label(l.to)].sort().join() === [a, b].sort().join())
                        .sort(([l], [m]) => (m.modality === 'proposed') - (l.modality === 'proposed'));
                    if (found.length) ag.selectLink(found[0][1]);
                }""",
                    list(relation),
                )
                page.wait_for_timeout(800)  # the view's move
            page.screenshot(path=str(png_path))
        finally:
            browser.close()


def _main(argv: list[str]) -> int:
    """Write a screenshot of the default view of the bundled report (built into a temporary
    store, so that the picture does not depend on what your own store holds)."""
    import tempfile

    from actorgraph.exports.html import store_page, write_page
    from actorgraph.graph.build import build
    from actorgraph.graph.store import open_store

    if len(argv) != 1:
        print("usage: python -m actorgraph.exports.html.browser OUT.png", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        build(None, Path(tmp) / "store")
        page = store_page(open_store(Path(tmp) / "store", read_only=True))
        html_path = write_page(page, Path(tmp) / "actorgraph.html")
        screenshot(html_path, argv[0])
    print(f"wrote {argv[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
