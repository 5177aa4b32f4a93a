"""Shared nbgrader settings for a JupyterHub: put this file in the Jupyter config path of every user server.

The Littlest JupyterHub: /opt/tljh/user/etc/jupyter/nbgrader_config.py (tljh/setup.sh copies it there).
Zero to JupyterHub: mounted at /etc/jupyter/nbgrader_config.py by z2jh/config.yaml.

Trainers and learners both read it: it names the course and the exchange, the shared folder through which
nbgrader hands out assignments, takes in submissions and returns feedback. The marking settings (timeouts,
hidden tests kept out of feedback) live in the trainer's course folder: exercises/nbgrader_config.py. The
safety settings at the end are in both, word for word (send_outcomes/course/config.py, SAFETY), because
Formgrader reads this file, not the course folder's.
"""

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "outcomes-that-matter"
c.Exchange.root = "/srv/nbgrader/exchange"
# Learners fetch into a folder named after the course, so two courses on one hub never mix.
c.Exchange.path_includes_course = True
# Each submission is readable by its learner and the trainer's group only (stock nbgrader leaves it
# readable by everyone who can guess its name). Needs the course package in every user server, as set up.
c.ExchangeFactory.submit = "send_outcomes.course.exchange.PrivateSubmit"

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
