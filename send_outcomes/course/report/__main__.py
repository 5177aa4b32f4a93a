"""``python -m send_outcomes.course.report ASSIGNMENT``: the report without ``send-outcomes``."""

import sys

from send_outcomes.course.report.cli import main

sys.exit(main())
