"""Writing many message rows in one statement (matching at city scale, issue 6).

:func:`notice_channels`/:func:`verified_address` and :func:`dedupe_key` (``outbox``) decide
for one person; the SQL here says the same for a whole set of rows (tests check that they
agree), so a caller can write ``INSERT … SELECT … ON CONFLICT (dedupe_key) DO NOTHING`` for
100,000 people at once. Aliases: ``s`` is ``accounts_seekerprofile`` and ``u`` its
``accounts_user`` (``LEFT JOIN``, NULL for walk-in residents)."""

from django.db import connection, transaction

from ..choices import NotifyChannel

#: The verified address of a person per channel, as ``outbox.verified_address``: the account's
#: when verified, else a walk-in profile's (no account), else ''.
ADDRESS_SQL = {
    NotifyChannel.EMAIL: (
        "(CASE WHEN u.email IS NOT NULL AND u.email_verified_at IS NOT NULL THEN u.email"
        " WHEN s.user_id IS NULL THEN s.email ELSE '' END)"
    ),
    NotifyChannel.SMS: (
        "(CASE WHEN u.phone IS NOT NULL AND u.phone_verified_at IS NOT NULL THEN u.phone"
        " WHEN s.user_id IS NULL THEN s.phone ELSE '' END)"
    ),
}

#: Rows of people who may get anything at all (not erased, account active if any).
REACHABLE_SQL = "(s.erased_at IS NULL AND (u.id IS NULL OR (u.is_active AND u.erased_at IS NULL)))"


def channel_wanted_sql(channel: str) -> str:
    """SQL true when the person of ``s``/``u`` gets ``channel`` (as ``notice_channels``):
    on site for every account, email and SMS when chosen and verified."""
    if channel == NotifyChannel.ONSITE:
        return "(u.id IS NOT NULL)"
    return f"('{channel}' = ANY(s.notify_channels) AND {ADDRESS_SQL[channel]} <> '')"


def dedupe_key_sql(kind: str, subject_sql: str, channel: str) -> str:
    """SQL of ``outbox.dedupe_key`` for a seeker profile ``s``: ``'<kind>:' || subject ||
    ':p<id>:<channel>'`` (``subject_sql`` is an SQL expression)."""
    return f"('{kind}:' || {subject_sql} || ':p' || s.id || ':{channel}')"


#: The columns :func:`insert_messages` fills, in order; the SELECT must give them.
INSERT_COLUMNS = (
    "kind",
    "channel",
    "subject",
    "dedupe_key",
    "user_id",
    "profile_id",
    "address",
    "title",
    "body",
    "html_body",
    "link",
    "state",
    "attempts",
    "last_error",
    "created_at",
    "send_after",
    "sent_at",
    "provider_id",
)


def insert_messages(select_sql: str, params, *, deliver: bool = True) -> int:
    """``INSERT INTO accounts_outboundmessage (INSERT_COLUMNS) <select_sql> ON CONFLICT
    (dedupe_key) DO NOTHING``; returns the number of rows written. When ``deliver`` and rows
    were written, the delivery task is enqueued after the surrounding transaction commits
    (as ``message_send``)."""
    from .outbox import enqueue_delivery

    sql = (
        f"INSERT INTO accounts_outboundmessage ({', '.join(INSERT_COLUMNS)}) {select_sql} "  # noqa: S608
        "ON CONFLICT (dedupe_key) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.rowcount
    if written and deliver:
        transaction.on_commit(enqueue_delivery)
    return written
