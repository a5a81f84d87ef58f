"""aduan's public face: the website and the Open311 GeoReport v2 API (`aduan web`), and the
QR posters that spread the service.

It reads the same database as the bot and keeps no state of its own, so several processes can
serve behind a load balancer. Only complaints whose citizen chose "public" appear, at rounded
locations, with public events only; no name, phone, Telegram id or internal note leaves here.
Imports point inward: web → handlers (texts for staff notices) → domain ← storage.
"""
