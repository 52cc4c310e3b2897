"""Reports for the funders (rendicontazione): desk requests counted per month."""
