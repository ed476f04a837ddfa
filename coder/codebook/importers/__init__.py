"""Importers: other coders' dictionaries -> the sections of a coder codebook, with a report of what did not translate."""
