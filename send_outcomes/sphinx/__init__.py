"""The course's Sphinx extension: course material on book pages (audiences, exercises, progress, sessions).

The book lists this one extension; :func:`setup` registers everything, read top to bottom in the order Sphinx
uses it: the nodes and directives that pages are written with, the stylesheet, then one handler per event in
the order Sphinx fires the events during a build. A maintainer can see there what runs when, and which
module does it:

- ``audience.py``: whom each page is for, and the home page's reading paths;
- ``exercises.py``: interactive exercises, their bundles and the analyser's rules in ``_static``;
- ``worksheet.py``: the printable worksheet written beside each exercise;
- ``progress.py``: the learner's progress page;
- ``sessions.py``: trainers' session plans, handouts and evaluation forms;
- ``site.py``: templates, the accessible sidebar and no unused CDN scripts;
- ``pages.py``: records kept per page, and the table of contents' reading order.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from send_outcomes import __version__
from send_outcomes.sphinx import audience, exercises, progress, sessions, site

# Every record kept per page on the build environment: each is forgotten when its page is read again and
# merged from the parallel readers, which is what makes parallel reading safe.
RECORDS = (audience.MARKS, audience.ROUTE, exercises.PAGES, progress.PROGRESS_PAGES)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the course's nodes, directives and stylesheet, then its event handlers in event order."""
    # Placeholders that are filled in once every page has been read.
    app.add_node(audience.audience_index)
    app.add_node(progress.progress_table)

    # Directives, as the book's pages use them.
    app.add_directive("audience", audience.AudienceDirective)
    app.add_directive("audience-index", audience.AudienceIndexDirective)
    app.add_directive("exercise", exercises.ExerciseDirective)
    app.add_directive("progress", progress.ProgressDirective)
    app.add_directive("session-plan", sessions.SessionPlanDirective)
    app.add_directive("session-handouts", sessions.SessionHandoutsDirective)

    # The course stylesheet, on every page (served from the folder that site.configure adds).
    app.add_css_file("course/course.css")

    # Events, in the order Sphinx fires them.
    # config-inited: add our templates, sidebar and static folder once conf.py has been read.
    app.connect("config-inited", site.configure)
    # builder-inited: write the exercise bundles and rules, then the progress script (with their release).
    app.connect("builder-inited", exercises.write_bundles)
    app.connect("builder-inited", progress.write_bundle)
    # env-get-outdated: rewrite exercise pages after a new release; re-read progress pages every build.
    app.connect("env-get-outdated", exercises.pages_to_rewrite)
    app.connect("env-get-outdated", progress.pages_to_reread)
    # env-purge-doc: forget what a page recorded before it is read again (the directives record it anew).
    for records in RECORDS:
        app.connect("env-purge-doc", records.purge)
    # env-merge-info: take each parallel reader's records of the pages it read.
    for records in RECORDS:
        app.connect("env-merge-info", records.merge)
    # env-updated: warn about an exercise type that is on a page but has no JavaScript module.
    app.connect("env-updated", exercises.warn_missing_modules)
    # doctree-resolved: fill in the reading paths and the progress tables, now that every page is known.
    app.connect("doctree-resolved", audience.write_reading_paths)
    app.connect("doctree-resolved", progress.write_progress_tables)
    # html-page-context: each exercise page's scripts, the progress page's script; drop thebe's last of all.
    app.connect("html-page-context", exercises.add_page_scripts)
    app.connect("html-page-context", progress.add_page_script)
    app.connect("html-page-context", site.drop_thebe, priority=900)

    return {
        "version": __version__,
        # 2: the progress pages were once a set; an environment pickled with that shape is read afresh.
        "env_version": 2,
        # Reading: every per-page record is purged and merged above. Writing: the handlers that run in the
        # writer processes change only the page they are given.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
