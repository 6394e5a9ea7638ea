"""One-click unsubscribe links of match emails (issue 6; RFC 8058 ``List-Unsubscribe-Post``).

The link carries a signed token naming the seeker profile (``django.core.signing`` with its
own salt), so it works without logging in, from any mail client, for walk-in residents
too; opening it withdraws the notifications consent
(``accounts.services.notification_stop``)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "accounts.unsubscribe"
#: How long a link works, in seconds (two years, the retention period of a record).
MAX_AGE = 2 * 366 * 24 * 3600


def unsubscribe_token(profile_id: int) -> str:
    """A URL-safe token for ``profile_id``."""
    return signing.dumps({"p": int(profile_id)}, salt=SALT, compress=False)


def unsubscribe_profile_id(token: str) -> int:
    """The profile id in ``token``. Raises ``signing.BadSignature`` (or its subclass
    ``SignatureExpired``) for a token that was not made here, was altered or is too old."""
    data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise signing.BadSignature("malformed unsubscribe token")
    return data["p"]


def unsubscribe_url(profile_id: int) -> str:
    """The absolute unsubscribe link of ``profile_id`` (``settings.NJ_SITE_URL``)."""
    path = reverse("accounts:notifications_stop", args=[unsubscribe_token(profile_id)])
    return settings.NJ_SITE_URL.rstrip("/") + path
