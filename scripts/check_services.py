"""Check that PostgreSQL and Redis answer, and create the portal's database if missing.

Reads ``DATABASE_URL`` and ``REDIS_URL`` (defaults as in settings). Exit code 0 when both
answer, 1 otherwise, with one line per problem saying what to start.
"""

import os
import sys

import environ
import psycopg
import redis
from psycopg import sql

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/namdong_jobs"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def main() -> int:
    env = environ.Env()
    environ.Env.read_env(".env", overwrite=False)
    db = env.db_url_config(os.environ.get("DATABASE_URL", DEFAULT_DB))
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    ok = True
    conninfo = dict(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        connect_timeout=3,
    )
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
                print(f"데이터베이스 {db['NAME']} 을(를) 만들었습니다.")
    except psycopg.OperationalError as exc:
        ok = False
        print(
            f"PostgreSQL이 {conninfo['host']}:{conninfo['port']} 에서 응답하지 않습니다 — "
            "시작하세요: sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start "
            f"({exc.__class__.__name__})",
            file=sys.stderr,
        )
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        ok = False
        print(
            f"Redis가 {redis_url} 에서 응답하지 않습니다 — 시작하세요: "
            "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no "
            f"({exc.__class__.__name__})",
            file=sys.stderr,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
