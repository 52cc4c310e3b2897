"""1003 -> 1004: the desk forms, their mail queue settings, privacy retention
and the funders' reports."""
