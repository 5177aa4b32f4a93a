"""Sphinx extensions that place course material on book pages (audience lines, exercises)."""
