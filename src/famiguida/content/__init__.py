"""Content types of the directory: Service, Organization, Location."""
