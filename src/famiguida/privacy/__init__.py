"""Privacy of the desk requests: retention, purge of personal data, erasure
on request."""
