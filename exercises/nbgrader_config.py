"""nbgrader configuration for the Outcomes that matter course.

Written by `send-outcomes course init` (send_outcomes/course/config.py); regenerate rather than edit, or
put your own settings at the end (for example the exchange settings in solutions/deploy/).
"""

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "outcomes-that-matter"

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
c.Execute.timeout = 10
c.Execute.interrupt_on_timeout = True
# The marking kernel is stopped at once when its notebook is done (nothing in it needs atexit hooks).
c.Execute.shutdown_kernel = "immediate"

# A test cell a learner deleted is put back before marking.
c.OverwriteCells.add_missing_cells = True

# The learner's answers files are never replaced by copies from source/.
c.Autograde.exclude_overwriting = {
    'sorting': ['answers/sort-statements-a1.json'],
    'fixing-outcomes': ['answers/fix-the-outcome-a1.json'],
    'jigsaw': ['answers/beas-jigsaw-a1.json'],
    'golden-thread': ['answers/follow-the-thread-a1.json'],
}

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

# ---- Your own settings go below this line; `send-outcomes course init` keeps them. ----
