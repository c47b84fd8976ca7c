"""The version of publisher (shared: output metadata and cache keys carry it)."""

__version__ = "0.1.0"
