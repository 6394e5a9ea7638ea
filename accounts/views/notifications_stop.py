"""``/accounts/notifications/stop/<token>/``: the one-click unsubscribe link of match and
digest emails (issue 6; RFC 8058; 정보통신망법 §50: stopping must be free and immediate).

The token (``accounts.messaging.unsubscribe``) names the seeker profile and is the only
authentication: no login, so that it works from any mail client and for walk-in residents
without an account. Answers:

* GET (and HEAD) — a page saying what stops and a button; it changes nothing, since mail
  scanners and link previews open links;
* POST — withdraws the notifications consent (:func:`accounts.services.notification_stop.
  notifications_stop`) and shows the confirmation with how to turn them back on. Exempt from
  CSRF: the mail provider's one-click POST (body ``List-Unsubscribe=One-Click``) comes without
  our cookie, and the signed token is what authorises it. Repeating it is harmless;
* a token that was altered, cut or is older than ``unsubscribe.MAX_AGE`` — an error page
  (Korean) with status 400; a valid token of an unknown or erased profile — the same kind of
  page with status 404. Neither says anything about the person.

Pages are ``noindex`` and never cached; they show nothing personal (the link may have been
forwarded).
"""

from django.core import signing
from django.shortcuts import render
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from ..choices import ConsentPurpose
from ..messaging.unsubscribe import unsubscribe_profile_id
from ..models import Consent, SeekerProfile
from ..services.notification_stop import notifications_stop


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class NotificationsStopView(View):
    """GET: the question page (``accounts/notifications_stop/confirm.html``); POST: stop and
    the confirmation (``accounts/notifications_stop/done.html``); a bad token:
    ``accounts/notifications_stop/invalid.html`` (400, or 404 for a profile that is gone)."""

    http_method_names = ["get", "head", "post", "options"]

    def dispatch(self, request, *args, token: str = "", **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        try:
            profile_id = unsubscribe_profile_id(token)
        except signing.SignatureExpired:
            return self._invalid(request, expired=True, status=400)
        except signing.BadSignature:
            return self._invalid(request, expired=False, status=400)
        self.profile = SeekerProfile.objects.filter(pk=profile_id, erased_at__isnull=True).first()
        if self.profile is None:
            return self._invalid(request, expired=False, status=404)
        self.token = token
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        active = Consent.objects.active().filter(person=self.profile, purpose=ConsentPurpose.NOTIFICATIONS).exists()
        return render(request, "accounts/notifications_stop/confirm.html", {"token": self.token, "active": active})

    def post(self, request):
        stopped = notifications_stop(self.profile)
        return render(
            request,
            "accounts/notifications_stop/done.html",
            {"stopped": stopped, "has_account": self.profile.user_id is not None},
        )

    @staticmethod
    def _invalid(request, *, expired: bool, status: int):
        return render(request, "accounts/notifications_stop/invalid.html", {"expired": expired}, status=status)


urlpatterns = [
    path("notifications/stop/<str:token>/", NotificationsStopView.as_view(), name="notifications_stop"),
]
