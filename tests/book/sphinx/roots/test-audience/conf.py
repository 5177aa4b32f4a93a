"""A tiny project that loads the course's one Sphinx extension."""

extensions = ["send_outcomes.sphinx"]
root_doc = "index"
