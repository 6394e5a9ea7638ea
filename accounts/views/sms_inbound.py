"""Replies to our SMS, forwarded by the SMS gateway: ``POST /accounts/sms/inbound/``.

The gateway authenticates with ``Authorization: Bearer <settings.SMS_INBOUND_KEY>`` and sends
JSON ``{"from": "<number, any Korean spelling>", "text": "<the reply>"}``. A reply containing
a stop word (``accounts.services.notification_stop``) withdraws the notifications consent of
the people at that number (수신거부, 정보통신망법 §50). Answers:

* 200 ``{"stopped": n}`` — ``n`` profiles stopped now (0 for other text or an unknown number);
* 400 ``{"error": "…"}`` (Korean) — a body that is not a JSON object with string ``from`` and
  ``text``, or a number that is not a Korean mobile number;
* 403 ``{"error": "…"}`` — a missing or wrong key; 405 — any method but POST;
* 404 — for every request while ``SMS_INBOUND_KEY`` is empty (the endpoint is off).

No CSRF token (a server calls it; the key is the authentication); no session is used.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from ..identifiers import normalize_mobile
from ..services.notification_stop import is_stop_request, notifications_stop_by_phone


def _bearer_token(request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@method_decorator(csrf_exempt, name="dispatch")
class SmsInboundView(View):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not settings.SMS_INBOUND_KEY:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        token = _bearer_token(request)
        if not token or not constant_time_compare(token, settings.SMS_INBOUND_KEY):
            return _error(gettext("인증 키가 없거나 맞지 않습니다."), 403)
        try:
            data = json.loads(request.body)
        except (RequestDataTooBig, ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return _error(gettext("요청 내용이 올바른 JSON 형식이 아닙니다."), 400)
        if not isinstance(data, dict) or not isinstance(data.get("from"), str) or not isinstance(data.get("text"), str):
            return _error(gettext("보낸 번호(from)와 내용(text)을 문자열로 보내 주세요."), 400)
        try:
            phone = normalize_mobile(data["from"])
        except ValidationError as exc:
            return _error(exc.messages[0], 400)
        stopped = notifications_stop_by_phone(phone) if is_stop_request(data["text"]) else 0
        return JsonResponse({"stopped": stopped})


urlpatterns = [
    path("sms/inbound/", SmsInboundView.as_view(), name="sms_inbound"),
]
