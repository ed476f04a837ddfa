"""Codebooks: the YAML format (schema), loading with file:line problems, and compiling for matching."""
