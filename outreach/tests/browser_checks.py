"""Checks the browser tests run on any page: axe-core's accessibility rules, sideways scrolling
and the errors a tab writes to its console.

axe-core comes from the npm registry (package.json, pinned; `make test` runs `npm ci`).
"""

from dataclasses import dataclass, field
from pathlib import Path

from conftest import service_unavailable

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The pages are served from the live server's own origin, so the app's Content-Security-Policy
# (script-src 'self') lets this script in as it is: no bypass_csp, which would also hide a CSP
# violation of the app's own from the console check. Playwright's add_script_tag(path=...)
# would inline the file, which that policy rightly refuses.
AXE_URL_PATH = "/__test__/axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def serve_axe(context) -> None:
    """Answer AXE_URL_PATH on every origin of the browser context with the npm package's file."""
    if not AXE_JS.exists():
        service_unavailable(f"axe-core ({AXE_JS}; `npm ci` or `make test` installs it)")
    source = AXE_JS.read_text(encoding="utf-8")
    context.route(
        f"**{AXE_URL_PATH}",
        lambda route: route.fulfill(
            status=200, content_type="text/javascript; charset=utf-8", body=source
        ),
    )


# An embedded document (the weekly email's preview) is an email, not a page of the app: the
# rules about a page's landmarks and headings do not apply to it.
PAGE_STRUCTURE_RULES = ("landmark-one-main", "region", "page-has-heading-one")


def _axe_run(frame, rules_off=()) -> list[dict]:
    return frame.evaluate(
        """([tags, off]) => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            rules: Object.fromEntries(off.map(id => [id, {enabled: false}])),
            iframes: false,
            resultTypes: ["violations"],
        }).then(result => result.violations)""",
        [AXE_TAGS, list(rules_off)],
    )


def _readable(violations: list[dict], where: str = "") -> list[str]:
    lines = []
    for violation in violations:
        targets = ", ".join(
            " > ".join(str(part) for part in node["target"]) for node in violation["nodes"]
        )
        lines.append(
            f"{violation['id']} ({violation['impact']}){where}: {violation['help']} — "
            f"{len(violation['nodes'])}×: {targets}"
        )
    return lines


def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page in its current state, one readable line each:
    the rule, its impact, what it asks and the selectors of the elements that break it.

    The page's browser context must have had `serve_axe`. An iframe's document is checked on
    its own, in a scratch tab: the email preview is a sandboxed srcdoc frame, where axe-core
    never finishes (it runs no script of its own there)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_URL_PATH)
    lines = _readable(_axe_run(page.main_frame))
    for frame in page.main_frame.child_frames:
        scratch = page.context.new_page()
        try:
            scratch.set_content(frame.content())
            # about:blank has no CSP of the app's to respect, so the file can be inlined.
            scratch.add_script_tag(path=str(AXE_JS))
            violations = _axe_run(scratch, PAGE_STRUCTURE_RULES)
        finally:
            scratch.close()
        lines += _readable(violations, f" [in the frame {frame.name or frame.url[:40]}]")
    return lines


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: it does not scroll sideways)."""
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def overflowing_elements(page, limit: int = 5) -> list[str]:
    """The outermost elements that reach past the window's right edge (not counting those
    inside a container that scrolls or clips them), to say what to fix."""
    return page.evaluate(
        """limit => {
            const width = document.documentElement.clientWidth, found = [];
            const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                + [...el.classList].map(c => "." + c).join("");
            const contained = el => {
                for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
                    if (getComputedStyle(up).overflowX !== "visible") return true;
                return false;
            };
            for (const el of document.body.querySelectorAll("*")) {
                if (found.some(outer => outer.contains(el))) continue;
                const right = el.getBoundingClientRect().right;
                if (right > width + 0.5 && !contained(el)) found.push(el);
                if (found.length >= limit) break;
            }
            return found.map(el => describe(el) + " (" +
                Math.round(el.getBoundingClientRect().right) + "px)");
        }""",
        limit,
    )


@dataclass
class ConsoleWatch:
    """The errors a tab writes to its console and the exceptions its scripts throw, as they
    come. A page served with an error status on purpose (a 404 page) makes the browser log
    that status too: `expect_status` before visiting it lets that one line pass."""

    errors: list[str] = field(default_factory=list)
    expected: set[str] = field(default_factory=set)

    def attach(self, page) -> "ConsoleWatch":
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        return self

    def expect_status(self, status: int | None) -> None:
        self.expected = {f"status of {status}"} if status else set()

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if text.startswith("Failed to load resource") and any(e in text for e in self.expected):
            return
        self.errors.append(f"{text} ({message.location.get('url', '')})")

    def take(self) -> list[str]:
        """The errors since the last call."""
        errors, self.errors = self.errors, []
        return errors
