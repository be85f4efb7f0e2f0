"""Public forms of the reading side, one module per feature."""
