"""Deployment checks of the outbound message layer (``manage.py check --deploy``).

A production portal that still prints its emails and SMS to the console, or whose links point
at 127.0.0.1, sends residents nothing useful while marking every message "sent"; these checks
say so before it goes live."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DEVELOPMENT_SMS_BACKENDS = {
    "accounts.messaging.sms.console.SmsBackend",
    "accounts.messaging.sms.filebased.SmsBackend",
    "accounts.messaging.sms.locmem.SmsBackend",
}
DEVELOPMENT_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
HTTP_SMS_BACKEND = "accounts.messaging.sms.http.SmsBackend"


@register(Tags.security, deploy=True)
def check_messaging(app_configs=None, **kwargs) -> list:
    """Warnings (``accounts.W001``–``W004``) and an error (``accounts.E001``) for message
    settings that only make sense in development. Returns a list of check messages."""
    found = []
    site = urlsplit(settings.NJ_SITE_URL)
    if site.scheme != "https" or site.hostname in ("127.0.0.1", "localhost", None):
        found.append(
            Warning(
                f"NJ_SITE_URL is {settings.NJ_SITE_URL!r}: links in emails and SMS would not reach residents.",
                hint="Set NJ_SITE_URL to the portal's public https address.",
                id="accounts.W001",
            )
        )
    if settings.SMS_BACKEND in DEVELOPMENT_SMS_BACKENDS:
        found.append(
            Warning(
                f"SMS_BACKEND is the development backend {settings.SMS_BACKEND}: no SMS reaches anyone.",
                hint=f"Use {HTTP_SMS_BACKEND} with SMS_GATEWAY_URL and SMS_GATEWAY_KEY.",
                id="accounts.W002",
            )
        )
    if settings.EMAIL_BACKEND in DEVELOPMENT_EMAIL_BACKENDS:
        found.append(
            Warning(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no email reaches anyone.",
                hint="Set EMAIL_URL to the SMTP server.",
                id="accounts.W003",
            )
        )
    if settings.SMS_BACKEND == HTTP_SMS_BACKEND and not (settings.SMS_GATEWAY_URL and settings.SMS_GATEWAY_KEY):
        found.append(
            Error(
                "SMS_BACKEND is the HTTP gateway but SMS_GATEWAY_URL or SMS_GATEWAY_KEY is empty.",
                id="accounts.E001",
            )
        )
    if not settings.SMS_INBOUND_KEY:
        found.append(
            Warning(
                "SMS_INBOUND_KEY is empty: replies to our SMS cannot stop alerts, so texts carry the "
                'unsubscribe link instead of "reply 중지".',
                hint="Set SMS_INBOUND_KEY and have the gateway forward replies to /accounts/sms/inbound/.",
                id="accounts.W004",
            )
        )
    return found
