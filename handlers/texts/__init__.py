"""Every user-facing string, in Indonesian (default) and English, from Fluent catalogues."""

from handlers.texts.catalogue import Catalogue, default_catalogue

__all__ = ["Catalogue", "default_catalogue"]
