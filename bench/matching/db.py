"""Database helpers of the matching benchmark.

The guard that refuses a database whose name lacks ``bench``; values and column lists in
PostgreSQL COPY text format; bulk-load helpers (secondary indexes dropped and rebuilt, COPY
in chunks, foreign keys checked set-based afterwards); VACUUM (ANALYZE) of the tables the
benchmark reads and writes.
"""

import datetime
import json

from django.db import connection
from psycopg import sql

NULL = r"\N"


def literal(value) -> str:
    """``value`` in COPY text format (``None`` → ``\\N``, lists → array literals of plain codes)."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        return "{" + ",".join(value) + "}"
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def array(codes) -> str:
    return "{" + ",".join(codes) + "}"


def column_layout(model, generated: list[str]) -> tuple[list[str], str]:
    """Columns of ``model`` for COPY: ``generated`` first (the caller writes them), then every
    other concrete column filled with its model default, as one constant text suffix (an
    auto primary key left out is numbered by the database).

    Raises ``RuntimeError`` for a NOT NULL column without a default that the generator does
    not write (a field added since: teach the generator about it)."""
    rest, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in generated or (field.primary_key and field.get_internal_type().endswith("AutoField")):
            continue
        if field.has_default():
            default = field.get_default()
        elif field.null:
            default = None
        elif field.get_internal_type() in ("CharField", "TextField", "EmailField", "FileField", "URLField"):
            default = ""
        else:
            raise RuntimeError(f"{model.__name__}.{field.name}: NOT NULL without a default; generate it.")
        rest.append(field.column)
        values.append(literal(default))
    suffix = ("\t" + "\t".join(values)) if values else ""
    return generated + rest, suffix


def secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, definition) of ``table``'s indexes that back no constraint (dropped while
    loading and built again afterwards, much faster than updating them row by row)."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(x.indexrelid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        """,
        [table],
    )
    return cursor.fetchall()


def drop_secondary_indexes(cursor, *tables: str) -> list[str]:
    """Drop the indexes of ``tables`` that back no constraint (:func:`secondary_indexes`)
    before a bulk load; returns their definitions, to execute again after it."""
    dropped = [index for table in tables for index in secondary_indexes(cursor, table)]
    for name, _ in dropped:
        cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    return [definition for _, definition in dropped]


def set_id_sequence(cursor, table: str, last_id: int) -> None:
    """Set ``table``'s ``id`` sequence so that the next row gets ``last_id + 1`` (after rows
    were copied with their own ids)."""
    cursor.execute(
        sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), {})").format(sql.Literal(table), sql.Literal(last_id))
    )


def copy_lines(cursor, table: str, columns: list[str], lines) -> int:
    """COPY the text-format ``lines`` (iterable of chunks of lines) into ``table``; returns rows."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    rows = 0
    with cursor.copy(statement) as copy:
        for chunk in lines:
            copy.write("".join(chunk))
            rows += len(chunk)
    return rows


def ensure_bench_database() -> None:
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        raise SystemExit(f"Refusing to run on database {name!r}: its name must contain 'bench' (it is truncated).")


_TS_CACHE: dict[int, str] = {}


def ts(epoch: int) -> str:
    """``epoch`` seconds as a UTC timestamp literal (dates cached; the time part is computed)."""
    day, second = divmod(epoch, 86_400)
    date = _TS_CACHE.get(day)
    if date is None:
        date = _TS_CACHE[day] = datetime.date.fromordinal(719_163 + day).isoformat()
    hour, rest = divmod(second, 3600)
    return f"{date} {hour:02d}:{rest // 60:02d}:{rest % 60:02d}+00"


def check_foreign_keys(cursor) -> None:
    """Set-based check of the foreign keys that the load skipped row by row; raises
    ``RuntimeError`` naming the first one with a dangling value."""
    checks = [
        ("accounts_seekerprofile", "user_id", "accounts_user", "id"),
        ("accounts_seekerprofile", "registered_by_id", "accounts_user", "id"),
        ("accounts_seekerprofile", "registered_centre_id", "reference_communitycentre", "id"),
        ("accounts_seekerprofile", "home_dong_id", "reference_dong", "code"),
        ("accounts_consent", "person_id", "accounts_seekerprofile", "id"),
        ("accounts_consent", "taken_by_id", "accounts_user", "id"),
    ]
    for table, column, target, key in checks:
        cursor.execute(
            sql.SQL(
                "SELECT count(*) FROM {t} a WHERE a.{c} IS NOT NULL"
                " AND NOT EXISTS (SELECT 1 FROM {r} b WHERE b.{k} = a.{c})"
            ).format(t=sql.Identifier(table), c=sql.Identifier(column), r=sql.Identifier(target), k=sql.Identifier(key))
        )
        (missing,) = cursor.fetchone()
        if missing:
            raise RuntimeError(f"{table}.{column}: {missing} rows point at no {target} row")


def vacuum_analyze() -> None:
    """VACUUM (ANALYZE) the people tables and what matching writes: the steady state that
    autovacuum keeps (statistics, visibility map for index-only scans, hint bits set), not
    the state just after a bulk load, whose first readers pay for setting hint bits."""
    with connection.cursor() as cursor:
        for table in (
            "accounts_user",
            "accounts_seekerprofile",
            "accounts_consent",
            "jobs_match",
            "accounts_outboundmessage",
        ):
            cursor.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
