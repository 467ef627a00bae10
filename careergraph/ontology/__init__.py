"""The knowledge itself, shipped as package data: schema, shapes, data and named queries."""

from pathlib import Path

FOLDER = Path(__file__).parent  # package data is installed as plain files (wheels unpack)
