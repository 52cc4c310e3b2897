"""Load the starter content kept as data in the repository's ``content/``."""
