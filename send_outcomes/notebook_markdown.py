"""Spec text as Markdown for notebook cells: escaped, and the children's stories told one way.

The practice notebooks and the course's assessment notebooks both open an exercise with the child or
children it is about. Spec text is ours, but a ``*`` or ``_`` in it would still be read as markup, so every
piece goes through ``md_text`` before it reaches a Markdown cell.
"""

from __future__ import annotations

from typing import Any

_MARKUP = ("\\", "*", "_", "`", "<", ">", "[", "]", "#")


def md_text(text: object) -> str:
    """Spec text placed in Markdown: characters Markdown would read as markup are escaped."""
    out = str(text)
    for ch in _MARKUP:
        out = out.replace(ch, "\\" + ch)
    return out


def story(spec: dict[str, Any]) -> str:
    """Who the exercise is about, from the public spec (nothing from the key); "" when it mixes many children
    (sorting, the checker)."""
    kind = spec["type"]
    if kind == "jigsaw":
        child = f"**{md_text(spec['name'])}.** {md_text(spec['story'])}"
        return f"{child}\n\n**The outcome:** {md_text(spec['outcome'])}"
    if kind == "thread":
        return "\n\n".join(
            f"**{md_text(p['name'])}, {p['age']}.** {md_text(p['story'])}" for p in spec["parts"]
        )
    if kind == "fix":
        rounds = [
            f"{n}. **{md_text(r['name'])}.** {md_text(r['context'])}"
            for n, r in enumerate(spec["rounds"], start=1)
        ]
        return "\n".join(["You will rewrite these outcomes, one for each child:", *rounds])
    return ""
