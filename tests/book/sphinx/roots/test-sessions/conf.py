"""A tiny MyST project (the session plan is MyST, as the book is) with the course's one extension."""

extensions = ["myst_parser", "send_outcomes.sphinx"]
root_doc = "index"
