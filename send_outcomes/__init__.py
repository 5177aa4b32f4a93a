"""Outcomes that matter: course data, analyser, widgets and tools for EHCP outcomes."""

__version__ = "0.1.0"
