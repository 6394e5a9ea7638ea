"""Creating outbound messages (DESIGN.md "Lifecycles: Outbound message").

:func:`message_send` writes one row per (kind, subject, recipient, channel); the unique
``dedupe_key`` makes a second call with the same four a no-op, so a retried task or a
double click never sends twice. :func:`notify_person` fans one notice out over the channels a
person chose. Email and SMS rows are delivered by ``accounts.messaging.delivery`` in a Celery
task enqueued after the surrounding transaction commits; on-site rows are the inbox.
"""

import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone

from ..choices import MessageKind, MessageState, NotifyChannel
from ..models import OutboundMessage, SeekerProfile, User
from .quiet import quiet_until

logger = logging.getLogger(__name__)

#: Channels in the order :func:`notify_person` creates them.
CHANNEL_ORDER = (NotifyChannel.ONSITE, NotifyChannel.EMAIL, NotifyChannel.SMS)
#: Channels of a user without a seeker profile (employer members, staff) when the caller
#: names none: on site (always) and email.
DEFAULT_CHANNELS_WITHOUT_PROFILE = (NotifyChannel.EMAIL,)


def dedupe_key(*, kind: str, subject: str, channel: str, user: User | None = None, profile=None) -> str:
    """``"<kind>:<subject>:<recipient>:<channel>"``. The recipient is the person's seeker
    profile, ``p<profile id>``, whenever there is one (``profile``, or else the profile of
    ``user``, looked up), and ``u<user id>`` only for people without one (employer members,
    staff). A walk-in record that later gets a login keeps its key, so a notice sent before
    the account existed is not sent again after. Raises ``ValueError`` without either."""
    if profile is None and user is not None:
        profile_id = SeekerProfile.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
    else:
        profile_id = profile.pk if profile is not None else None
    if profile_id is not None:
        recipient = f"p{profile_id}"
    elif user is not None:
        recipient = f"u{user.pk}"
    else:
        raise ValueError("A message needs a user or a seeker profile as its recipient.")
    return f"{kind}:{subject}:{recipient}:{channel}"


def message_send(
    *,
    kind: str,
    subject: str,
    channel: str,
    title: str,
    body: str,
    user: User | None = None,
    profile: SeekerProfile | None = None,
    address: str = "",
    html_body: str = "",
    link: str = "",
    send_after: datetime.datetime | None = None,
) -> OutboundMessage | None:
    """Create the message (kind, subject, recipient, channel) unless it already exists.

    Arguments: ``kind`` a :class:`~accounts.choices.MessageKind` value; ``subject`` what the
    message is about (≤ 64 characters, e.g. ``"application:12:viewed"``); ``channel`` a
    :class:`~accounts.choices.NotifyChannel` value; ``title``/``body`` plain text in Korean
    (``title`` is the email subject; an SMS sends ``body`` only, see
    ``accounts.messaging.sms`` for its length); ``html_body`` an optional HTML alternative
    for email; ``link`` a local path (``/my/applications/3/``) the inbox opens; ``user``
    and/or ``profile`` the recipient (the profile names it in the dedupe key, see
    :func:`dedupe_key`); ``address`` the
    email address or E.164 number, by default the user's (or else the profile's) email or
    phone — not checked for verification here, so that a code can go to a number being
    verified (:func:`notify_person` checks it); ``send_after`` holds the message until then
    (an SMS other than a one-time code made in quiet hours, 21:00–08:00 KST, is held until
    08:00 without being asked: ``accounts.messaging.quiet``).

    Returns the new row, or ``None`` when a row with the same dedupe key exists (INSERT … ON
    CONFLICT DO NOTHING: safe under concurrency and inside a caller's transaction). On-site
    rows are stored as ``sent`` and need a ``user``. Email and SMS rows are ``pending``; a
    delivery task is enqueued when the surrounding transaction commits, so a rolled-back
    transaction leaves no row and sends nothing, and a broker outage only delays delivery
    to the beat sweeper. Raises ``ValueError`` for an unknown channel, an on-site message
    without a user, or an email/SMS message without an address.
    """
    if channel not in NotifyChannel.values:
        raise ValueError(f"Unknown channel {channel!r}.")
    if channel == NotifyChannel.SMS and kind != MessageKind.CODE and send_after is None:
        send_after = quiet_until()  # no text messages 21:00–08:00 KST (codes are awaited)
    key = dedupe_key(kind=kind, subject=subject, channel=channel, user=user, profile=profile)
    now = timezone.now()
    message = OutboundMessage(
        kind=kind,
        subject=subject,
        channel=channel,
        dedupe_key=key,
        user=user,
        profile=profile,
        title=title,
        body=body,
        html_body=html_body,
        link=link,
        send_after=send_after,
    )
    if channel == NotifyChannel.ONSITE:
        if user is None:
            raise ValueError("An on-site message needs a user account.")
        message.state = MessageState.SENT
        message.sent_at = now
    else:
        message.address = address or _default_address(channel, user, profile)
        if not message.address:
            raise ValueError(f"No {channel} address for {key}.")
        message.state = MessageState.PENDING
    if not _insert_unless_exists(message):
        return None
    if channel != NotifyChannel.ONSITE and (send_after is None or send_after <= now):
        transaction.on_commit(enqueue_delivery)
    return message


def notify_person(
    *,
    kind: str,
    subject: str,
    title: str,
    body: str,
    link: str = "",
    html_body: str = "",
    profile: SeekerProfile | None = None,
    user: User | None = None,
    channels=None,
) -> list[OutboundMessage]:
    """Tell a person something over the channels they chose; returns the rows created
    (those that already existed are left out).

    The person is ``user`` or ``profile`` (either; the other is looked up). Channels are
    ``channels`` when given, else ``profile.notify_channels``, else (a user without a seeker
    profile) email. On-site is always added when the person has an account. Email goes only
    to a verified address (``user.email`` with ``email_verified_at``, or a walk-in
    profile's ``email``, entered by centre staff), SMS only to a verified number
    (``user.phone`` with ``phone_verified_at``, or a walk-in profile's ``phone``); a channel
    without one is skipped. An erased person (user or profile ``erased_at``) gets nothing.
    Frequency (``notify_frequency``) and the notifications consent concern match alerts and
    digests, and are their caller's business. Raises ``ValueError`` without a person.
    """
    if user is None and profile is None:
        raise ValueError("notify_person needs a user or a seeker profile.")
    if profile is None:
        profile = SeekerProfile.objects.filter(user=user).first()
    elif user is None:
        user = profile.user
    reachable = notice_channels(user=user, profile=profile, channels=channels)
    created = []
    for channel, address in reachable:
        message = message_send(
            kind=kind,
            subject=subject,
            channel=channel,
            title=title,
            body=body,
            html_body=html_body if channel == NotifyChannel.EMAIL else "",
            link=link,
            user=user,
            profile=profile,
            address=address,
        )
        if message is not None:
            created.append(message)
    return created


def notice_channels(*, user: User | None, profile: SeekerProfile | None, channels=None) -> list[tuple[str, str]]:
    """The channels :func:`notify_person` would use for this person now, in
    ``CHANNEL_ORDER``, each with its address (``""`` on site): the chosen channels (or
    ``channels``), on-site added for an account and dropped without one, email and SMS only
    with a verified address. Empty for an erased person."""
    if (user is not None and user.erased_at) or (profile is not None and profile.erased_at):
        return []
    if channels is None:
        channels = profile.notify_channels if profile is not None else DEFAULT_CHANNELS_WITHOUT_PROFILE
    wanted = set(channels)
    if user is not None:
        wanted.add(NotifyChannel.ONSITE)
    else:
        wanted.discard(NotifyChannel.ONSITE)  # no account, no inbox
    reachable = []
    for channel in CHANNEL_ORDER:
        if channel not in wanted:
            continue
        address = "" if channel == NotifyChannel.ONSITE else verified_address(channel, user=user, profile=profile)
        if channel == NotifyChannel.ONSITE or address:
            reachable.append((channel, address))
    return reachable


def verified_address(channel: str, *, user: User | None, profile: SeekerProfile | None) -> str:
    """The verified email address or E.164 number of a person for ``channel``, or ``""``:
    the account's when verified, else a walk-in profile's (one without an account, entered
    by centre staff from the person in front of them)."""
    walk_in = profile is not None and profile.user_id is None
    if channel == NotifyChannel.EMAIL:
        if user is not None and user.email and user.email_verified_at:
            return user.email
        return profile.email if walk_in else ""
    if channel == NotifyChannel.SMS:
        if user is not None and user.phone and user.phone_verified_at:
            return user.phone
        return profile.phone if walk_in else ""
    return ""


def enqueue_delivery() -> None:
    """Enqueue the delivery task; never raises. When the broker is unreachable it logs a
    warning and the rows stay ``pending`` for the beat sweeper (``deliver_pending_messages``,
    every minute). It fails fast: one connection attempt and no publish retries (kombu's
    defaults would retry for seconds), since the caller is usually a web request."""
    from ..tasks import deliver_messages

    try:
        with deliver_messages.app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=0)
            deliver_messages.apply_async(producer=producer, retry=False)
    except Exception:  # the broker's errors vary by transport (kombu, redis, OSError)
        logger.warning("Could not enqueue message delivery; the sweeper will send it.", exc_info=True)


def _default_address(channel: str, user: User | None, profile: SeekerProfile | None) -> str:
    for person in (user, profile):
        if person is None:
            continue
        value = person.email if channel == NotifyChannel.EMAIL else person.phone
        if value:
            return value
    return ""


def _insert_unless_exists(message: OutboundMessage) -> bool:
    """``INSERT … ON CONFLICT (dedupe_key) DO NOTHING RETURNING id``; sets ``message.pk`` and
    returns ``True`` when the row was inserted."""
    meta = OutboundMessage._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    params = [f.get_db_prep_save(f.pre_save(message, add=True), connection) for f in fields]
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - names from _meta
        f"ON CONFLICT ({qn('dedupe_key')}) DO NOTHING RETURNING {qn(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    message.pk = row[0]
    message._state.adding = False
    message._state.db = connection.alias
    return True
