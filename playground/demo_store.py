"""The demo's SQLite file: migrated and seeded once, then copied on every reset.

Running Alembic and the city seed takes about a second; a file copy takes milliseconds, so
"reset demo" feels instant. The template lives next to the database (`demo.template.db`) and
is rebuilt whenever the process starts, so a newer schema or city file is always picked up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from storage.database import Database
from storage.migrate import upgrade
from storage.seed import load_city_file, seed_city

SIDE_FILES = ("-wal", "-shm", "-journal")


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def remove_database(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class DemoStore:
    """Owns `path` (the demo database) and its template."""

    def __init__(self, path: Path, city_file: Path) -> None:
        self.path = path
        self.city_file = city_file
        self.template = path.with_name(f"{path.stem}.template{path.suffix}")

    @property
    def url(self) -> str:
        return sqlite_url(self.path)

    async def build_template(self) -> None:
        """Migrate and seed a fresh template; the city file is validated before any write."""
        city = load_city_file(self.city_file)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_database(self.template)
        await upgrade(sqlite_url(self.template))
        db = Database(sqlite_url(self.template))
        try:
            await seed_city(db.uow, city)
        finally:
            await db.dispose()  # a clean close folds the WAL back into the file

    def fresh(self) -> str:
        """Replace the demo database with a copy of the template; returns its URL."""
        remove_database(self.path)
        shutil.copyfile(self.template, self.path)
        for suffix in SIDE_FILES:
            side = Path(f"{self.template}{suffix}")
            if side.exists():
                shutil.copyfile(side, Path(f"{self.path}{suffix}"))
        return self.url
