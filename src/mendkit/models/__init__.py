"""Learned components shipped inside the package (no download at run time, ever)."""
