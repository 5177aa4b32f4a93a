"""Make one self-contained ES module from an entry module and the local modules it imports.

Why: anywidget takes each widget's front end as ONE ES module string (``_esm``); relative imports inside it
cannot be resolved, because the string has no URL. The static site could load modules by URL, but it uses
the very same bundles, so that JupyterLab and the book run identical code. No bundler (npm, esbuild) is
needed: our modules follow a few simple conventions, and this file checks them.

Conventions for ``send_outcomes/js/*.js`` (a module breaking one gets a BundleError naming file and line):

1. Local imports are single lines at column 0 of the form ``import { a, b } from "./x.js";``
   (named imports only, no ``as`` renames, no default or namespace imports, nothing from packages or URLs).
2. Exports are declared inline at column 0: ``export function f``, ``export async function f``,
   ``export const x =`` (one name per statement) or ``export class C``. No ``export let`` (a bundled
   module hands over values, not live bindings) and no ``export { ... }`` lists or re-exports.
3. Only the entry module may have ``export default``.

How a bundle is built: each imported module is wrapped, once, in its own function scope (dependencies first),
with the ``export`` keywords removed, and returns an object of its exports; an importing module receives
the names it asked for by destructuring that object. Wrapping keeps each module's private names private,
so two modules may both define a helper called ``clean`` without clashing. The entry module comes last, at
the top level, exports intact, so ``import(bundle)`` and anywidget see the same ``default`` export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

JS_DIR = Path(__file__).resolve().parent.parent / "js"

_IMPORT = re.compile(r"""^import\s*\{([^}]*)\}\s*from\s*(["'])(\./[A-Za-z0-9_.-]+\.js)\2\s*;?\s*$""")
_ANY_IMPORT = re.compile(r"^import[\s{*\"']")
_EXPORT = re.compile(r"^export\s+(?:(async\s+)?function\*?|const|class)\s+([A-Za-z_$][\w$]*)")
_EXPORT_DEFAULT = re.compile(r"^export\s+default\b")
_EXPORT_OTHER = re.compile(r"^export\b")


class BundleError(ValueError):
    """A module does not follow the conventions above, or imports something that does not exist."""


@dataclass(frozen=True)
class _Module:
    path: Path
    imports: tuple[tuple[Path, tuple[str, ...]], ...]  # (module imported, names taken from it)
    exports: tuple[str, ...]
    body: str  # the source without its import lines


def _parse(path: Path) -> _Module:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BundleError(f"{path}: module not found") from None
    imports: list[tuple[Path, tuple[str, ...]]] = []
    exports: list[str] = []
    body: list[str] = []
    for n, line in enumerate(lines, start=1):
        m = _IMPORT.match(line)
        if m:
            names = tuple(x.strip() for x in m.group(1).split(",") if x.strip())
            bad = [x for x in names if not re.fullmatch(r"[A-Za-z_$][\w$]*", x)]
            if bad or not names:
                raise BundleError(f"{path.name}:{n}: import only plain names (no 'as'): {line.strip()}")
            imports.append(((path.parent / m.group(3)).resolve(), names))
            body.append("")  # keep line numbers of the body close to the source for error messages
            continue
        if _ANY_IMPORT.match(line):
            raise BundleError(
                f'{path.name}:{n}: only `import {{ a, b }} from "./x.js";` is allowed: {line.strip()}'
            )
        e = _EXPORT.match(line)
        if e:
            exports.append(e.group(2))
        elif _EXPORT_OTHER.match(line) and not _EXPORT_DEFAULT.match(line):
            raise BundleError(
                f"{path.name}:{n}: declare exports inline (export function/const/class): {line}"
            )
        body.append(line)
    return _Module(path.resolve(), tuple(imports), tuple(exports), "\n".join(body))


def _ident(path: Path) -> str:
    return "__so_" + re.sub(r"\W", "_", path.stem)


def _order(entry: Path) -> list[_Module]:
    """Modules in dependency order (each once), entry last; a cycle is an error."""
    done: dict[Path, _Module] = {}
    visiting: list[Path] = []

    def visit(path: Path) -> None:
        if path in done:
            return
        if path in visiting:
            cycle = " -> ".join(p.name for p in [*visiting[visiting.index(path) :], path])
            raise BundleError(f"import cycle: {cycle}")
        visiting.append(path)
        module = _parse(path)
        for dep, names in module.imports:
            visit(dep)
            missing = [x for x in names if x not in done[dep].exports]
            if missing:
                raise BundleError(
                    f"{path.name} imports {', '.join(missing)} from {dep.name}, which does not export it"
                )
        visiting.pop()
        done[path] = module

    visit(entry.resolve())
    return list(done.values())


def _receive(module: _Module) -> str:
    return "".join(f"const {{ {', '.join(names)} }} = {_ident(dep)};\n" for dep, names in module.imports)


def bundle_path(entry: Path) -> str:
    """Bundle the module at ``entry`` (any folder) with its local imports."""
    modules = _order(entry)
    *deps, main = modules
    idents = [_ident(m.path) for m in modules]
    if len(set(idents)) != len(idents):
        raise BundleError("two imported modules share a file name; rename one")
    out = [f"// Bundled from {main.path.name} by send_outcomes.widgets.esm: one module, no imports.\n"]
    for module in deps:
        if any(_EXPORT_DEFAULT.match(line) for line in module.body.splitlines()):
            raise BundleError(f"{module.path.name}: only the entry module may have `export default`")
        code = "\n".join(re.sub(r"^export\s+", "", line) for line in module.body.splitlines())
        out.append(
            f"// ---- {module.path.name} ----\n"
            f"const {_ident(module.path)} = (() => {{\n{_receive(module)}{code}\n"
            f"return {{ {', '.join(module.exports)} }};\n}})();\n"
        )
    out.append(f"// ---- {main.path.name} ----\n{_receive(main)}{main.body}\n")
    return "\n".join(out)


@cache
def bundle(entry: str) -> str:
    """The bundle of ``send_outcomes/js/<entry>`` (e.g. ``bundle("sort.js")``), cached for the process."""
    return bundle_path(JS_DIR / entry)
