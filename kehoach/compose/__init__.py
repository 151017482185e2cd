"""Compose: a validated spec plus wording becomes the document model (``kehoach.document``)."""

from kehoach.compose.composer import body_name_in_text, compose, is_keep_line

__all__ = ["body_name_in_text", "compose", "is_keep_line"]
