"""Subcommands of ``send-outcomes``: one module each, found by ``send_outcomes.cli``.

A module here defines ``register(subparsers) -> None``, which adds its parser with
``subparsers.add_parser(name, ...)`` and sets ``func`` (``parser.set_defaults(func=run)``), where
``run(args) -> int`` returns the exit status. Modules whose names start with ``_`` are helpers, not commands.
"""
