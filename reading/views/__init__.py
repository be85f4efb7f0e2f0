"""Public views of the reading side, one module per feature."""
