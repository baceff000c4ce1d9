"""Vướng mắc: curated dataset, warehouse and dashboard of local-government difficulties."""

__version__ = "0.1.0"
