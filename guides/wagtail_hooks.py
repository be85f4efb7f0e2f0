"""Registers the guides admin viewsets and menu items (defined in viewsets.py)."""

from wagtail import hooks  # noqa: F401
