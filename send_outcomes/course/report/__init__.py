"""The trainer's class report, the last step of a session: what a class got wrong, read from nbgrader's
gradebook and the learners' answers files.

``collect`` reads a course folder, ``stats`` computes the numbers from plain data, ``figures`` and ``page``
draw and write the report page, ``learners`` writes the hand-back summaries, ``export`` the grades CSV, and
``cli`` is the ``send-outcomes course report`` subcommand. ``simulate`` makes a class with known answers for
the trainer's notebook, the tests and the benchmark when no real course is at hand.
"""
