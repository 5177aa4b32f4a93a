"""The package's wings stay in order: no import runs back up a layer, and no modules import in a circle.

Layers, lowest first (a module may import from its own package or from any lower layer, never from a higher
one): the shared data readers; the analyser, the specs and the answers format; the pure graders and the plan
reader; what runs in a learner's kernel and the widgets; the trainer's course (with its report) and the site
build; the subcommands; the command line itself. Imports inside functions count too: a hidden import is
still an arrow. A package's ``__init__`` re-exporting its own modules is not counted as importing them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "send_outcomes"

LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "send_outcomes",
        "send_outcomes.criteria",
        "send_outcomes.exercise_types",
        "send_outcomes.notebook_markdown",
    ),
    ("send_outcomes.analysis", "send_outcomes.specs", "send_outcomes.answer_format"),
    ("send_outcomes.grading", "send_outcomes.plans"),
    ("send_outcomes.learner", "send_outcomes.widgets"),
    ("send_outcomes.course", "send_outcomes.sphinx"),
    ("send_outcomes.commands", "send_outcomes.generate_notebooks"),
    ("send_outcomes.cli",),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The send_outcomes modules ``name`` imports, anywhere in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name:
                found.add(target)
    return found


def layer_of(module: str) -> tuple[int, str]:
    """The layer and the wing (the longest listed prefix) a module belongs to."""
    best = (-1, "")
    for n, wings in enumerate(LAYERS):
        for wing in wings:
            if (module == wing or module.startswith(wing + ".")) and len(wing) > len(best[1]):
                best = (n, wing)
    return best


def upward(edges: Iterable[tuple[str, str]]) -> list[str]:
    """Arrows from a module to a higher layer, or into a module no layer lists."""
    bad = []
    for a, b in sorted(edges):
        (la, wa), (lb, wb) = layer_of(a), layer_of(b)
        if la < 0 or lb < 0:
            bad.append(f"{a} -> {b}: not in any layer")
        elif wa != wb and lb >= la and not (wb == "send_outcomes" and lb == 0):
            bad.append(f"{a} -> {b}: {wb} is not below {wa}")
    return bad


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (package __init__ files excluded:
    a package re-exporting its own modules is not a circle)."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _edges() -> set[tuple[str, str]]:
    modules = _modules()
    packages = {m for m, p in modules.items() if p.name == "__init__.py"}
    return {
        (a, b)
        for a, path in modules.items()
        for b in _imports(a, path, set(modules))
        if (a not in packages and b not in packages) or (a not in packages and b in packages)
    }


def test_the_checks_catch_an_upward_import_and_a_circle() -> None:
    assert upward([("send_outcomes.grading.fix", "send_outcomes.course.limits")]) == [
        "send_outcomes.grading.fix -> send_outcomes.course.limits: send_outcomes.course is not below "
        "send_outcomes.grading"
    ]
    assert upward([("send_outcomes.course.report.cli", "send_outcomes.learner.saved")]) == []
    a, b = "send_outcomes.analysis.a", "send_outcomes.analysis.b"
    assert cycles([(a, b), (b, a)]) == [[a, b]]


def test_every_module_is_in_a_layer() -> None:
    assert [m for m in _modules() if layer_of(m)[0] < 0] == []


def test_no_import_runs_back_up_a_layer() -> None:
    assert upward(_edges()) == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert cycles(_edges()) == []
