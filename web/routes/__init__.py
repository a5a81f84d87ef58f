"""The site's routes: pages (performance, complaints) and the Open311 API."""
