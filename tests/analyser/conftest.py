"""What the analyser's tests share: the JavaScript engine, run under node on a list of statements."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DRIVER = Path(__file__).resolve().parents[1] / "js" / "analyser_driver.mjs"
NODE = shutil.which("node") or "/usr/bin/node"

NodeAnalyse = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def node_analyse() -> NodeAnalyse:
    """``node_analyse(items, model=None)``: js/analyser.js's result for each item (a text or [text, section]),
    with the package's model.json or the model file at ``model``; fails the test if node does. With
    ``lists=True`` each item is a list of texts analysed together (``analyseAll``), and each result a list."""

    def run(items: list[Any], model: Path | None = None, lists: bool = False) -> list[Any]:
        argv = [NODE, str(DRIVER), *(["--model", str(model)] if model else [])]
        argv += ["--lists"] if lists else []
        done = subprocess.run(argv, input=json.dumps(items), capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return list(json.loads(done.stdout))

    return run
