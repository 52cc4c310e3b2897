"""Command-line entry points (console scripts) of famiguida."""
