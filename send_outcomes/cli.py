"""``send-outcomes``: the command line. Subcommands are discovered, not listed.

Why discovery: each subcommand lives in its own module of ``send_outcomes/commands/`` with a
``register(subparsers) -> None`` function that adds its parser and sets ``func`` (``func(args) -> int``, the
exit status). A new command (``commands/course.py``, say) needs no edit here, and two helpers adding two
commands never touch the same file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from send_outcomes import __version__, commands


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with only the one named ``only`` when a module has that name
    (so ``send-outcomes plan FILE`` does not import the course's and the reports' heavy libraries)."""
    parser = argparse.ArgumentParser(
        prog="send-outcomes",
        description="Outcomes that matter: check outcomes in EHC plans, and run the course.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    infos = [m for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    if only and any(m.name == only for m in infos):
        infos = [m for m in infos if m.name == only]
    for info in sorted(infos, key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    first = argv[0] if argv and not argv[0].startswith("-") else None
    parser = build_parser(first)
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
