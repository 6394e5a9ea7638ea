"""Notices of new matches: message rows of kind ``match``, one per (match, channel), written
set-based (issue 6 "Delivery rules").

For the matches of one posting not yet told (``notified_at`` empty), seekers who chose
immediate notices get, in one statement per channel: an on-site message (accounts), an email
(verified address) and an SMS (verified number). SMS rules: at most :data:`SMS_DAILY_CAP`
immediate match SMS per seeker per KST day — beyond it the match is kept for the next daily
digest's SMS (``Match.digest = "sms"``); in quiet hours (21:00–08:00 KST) the SMS row waits
until 08:00 (``accounts.messaging.quiet``). Seekers who chose a daily digest get nothing now
(``digest = "all"``; see ``jobs.matching.digest``).

Texts are rendered once per posting from templates (``templates/jobs/matching/``) with the
marker :data:`REASONS_MARK`, which the SQL replaces with each match's reasons in Korean."""

import datetime
import json

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging.bulk import ADDRESS_SQL, REACHABLE_SQL, channel_wanted_sql, dedupe_key_sql, insert_messages
from accounts.messaging.quiet import kst_day_start, quiet_until

from ..models import JobPosting, MatchDigest
from .rules import all_reason_codes, reason_text

#: Immediate match SMS per seeker per KST day (issue 6); the rest roll into the digest.
SMS_DAILY_CAP = 3
#: Replaced in the rendered texts by a match's reasons ("희망 직종 일치, 거주 동 근처").
REASONS_MARK = "§REASONS§"

_FROM_MATCHES = (
    "FROM jobs_match m JOIN accounts_seekerprofile s ON s.id = m.profile_id "
    "LEFT JOIN accounts_user u ON u.id = s.user_id "
    "WHERE m.posting_id = %s AND m.notified_at IS NULL"
)


def match_subject(posting_id: int) -> str:
    """The messages' subject: ``"posting:<id>"`` (with the kind and the seeker it makes the
    dedupe key ``match:posting:<id>:p<profile>:<channel>``, one per match and channel)."""
    return f"posting:{posting_id}"


def _labels_json(*, html: bool) -> str:
    labels = {code: reason_text(code, translate=False, discreet=True) for code in all_reason_codes()}
    if html:
        labels = {code: str(escape(text)) for code, text in labels.items()}
    return json.dumps(labels, ensure_ascii=False)


def _reasons_sql() -> str:
    """SQL of a match's reasons as Korean text, each text once in the order of the reasons
    (two declared groups read "우대 대상에 해당" once); the label map is a parameter."""
    return (
        "(SELECT string_agg(label, ', ' ORDER BY first) FROM (SELECT %s::jsonb ->> r AS label, min(o) AS first"
        " FROM unnest(m.reasons) WITH ORDINALITY AS t(r, o) GROUP BY 1) labels)"
    )


def match_texts(posting: JobPosting) -> dict[str, str]:
    """The texts of a posting's match notices, in Korean, each with :data:`REASONS_MARK`:
    ``title``, ``onsite``, ``sms``, ``email`` and ``email_html``."""
    context = {
        "posting": posting,
        "reasons": REASONS_MARK,
        "url": settings.NJ_SITE_URL.rstrip("/") + posting.get_absolute_url(),
    }
    with translation.override("ko"):
        return {
            "title": render_to_string("jobs/matching/match_title.txt", context).strip(),
            "onsite": render_to_string("jobs/matching/match_onsite.txt", context).strip(),
            "sms": render_to_string("jobs/matching/match_sms.txt", context).strip(),
            "email": render_to_string("jobs/matching/match_email.txt", context).strip() + "\n",
            "email_html": render_to_string("jobs/matching/match_email.html", context),
        }


def match_notices_write(posting: JobPosting, *, now) -> int:
    """Write the notices of ``posting``'s untold matches and mark them told; returns the
    number of message rows written. Called inside ``match_posting``'s transaction (which
    holds the matching lock, so the daily SMS cap is counted by one run at a time)."""
    texts = match_texts(posting)
    subject = match_subject(posting.pk)
    link = posting.get_absolute_url()
    # the cap counts SMS by the KST day they go out: one made in quiet hours counts for the
    # morning it is released, so at most SMS_DAILY_CAP arrive on any one day
    day_start = kst_day_start(quiet_until(now) or now)
    sms_over_cap = (
        "(SELECT count(*) FROM accounts_outboundmessage o WHERE o.profile_id = s.id"
        f" AND o.kind = '{MessageKind.MATCH}' AND o.channel = '{NotifyChannel.SMS}'"
        f" AND o.state NOT IN ('{MessageState.SUPPRESSED}', '{MessageState.FAILED}')"
        " AND COALESCE(o.send_after, o.created_at) >= %s"
        f" AND COALESCE(o.send_after, o.created_at) < %s) >= {SMS_DAILY_CAP}"
    )
    sms_wanted = f"{REACHABLE_SQL} AND {channel_wanted_sql(NotifyChannel.SMS)}"
    with connection.cursor() as cursor:
        # 1. over the daily SMS cap: that SMS waits for the digest (the rest is sent now)
        cursor.execute(
            f"UPDATE jobs_match m SET digest = '{MatchDigest.SMS}' FROM accounts_seekerprofile s "  # noqa: S608
            "LEFT JOIN accounts_user u ON u.id = s.user_id "
            f"WHERE s.id = m.profile_id AND m.posting_id = %s AND m.notified_at IS NULL AND m.digest = '' "
            f"AND {sms_wanted} AND {sms_over_cap}",
            [posting.pk, day_start, day_start + datetime.timedelta(days=1)],
        )
    written = 0
    labels, labels_html = _labels_json(html=False), _labels_json(html=True)
    for channel in (NotifyChannel.ONSITE, NotifyChannel.EMAIL, NotifyChannel.SMS):
        body_key = {NotifyChannel.ONSITE: "onsite", NotifyChannel.EMAIL: "email", NotifyChannel.SMS: "sms"}[channel]
        digests = "('')" if channel == NotifyChannel.SMS else f"('', '{MatchDigest.SMS}')"
        state = MessageState.SENT if channel == NotifyChannel.ONSITE else MessageState.PENDING
        send_after = quiet_until(now) if channel == NotifyChannel.SMS else None
        html_sql = f"replace(%s, '{REASONS_MARK}', {_reasons_sql()})" if channel == NotifyChannel.EMAIL else "%s"
        select = (
            f"SELECT '{MessageKind.MATCH}', '{channel}', %s, {dedupe_key_sql(MessageKind.MATCH, '%s', channel)}, "
            f"s.user_id, s.id, {_address_sql(channel)}, %s, replace(%s, '{REASONS_MARK}', {_reasons_sql()}), "
            f"{html_sql}, %s, '{state}', 0, '', %s, %s::timestamptz, "
            f"{'%s::timestamptz' if channel == NotifyChannel.ONSITE else 'NULL'}, '' "
            f"{_FROM_MATCHES} AND m.digest IN {digests} AND {REACHABLE_SQL} AND {channel_wanted_sql(channel)}"
        )
        params = [subject, subject, texts["title"], texts[body_key], labels]
        if channel == NotifyChannel.EMAIL:
            params += [texts["email_html"], labels_html]
        else:
            params += [""]
        params += [link, now, send_after]
        if channel == NotifyChannel.ONSITE:
            params += [now]
        params += [posting.pk]
        written += insert_messages(select, params, deliver=channel != NotifyChannel.ONSITE)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jobs_match SET notified_at = %s WHERE posting_id = %s AND notified_at IS NULL "
            f"AND digest IN ('', '{MatchDigest.SMS}')",
            [now, posting.pk],
        )
    return written


def _address_sql(channel: str) -> str:
    return "''" if channel == NotifyChannel.ONSITE else ADDRESS_SQL[channel]
