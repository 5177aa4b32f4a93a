"""Read a real draft plan (Word, PDF, pasted text, or our YAML/JSON form) and check it as a whole.

The wing is a pipeline of small steps, each in its own module:

- ``read``: open any plan file, deciding its kind by its first bytes, then by its name;
- ``bounded``: read a file without ever holding more than the limit (``/dev/zero``, 200 MB files);
- ``text``, ``docx``, ``pdf`` (with ``layout`` for text placed on a page): turn each format into one
  neutral ``Document`` of blocks (headings, paragraphs, list items, table rows with cells);
- ``yamlsafe``: the explicit YAML/JSON form, with limits on size, aliases and depth;
- ``sections``: recognise sections A to K and areas of need however a template names them;
- ``links``: build the ``Plan`` (items by section, and the links between needs, outcomes and provision)
  from a document, or from the explicit YAML/JSON form;
- ``classify``: the one place the statement analyser is asked about an item (with its section);
- ``checks``: every legal and good-practice check, one set for both paths;
- ``report``: text, JSON and a printable HTML page, with names replaced on request;
- ``examples``: writes the fictional example plans (.docx, .pdf, .txt) from their data.

The page's checker (``js/planread.js``, ``planlinks.js``, ``plancheck.js``, ``planpanel.js``) follows the
same rules in the same order; a browser test compares its report with this one on every example plan.
``analysis.check_plan`` stays as the notebooks' API for the explicit form (its findings name key paths).

Names that templates use, the checks' severities and the paragraphs they rest on are data
(``data/plan/reading.json`` and ``data/plan/checks.json``), read by the page's checker too.
"""

from send_outcomes.plans.checks import Problem, check
from send_outcomes.plans.document import Block, Document, ReadError
from send_outcomes.plans.links import Item, Plan
from send_outcomes.plans.read import read_plan

__all__ = ["Block", "Document", "Item", "Plan", "Problem", "ReadError", "check", "read_plan"]
