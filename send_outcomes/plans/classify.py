"""The one place the plan checker asks the statement analyser about an item.

Why one place: the section an item sits in is strong evidence of its kind ("A differentiated curriculum"
in Section F is provision whatever its grammar). When the analyser takes the section into account, it is
passed here and nowhere else, and every check gets it.
"""

from __future__ import annotations

from functools import lru_cache

from send_outcomes.analysis.statement import Analysis, analyse
from send_outcomes.plans.data import checks


@lru_cache(maxsize=4096)
def analysis_of(text: str, section: str | None) -> Analysis:
    """The analyser's verdict on one item of a plan, with its section as evidence of its kind.

    Not in the sections where the checks ask whether the item really is the kind its section says
    (``kind_judged_in``: provision or an aspiration written into Section E): there the section would argue
    for the very answer being questioned, and the problem would go unseen.
    """
    evidence = None if section in checks()["kind_judged_in"] else section
    return analyse(text, section=evidence)


def kind_of(text: str, section: str | None) -> str:
    return analysis_of(text, section).kind
