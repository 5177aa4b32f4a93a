"""``python -m send_outcomes.analytics ASSIGNMENT``: the report without ``send-outcomes``."""

import sys

from send_outcomes.analytics.cli import main

sys.exit(main())
