"""Outcomes that matter: course data, analyser, widgets and tools for EHCP outcomes.

The package in wings, lowest first; a module imports only from its own wing or a lower one, and no modules
import each other in a circle (tests/test_layers.py holds the order):

1. ``criteria``, ``exercise_types``, ``notebook_markdown``: shared facts read from ``data/`` (the JavaScript
   reads the same files or is held to them by tests), and Markdown for notebook cells.
2. ``analysis`` (the outcome and plan analyser), ``specs`` (exercise content), ``answer_format`` (the
   answers file format and the shape of each exercise's answers; not ``answers``, the learners' folder name).
3. ``grading`` (pure marking: answers in, scores out, no files), ``plans`` (reading plan documents).
4. ``learner`` (what runs in a learner's kernel: the practice score, the assessment test cells) and
   ``widgets`` (the exercises on screen, with the ES-module bundler).
5. ``course`` (the trainer's nbgrader session, ending in ``course.report``, the class report) and ``sphinx``
   (the book's extensions).
6. ``commands`` and ``generate_notebooks``; then ``cli``, the ``send-outcomes`` command.
"""

__version__ = "0.1.0"
