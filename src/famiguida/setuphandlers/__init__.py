"""Install, uninstall and import steps of the famiguida profiles."""
