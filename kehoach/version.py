"""The program's name and version, in one place (the package build reads the version here)."""

__version__ = "0.1.0"
APPLICATION = "kehoach"  # how documents name their maker (docProps, PDF /Creator, PNG tEXt)
