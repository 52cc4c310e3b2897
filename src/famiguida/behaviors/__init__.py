"""Field groups shared by several content types."""
