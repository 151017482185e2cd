"""Results on disk: atomic, never over a user's file (outputs, provenance); PDF and PNG pages."""
