"""The course's ``nbgrader_config.py``: written from here, loaded from the course directory.

The configuration closes the traps measured with nbgrader 0.9.6 (DESIGN.md):

- feedback must not show hidden tests: ``ClearHiddenTests`` runs on feedback, and the kernel's traceback
  mode is Minimal, so a failing hidden line is never echoed in a traceback;
- a deleted test cell comes back (``add_missing_cells``; ``send-outcomes course autograde`` also restores
  deleted cells itself, wherever they were);
- an infinite loop costs one cell, not the notebook: the cell is interrupted after ``timeout`` seconds and
  the rest still runs;
- a learner's answers are never replaced by a copy from source/ (``exclude_overwriting``), even if the
  trainer ran the master notebook and left an ``answers`` folder in it;
- a feedback page runs no learner script and loads nothing from elsewhere (feedback_page.py).

It is loaded the way nbgrader loads it, so ``send-outcomes course`` and nbgrader's own commands agree: the
Jupyter config path first (system, then environment, then the user's folder: where JupyterHub set-ups put
the exchange), then the working folder, then the course folder, each later one winning.

``course init`` rewrites only its own block: whatever a trainer put below ``OWN_SETTINGS`` is kept.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from traitlets.config import Application, Config

from send_outcomes.course.assignments import ASSIGNMENTS

CONFIG_NAME = "nbgrader_config.py"
COURSE_ID = "outcomes-that-matter"
TIMEOUT = 10  # seconds per cell; every course cell runs in well under one second

TEMPLATE = '''"""nbgrader configuration for the Outcomes that matter course.

Written by `send-outcomes course init` (send_outcomes/course/config.py); regenerate rather than edit, or
put your own settings at the end (for example the exchange settings in solutions/deploy/).
"""

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "{course_id}"

# Hidden tests never reach feedback: clear them, and keep tracebacks to their last line.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
c.ClearHiddenTests.enforce_metadata = False
c.Execute.extra_arguments = [
    "--HistoryManager.hist_file=:memory:",
    "--InteractiveShell.xmode=Minimal",
    # Speed, not behaviour: jsonschema imports rfc3987_syntax (1.2 s of grammar building per kernel) only
    # to check "iri" formats, which the course's schemas never use. Marking kernels skip it.
    "--IPKernelApp.exec_lines=import sys; sys.modules.setdefault('rfc3987_syntax', None)",
]

# An endless loop in a learner's cell is interrupted after this many seconds; the other cells still run.
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
# The marking kernel is stopped at once when its notebook is done (nothing in it needs atexit hooks).
c.Execute.shutdown_kernel = "immediate"

# A test cell a learner deleted is put back before marking.
c.OverwriteCells.add_missing_cells = True

# The learner's answers files are never replaced by copies from source/.
c.Autograde.exclude_overwriting = {exclude}

{safety}'''


# The settings that keep learners' files from harming the trainer: in the course's config and, word for word,
# in the shared hub config (solutions/deploy/nbgrader_config.py), because Formgrader on a hub reads the
# Jupyter config path rather than the course folder. A test checks the two agree.
SAFETY = """\
# Pages that show learners' work (feedback, Formgrader's grading page) show their HTML as text, never run
# it, and load no script and nothing from another site (send_outcomes/course/feedback_page.py).
from send_outcomes.course import feedback_page  # noqa: E402

c.HTMLExporter.sanitize_html = True
c.HTMLExporter.extra_template_basedirs = feedback_page.template_dirs()
c.HTMLExporter.filters = {"safe_html": "send_outcomes.course.feedback_page.safe_html"}
c.HTMLExporter.mathjax_url = ""

# Collecting from the exchange follows no link, takes only regular files under the size limits, and keeps
# a replaced submission in set-aside/ (send_outcomes/course/exchange_collect.py).
c.ExchangeFactory.collect = "send_outcomes.course.exchange_collect.SafeExchangeCollect"
"""


# The line between the generated settings and the trainer's own; init keeps everything after it.
OWN_SETTINGS = "# ---- Your own settings go below this line; `send-outcomes course init` keeps them. ----"


def render() -> str:
    """The generated part of the course's nbgrader_config.py, ending with the ``OWN_SETTINGS`` line."""
    return _render_generated() + "\n" + OWN_SETTINGS + "\n"


def _render_generated() -> str:
    exclude = {a.name: a.answers_files() for a in ASSIGNMENTS.values()}
    pretty = "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in exclude.items()) + "}"
    return TEMPLATE.format(course_id=COURSE_ID, timeout=TIMEOUT, exclude=pretty, safety=SAFETY)


def _own_settings(old: str) -> tuple[str, bool]:
    """The trainer's part of an existing file, and whether it had to be kept whole.

    After the ``OWN_SETTINGS`` line: that tail. A file from before the line existed that starts with the
    generated text: what follows it. Anything else was edited inside the generated part, so the whole old
    file is kept below the line (it still runs last, so every setting the trainer made still holds).
    """
    if OWN_SETTINGS in old:
        return old.split(OWN_SETTINGS, 1)[1].lstrip("\n"), False
    generated = _render_generated()
    if old.startswith(generated):
        return old[len(generated) :].lstrip("\n"), False
    return old, True


def write(course_dir: Path) -> Path:
    """Write the generated settings, keeping the trainer's own below the ``OWN_SETTINGS`` line."""
    return write_reporting(course_dir)[0]


def write_reporting(course_dir: Path) -> tuple[Path, str | None]:
    """As ``write``, with a note for the trainer when an edited file was kept whole below the line."""
    course_dir.mkdir(parents=True, exist_ok=True)
    path = course_dir / CONFIG_NAME
    note = None
    text = render()
    if path.exists():
        old = path.read_text(encoding="utf-8")
        own, whole = _own_settings(old)
        if own.strip():
            text += "\n" + own
        if whole and old.strip():
            note = (
                f"{path.name} had been edited inside its generated part: the whole of it is kept below the "
                f"line {OWN_SETTINGS[2:30]!r}...; remove what you no longer need from there"
            )
        if old == text:
            return path, None
    path.write_text(text, encoding="utf-8")
    return path, note


def _nbgrader_app(course_dir: Path) -> Any:
    """nbgrader's own application with its configuration loaded as ``nbgrader <command>`` loads it."""
    from nbgrader.apps.baseapp import NbGrader  # imported here: nbgrader is slow to import

    app = NbGrader()
    app.log.setLevel(logging.ERROR)  # "no nbgrader_config.py in the Jupyter path" is normal on a laptop
    app.raise_config_file_errors = True  # a broken settings file is an error the trainer must see
    app.load_config_file()  # the Jupyter config path (system < environment < user), then the working folder
    Application.load_config_file(app, CONFIG_NAME, path=os.fspath(course_dir))  # the course folder wins
    return app


def sources(course_dir: Path) -> list[Path]:
    """The settings files nbgrader reads for ``course_dir``, in the order loaded (the last one wins)."""
    app = _nbgrader_app(Path(course_dir).resolve())
    return [Path(f) for f in app._loaded_config_files]


def load(course_dir: Path, **overrides: object) -> Config:
    """nbgrader's settings for ``course_dir``, rooted there, with ``Section.name`` overrides.

    Read as nbgrader reads them: ``nbgrader_config.py`` (and ``jupyter_config.py``) from every folder of
    ``jupyter --paths``'s config list, the working folder, and last the course folder. ``overrides`` use
    double underscores for the dot: ``Execute__timeout=5``.
    """
    course_dir = Path(course_dir).resolve()
    path = course_dir / CONFIG_NAME
    if not path.exists():
        raise FileNotFoundError(
            f"{path} not found: is {course_dir} a course directory? "
            "Make one with `send-outcomes course init`."
        )
    config = Config(_nbgrader_app(course_dir).config)
    config.CourseDirectory.root = os.fspath(course_dir)
    for key, value in overrides.items():
        section, name = key.split("__", 1)
        setattr(config[section], name, value)
    return config


def ensure_tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command of its own environment; make sure that environment is on PATH.

    Without this, ``.venv/bin/python -m ...`` (no activated venv) fails on the first gradebook it opens or
    creates. The one place for it: the course's API and the class report's gradebook reader both call it.
    """
    bindir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + path
