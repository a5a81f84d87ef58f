"""The database half of `aduan backup` / `aduan restore`: a consistent copy taken while the bot
runs, and the per-table row counts and checksums that prove a restore identical.

- SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot page
  by page while writers carry on; counts and checksums are taken from the copy.
- PostgreSQL: `pg_dump --format=custom` of the version matching the server, inside a snapshot
  this process exported (`pg_export_snapshot`), and the counts and checksums are read in that
  same snapshot: they describe exactly what the dump holds, however busy the bot is.

A table's checksum is the SHA-256 of its rows in primary-key order, each row as canonical JSON
(a binary value by its own SHA-256), so a restored database can be compared table by table.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, create_engine, func, inspect, select, text
from sqlalchemy.engine import URL

from storage.database import Database

TableDigests = dict[str, dict[str, Any]]


class BackupError(Exception):
    """A backup or restore step failed in a way the operator must see (one line)."""


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return value


def table_digests(conn: Connection) -> TableDigests:
    """Rows and checksum of every table, read through `conn` (one snapshot)."""
    names = sorted(inspect(conn).get_table_names())
    meta = MetaData()
    meta.reflect(conn, only=names)
    found: TableDigests = {}
    for name in names:
        table = meta.tables[name]
        order = list(table.primary_key.columns) or list(table.columns)
        digest, rows = hashlib.sha256(), 0
        for row in conn.execute(select(table).order_by(*order)).yield_per(1000):
            line = json.dumps([_plain(v) for v in row], default=str, sort_keys=True)
            digest.update(line.encode() + b"\n")
            rows += 1
        found[name] = {"rows": rows, "sha256": digest.hexdigest()}
    return found


def sqlite_path(db: Database) -> Path:
    if not db.url.database:
        raise BackupError("the SQLite URL names no file")
    return Path(db.url.database)


def sqlite_digests(path: Path) -> TableDigests:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return table_digests(conn)
    finally:
        engine.dispose()


def _sqlite_copy(source: Path, target: Path) -> None:
    """The online backup API: a consistent snapshot, writers not blocked for long."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            # All pages in one step, i.e. one read transaction: with WAL, writers go on, and
            # the copy is one snapshot (stepwise, every write would restart the copy).
            src.backup(dst)
    finally:
        dst.close()
        src.close()


async def sqlite_backup(db: Database, target: Path) -> TableDigests:
    await asyncio.to_thread(_sqlite_copy, sqlite_path(db), target)
    return await asyncio.to_thread(sqlite_digests, target)


async def sqlite_restore(db: Database, source: Path) -> TableDigests:
    await db.dispose()  # no connection of ours on the file while it is replaced
    target = sqlite_path(db)
    target.parent.mkdir(parents=True, exist_ok=True)
    await asyncio.to_thread(_sqlite_copy, source, target)
    return await asyncio.to_thread(sqlite_digests, target)


async def postgres_backup(db: Database, target: Path) -> TableDigests:
    async with db.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="REPEATABLE READ")
        snapshot = (await conn.execute(text("SELECT pg_export_snapshot()"))).scalar_one()
        tool = await _postgres_tool(conn, "pg_dump")
        args = [tool, "--format=custom", "--no-owner", f"--snapshot={snapshot}"]
        if db.schema:
            args.append(f"--schema={db.schema}")
        await _run([*args, f"--file={target}", _dsn(db.url)], db.url)
        digests = await conn.run_sync(table_digests)
        await conn.rollback()
    return digests


async def postgres_restore(db: Database, source: Path) -> TableDigests:
    async with db.engine.connect() as conn:
        tool = await _postgres_tool(conn, "pg_restore")
    await db.dispose()
    await _run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_dsn(db.url)}",
            str(source),
        ],
        db.url,
    )
    async with db.engine.connect() as conn:
        return await conn.run_sync(table_digests)


async def is_empty(db: Database) -> bool:
    """No row in any table but Alembic's (a freshly migrated database is empty)."""
    async with db.engine.connect() as conn:
        names = await conn.run_sync(lambda c: inspect(c).get_table_names())
        for name in names:
            if name == "alembic_version":
                continue
            found = await conn.execute(select(func.count()).select_from(text(f'"{name}"')))
            if found.scalar_one():
                return False
    return True


async def _postgres_tool(conn: Any, name: str) -> str:
    """The server's own major version of `pg_dump`/`pg_restore` (Debian keeps each version in
    /usr/lib/postgresql/N/bin); an older client refuses a newer server."""
    version = int((await conn.execute(text("SHOW server_version_num"))).scalar_one())
    matching = f"/usr/lib/postgresql/{version // 10000}/bin/{name}"
    if os.access(matching, os.X_OK):
        return matching
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found; install the PostgreSQL client tools")
    return found


def _dsn(url: URL) -> str:
    """libpq's URL, without the password (that goes in PGPASSWORD, never on a command line)."""
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False)


async def _run(args: list[str], url: URL) -> None:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    proc = await asyncio.create_subprocess_exec(
        *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        lines = err.decode(errors="replace").strip().splitlines()
        raise BackupError(f"{Path(args[0]).name} failed: {lines[-1] if lines else proc.returncode}")
