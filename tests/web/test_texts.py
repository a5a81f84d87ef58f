"""The site's own text catalogue and its language negotiation."""

from __future__ import annotations

from web.texts import LANGUAGES, negotiate, site_texts


def test_every_text_exists_in_every_language() -> None:
    texts = site_texts()
    keys = [texts.keys(lang) for lang in LANGUAGES]
    assert all(k == keys[0] for k in keys) and len(keys[0]) > 100


def test_language_negotiation() -> None:
    assert negotiate("en", "id") == "en"
    assert negotiate(None, "en-GB,en;q=0.9,id;q=0.8") == "en"
    assert negotiate(None, "fr, id;q=0.5, en;q=0.4") == "id"
    assert negotiate(None, "en;q=0") == "id"
    assert negotiate("jv", None) == "id"
