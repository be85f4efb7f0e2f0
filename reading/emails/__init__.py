"""Emails the reading features send, each kind in one module with its templates."""
