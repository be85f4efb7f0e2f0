"""Admin viewsets of the reading side, one module per feature; wagtail_hooks registers them."""
