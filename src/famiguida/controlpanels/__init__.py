"""Site settings kept in the registry, each with its control panel."""
