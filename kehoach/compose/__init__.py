"""Compose: a validated spec plus wording becomes the document model (``kehoach.document``)."""

from kehoach.compose.composer import compose

__all__ = ["compose"]
