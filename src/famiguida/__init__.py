"""famiguida: the multilingual guide to social services for migrant families."""
