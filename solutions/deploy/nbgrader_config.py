"""Shared nbgrader settings for a JupyterHub: put this file in the Jupyter config path of every user server.

The Littlest JupyterHub: /opt/tljh/user/etc/jupyter/nbgrader_config.py (tljh/setup.sh copies it there).
Zero to JupyterHub: mounted at /etc/jupyter/nbgrader_config.py by z2jh/config.yaml.

Trainers and learners both read it: it names the course and the exchange, the shared folder through which
nbgrader hands out assignments, takes in submissions and returns feedback. The marking settings (timeouts,
hidden tests kept out of feedback) live in the trainer's course folder: exercises/nbgrader_config.py.
"""

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "outcomes-that-matter"
c.Exchange.root = "/srv/nbgrader/exchange"
# Learners fetch into a folder named after the course, so two courses on one hub never mix.
c.Exchange.path_includes_course = True
# Each submission is readable by its learner and the trainer's group only (stock nbgrader leaves it
# readable by everyone who can guess its name). Needs the course package in every user server, as set up.
c.ExchangeFactory.submit = "send_outcomes.course.exchange.PrivateSubmit"
