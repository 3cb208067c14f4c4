"""The three apps import one another one way only, and no module imports itself back.

Read from the source with `ast`, nothing imported: every `.py` file of `outreach`, `strategy`
and `audits` (tests included, migrations not) is a module; every `import` and `from … import`
in it, at module level or inside a function, is an edge to the module it names (relative
imports resolved, `from package import name` to `package.name` when that is a module). A
package's `__init__` running first is not counted as an edge: only what a module names.

- No import cycle, however long, and whether or not an import sits inside a function: a
  function-level import that closes a loop only hides the cycle until the function runs.
- `outreach` imports neither `strategy` nor `audits` (its `urls.py` names their url modules
  by string, which is no import); `strategy` does not import `audits`; inside `audits`, the
  runs import neither the dashboard nor the reports, which do not import each other. Tests
  may cross.
- `audits/rubric/` stays plain Python: the standard library, itself, and from the rest of the
  apps only `outreach.platforms`, `outreach.thresholds` and `strategy.activity_kinds` (held
  to the same rule), so nothing from Django and no model module.
"""

import ast
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("outreach", "strategy", "audits")
RUBRIC = "audits.rubric"
RUBRIC_MAY_IMPORT = {"outreach.platforms", "outreach.thresholds", "strategy.activity_kinds"}
PLAIN_PYTHON = sys.stdlib_module_names
# What each app, or package of audits, must not import: the apps point audits -> strategy ->
# outreach; inside audits, the dashboard and the reports read the runs, never the other way,
# and neither reads the other.
FORBIDDEN = {
    "outreach": ("strategy", "audits"),
    "strategy": ("audits",),
    "audits.runs": ("audits.dashboard", "audits.reports"),
    "audits.dashboard": ("audits.reports",),
    "audits.reports": ("audits.dashboard",),
}


@dataclass(frozen=True)
class Source:
    """A module's text, its file (for messages) and whether it is a package's `__init__`."""

    text: str
    path: str
    is_package: bool = False


@dataclass(frozen=True)
class Import:
    """One import statement's target, already resolved to an absolute dotted name."""

    target: str
    line: int
    in_function: bool


def app_sources(root: Path = ROOT, apps: tuple[str, ...] = APPS) -> dict[str, Source]:
    """Every module of the apps by dotted name; migrations and caches left out."""
    sources = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts or "__pycache__" in parts:
                continue
            is_package = parts[-1] == "__init__"
            name = ".".join(parts[:-1] if is_package else parts)
            text = path.read_text(encoding="utf-8")
            sources[name] = Source(text, str(path.relative_to(root)), is_package)
    return sources


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool):
        self.package = module if is_package else module.rpartition(".")[0]
        self.imports: list[tuple[str, list[str], int, bool]] = []
        self._function_depth = 0

    def _in_function(self, node):
        self._function_depth += 1
        self.generic_visit(node)
        self._function_depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _in_function

    def visit_Import(self, node: ast.Import):
        for alias in node.names:
            self.imports.append((alias.name, [], node.lineno, self._function_depth > 0))

    def visit_ImportFrom(self, node: ast.ImportFrom):
        if node.level:
            base = self.package.split(".") if self.package else []
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        names = [alias.name for alias in node.names if alias.name != "*"]
        self.imports.append((module, names, node.lineno, self._function_depth > 0))


def module_imports(name: str, source: Source, known: set[str]) -> list[Import]:
    """What one module imports, each target resolved against the modules that exist.

    `from pkg import x` is an import of `pkg.x` when that module exists, else of `pkg`;
    `import a.b.c` is an import of `a.b.c`. Targets outside `known` keep their written name.
    """
    collector = _ImportCollector(name, source.is_package)
    collector.visit(ast.parse(source.text, filename=source.path))
    found = []
    for module, names, line, in_function in collector.imports:
        submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in known]
        if not names or len(submodules) < len(names):
            found.append(Import(module, line, in_function))
        found.extend(Import(sub, line, in_function) for sub in submodules)
    return found


def import_graph(sources: dict[str, Source]) -> dict[str, dict[str, Import]]:
    """module → {imported module of the same set → the first import statement naming it}."""
    known = set(sources) | _namespace_packages(sources)
    graph: dict[str, dict[str, Import]] = {name: {} for name in known}
    for name, source in sources.items():
        for found in module_imports(name, source, known):
            if found.target in known and found.target != name:
                graph[name].setdefault(found.target, found)
    return graph


def _namespace_packages(sources) -> set[str]:
    """Folders without an `__init__.py` still import (as namespace packages)."""
    return {
        name.rsplit(".", depth)[0] for name in sources for depth in range(1, name.count(".") + 1)
    }


def strongly_connected(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: every component of mutually reachable modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def import_cycles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """One shortest cycle per tangle of modules, in import order, first module repeated last."""
    cycles = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue  # a module never counts as importing itself (see import_graph)
        members = set(component)
        start = component[0]
        came_from: dict[str, str] = {}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if start in graph[node]:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                cycles.append([*reversed(path), start])
                break
            for successor in sorted(graph[node]):
                if successor in members and successor not in came_from and successor != start:
                    came_from[successor] = node
                    queue.append(successor)
    return cycles


def describe_cycle(cycle: list[str], graph, sources: dict[str, Source]) -> str:
    """The cycle, each of its imports with its place, then any other import among its tangle."""

    def edge(importer, imported):
        found = graph[importer][imported]
        where = " (inside a function)" if found.in_function else ""
        path = sources[importer].path if importer in sources else importer
        return f"  {importer} imports {imported} at {path}:{found.line}{where}"

    on_cycle = list(zip(cycle, cycle[1:], strict=False))
    lines = ["import cycle: " + " -> ".join(cycle), *(edge(*pair) for pair in on_cycle)]
    tangle = next(c for c in strongly_connected(graph) if cycle[0] in c)
    others = [
        (importer, imported)
        for importer in tangle
        for imported in sorted(graph[importer])
        if imported in tangle and (importer, imported) not in on_cycle
    ]
    if others:
        lines.append("  and, among the same modules:")
        lines.extend(edge(*pair) for pair in others)
    return "\n".join(lines)


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _is_test(module: str) -> bool:
    return ".tests." in module + "." or module.rpartition(".")[2].startswith("test_")


def layering_violations(sources: dict[str, Source]) -> list[str]:
    """Every import that points the wrong way between the apps, or out of the pure rubric."""
    known = set(sources) | _namespace_packages(sources)
    violations = []
    for name, source in sorted(sources.items()):
        if _is_test(name):
            continue
        layers = [layer for layer in FORBIDDEN if _in(name, layer)]
        for found in module_imports(name, source, known):
            where = f"{source.path}:{found.line}: {name} imports {found.target}"
            for layer in layers:
                if any(_in(found.target, other) for other in FORBIDDEN[layer]):
                    violations.append(f"{where} ({layer} must not depend on it)")
            if _in(name, RUBRIC) and _rubric_refuses(found.target):
                violations.append(f"{where} (the rubric is plain Python)")
            if name in RUBRIC_MAY_IMPORT and _rubric_refuses(found.target):
                violations.append(f"{where} (the rubric imports {name}: plain Python too)")
    return violations


def _rubric_refuses(target: str) -> bool:
    """Only the standard library, the rubric itself and the few plain modules it may use."""
    if target.split(".")[0] in PLAIN_PYTHON:
        return False
    return not (_in(target, RUBRIC) or target in RUBRIC_MAY_IMPORT)


def dangling_imports(sources: dict[str, Source]) -> list[str]:
    """Imports naming a module of the apps that does not exist (so no edge could be drawn)."""
    known = set(sources) | _namespace_packages(sources)
    return [
        f"{source.path}:{found.line}: {name} imports {found.target}, which does not exist"
        for name, source in sorted(sources.items())
        for found in module_imports(name, source, known)
        if any(_in(found.target, app) for app in APPS) and found.target not in known
    ]


# The apps themselves.


def test_no_module_of_the_apps_imports_itself_back():
    sources = app_sources()
    graph = import_graph(sources)
    cycles = [describe_cycle(cycle, graph, sources) for cycle in import_cycles(graph)]
    assert not cycles, "\n".join(cycles)


def test_the_apps_depend_one_way_and_the_rubric_is_plain_python():
    violations = layering_violations(app_sources())
    assert not violations, "\n".join(violations)


def test_every_import_of_the_apps_names_a_module_that_exists():
    """A stale import after a move would otherwise drop out of the graph without a word."""
    dangling = dangling_imports(app_sources())
    assert not dangling, "\n".join(dangling)


# The checks themselves, on modules that exist only here.


def _sources(**texts: str) -> dict[str, Source]:
    """Module sources by name, `__` standing for the dots (`pkg__a` is `pkg.a`)."""
    return {
        name.replace("__", "."): Source(text, name.replace("__", "/") + ".py")
        for name, text in texts.items()
    }


def test_a_cycle_closed_by_an_import_inside_a_function_is_found_and_named_in_order():
    sources = _sources(
        pkg__a="from . import b\n",
        pkg__b="def later():\n    from pkg.a import thing\n    return thing\n",
    )
    graph = import_graph(sources)

    assert import_cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]
    assert describe_cycle(["pkg.a", "pkg.b", "pkg.a"], graph, sources).splitlines() == [
        "import cycle: pkg.a -> pkg.b -> pkg.a",
        "  pkg.a imports pkg.b at pkg/a.py:1",
        "  pkg.b imports pkg.a at pkg/b.py:2 (inside a function)",
    ]


def test_a_longer_cycle_through_relative_imports_is_found_and_one_way_imports_are_not():
    sources = _sources(
        pkg__one="from .sub.two import x\n",
        pkg__sub__two="from ..three import y\n",
        pkg__three="import pkg.one\n",
        pkg__leaf="from pkg import one\n",
    )

    assert import_cycles(import_graph(sources)) == [
        ["pkg.one", "pkg.sub.two", "pkg.three", "pkg.one"]
    ]
    del sources["pkg.three"]
    assert import_cycles(import_graph(sources)) == []


def test_layering_names_each_wrong_way_import_and_leaves_tests_alone():
    sources = _sources(
        outreach__views="from strategy.models import StrategyPlan\n",
        outreach__tests__test_x="from audits.tests.factories import AuditRunFactory\n",
        strategy__views="def f():\n    from audits.runs import services\n",
        strategy__review="",
        audits__runs__services="",
        audits__rubric__engine="import math\nfrom django.db import models\nfrom . import value\n",
        audits__rubric__value="from outreach.models import Channel\nfrom strategy import review\n",
        outreach__thresholds="from decimal import Decimal\nfrom .platforms import PLATFORMS\n",
        outreach__platforms="from outreach.models import Channel\n",
    )

    assert layering_violations(sources) == [
        "audits/rubric/engine.py:2: audits.rubric.engine imports django.db"
        " (the rubric is plain Python)",
        "audits/rubric/value.py:1: audits.rubric.value imports outreach.models"
        " (the rubric is plain Python)",
        "audits/rubric/value.py:2: audits.rubric.value imports strategy.review"
        " (the rubric is plain Python)",
        "outreach/platforms.py:1: outreach.platforms imports outreach.models"
        " (the rubric imports outreach.platforms: plain Python too)",
        "outreach/views.py:1: outreach.views imports strategy.models"
        " (outreach must not depend on it)",
        "strategy/views.py:2: strategy.views imports audits.runs.services"
        " (strategy must not depend on it)",
    ]
