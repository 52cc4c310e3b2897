"""Catalog indexers of the directory types."""
