"""The ES-module bundler: bundles that run, and a named error for every broken convention."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from send_outcomes.widgets.esm import JS_DIR, BundleError, bundle, bundle_path

ENTRIES = sorted(p.name for p in JS_DIR.glob("*.js") if "export default" in p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail("node is needed to run the bundles", pytrace=False)
    return path


def _run(node: str, tmp_path: Path, code: str, driver: str) -> str:
    """Import ``code`` as a module file and run ``driver`` against it; returns stdout."""
    (tmp_path / "bundle.mjs").write_text(code, encoding="utf-8")
    script = f'const m = await import("./bundle.mjs");\n{driver}\n'
    (tmp_path / "drive.mjs").write_text(script, encoding="utf-8")
    proc = subprocess.run(
        [node, "drive.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_a_bundle_runs_with_private_names_kept_apart(tmp_path: Path, node: str) -> None:
    src = tmp_path / "src"
    _write(
        src,
        {
            "a.js": "const clean = (s) => s.trim();\n"
            "export function shout(s) {\n  return clean(s).toUpperCase();\n}\n",
            "b.js": 'import { shout } from "./a.js";\nconst clean = (s) => s + "!";\n'
            "export const greet = (s) => clean(shout(s));\n",
            "main.js": 'import { greet } from "./b.js";\nimport { shout } from "./a.js";\n'
            "export default { render: (s) => greet(s) + shout(' x ') };\n",
        },
    )
    code = bundle_path(src / "main.js")
    assert "\nimport " not in code and code.count("// ---- a.js") == 1  # shared dependency included once
    out = _run(node, tmp_path, code, 'console.log(m.default.render("  hello "));')
    assert out.strip() == "HELLO!X"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"main.js": 'import thing from "./a.js";\nexport default {};\n'},
            "main.js:1: only `import { a, b }",
        ),
        ({"main.js": 'import * as a from "./a.js";\n'}, "main.js:1: only `import { a, b }"),
        ({"main.js": 'import { a as b } from "./a.js";\n'}, "main.js:1: import only plain names"),
        ({"main.js": 'import { x } from "lit";\n'}, "main.js:1: only `import { a, b }"),
        ({"main.js": "const a = 1;\nexport { a };\n"}, "main.js:2: declare exports inline"),
        ({"main.js": "export let a = 1;\n"}, "main.js:1: declare exports inline"),
        (
            {"main.js": 'import { nope } from "./a.js";\n', "a.js": "export const yes = 1;\n"},
            "imports nope from a.js",
        ),
        ({"main.js": 'import { a } from "./missing.js";\n'}, "missing.js: module not found"),
        (
            {"main.js": 'import { a } from "./a.js";\n', "a.js": "export const a = 1;\nexport default a;\n"},
            "a.js: only the entry module may have `export default`",
        ),
        (
            {
                "main.js": 'import { a } from "./a.js";\n',
                "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
                "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
            },
            "import cycle: a.js -> b.js -> a.js",
        ),
        (
            {
                "main.js": 'import { a } from "./my-util.js";\nimport { b } from "./my_util.js";\n',
                "my-util.js": "export const a = 1;\n",
                "my_util.js": "export const b = 1;\n",
            },
            "two imported modules share a file name",
        ),
    ],
)
def test_broken_conventions_give_an_error_naming_the_file(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    _write(tmp_path, files)
    with pytest.raises(BundleError) as err:
        bundle_path(tmp_path / "main.js")
    assert message in str(err.value)


@pytest.mark.parametrize("entry", ENTRIES)
def test_every_shipped_exercise_module_bundles_and_loads(entry: str, tmp_path: Path, node: str) -> None:
    """Each module the widgets or the site load becomes one valid module whose default export renders."""
    code = bundle(entry)
    out = _run(node, tmp_path, code, "console.log(typeof m.default.render);")
    assert out.strip() == "function"


def test_every_module_the_site_loads_is_a_bundled_entry() -> None:
    """The site's pages load these modules by name; one that lost its default export, or was renamed, would
    leave an exercise blank on the page."""
    from send_outcomes.sphinx.exercises import ENTRIES as LOADED_BY_THE_SITE

    exercises = set(LOADED_BY_THE_SITE) - {"host.js"}  # the host mounts them; it has no view of its own
    assert "host.js" in LOADED_BY_THE_SITE and exercises and exercises <= set(ENTRIES)
