"""Views, templates and static resources of the famiguida portal."""
