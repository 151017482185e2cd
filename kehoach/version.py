"""The version, in one place (the package build reads it from here)."""

__version__ = "0.1.0"
