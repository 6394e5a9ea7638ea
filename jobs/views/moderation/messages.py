"""``/moderation/messages/``: email and SMS messages that could not be delivered, for district
staff (issue 6 "Reliability": ``failed`` with the last error visible to district staff, and a
retry button).

The list shows ``failed`` rows (``accounts.models.OutboundMessage``) newest first, 50 a page,
optionally of one kind and one channel (``?kind=…&channel=…``; an unknown value is ignored,
as is a bad page number), with the address masked (DESIGN.md "Privacy": lists mask phone
numbers): numbers as ``010-****-5678``, email addresses as ``k***@example.com``, also where the
address appears in the last error. Above the list: how many email/SMS messages made in the
last 7 days are in each state. A retry (POST) calls
``accounts.messaging.delivery.message_retry`` and comes back to the list with a message.
"""

import datetime
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from phonenumbers import NumberParseException

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.identifiers import format_mobile, mask_mobile
from accounts.messaging.delivery import message_retry
from accounts.mixins import DistrictStaffRequiredMixin
from accounts.models import OutboundMessage

from ..public import page_below_one

#: Rows on one page of the list.
MESSAGES_PAGE_SIZE = 50
#: The period the state counts at the top cover.
COUNT_PERIOD = datetime.timedelta(days=7)
#: Channels that can fail (on-site messages are stored as sent).
DELIVERED_CHANNELS = (NotifyChannel.EMAIL, NotifyChannel.SMS)
#: States in the order the counts table shows them.
COUNTED_STATES = (
    MessageState.PENDING,
    MessageState.SENDING,
    MessageState.SENT,
    MessageState.FAILED,
    MessageState.SUPPRESSED,
)

_E164 = re.compile(r"^\+\d{8,15}$")


def mask_address(address: str) -> str:
    """``address`` masked for a list: an E.164 number → ``"010-****-5678"``
    (``accounts.identifiers.mask_mobile``), an email address → its first character, ``***``
    and ``@domain`` (``"kim@example.com"`` → ``"k***@example.com"``), anything else →
    ``***`` and its last 2 characters at most; ``""`` stays ``""`` (an erased recipient)."""
    if not address:
        return ""
    if _E164.match(address):
        try:
            return mask_mobile(address)
        except NumberParseException:
            return "***" + address[-2:]
    local, at, domain = address.rpartition("@")
    if at and local:
        return f"{local[0]}***@{domain}"
    return "***" + address[-2:] if len(address) > 4 else "***"


def mask_in_text(text: str, address: str) -> str:
    """``text`` (a provider's error) with every spelling of ``address`` masked: the address
    itself and, for a number, its national forms (``010-1234-5678``, ``01012345678``)."""
    if not text or not address:
        return text
    spellings = {address}
    if _E164.match(address):
        try:
            national = format_mobile(address)
        except NumberParseException:
            national = ""
        if national:
            spellings |= {national, national.replace("-", "")}
    masked = mask_address(address)
    for spelling in sorted(spellings, key=len, reverse=True):
        text = re.sub(re.escape(spelling), masked, text, flags=re.IGNORECASE)
    return text


def clean_filters(query: QueryDict) -> dict[str, str]:
    """The valid filters of ``query``: ``kind`` (a :class:`MessageKind` value) and ``channel``
    (email or sms); an absent, unknown or repeated-but-invalid value is left out."""
    filters = {}
    kind = query.get("kind", "")
    if kind in MessageKind.values:
        filters["kind"] = kind
    channel = query.get("channel", "")
    if channel in DELIVERED_CHANNELS:
        filters["channel"] = channel
    return filters


def clean_page(query: QueryDict) -> str:
    """The ``page`` of ``query`` for ``Paginator.get_page`` ("1" for a number below 1, which
    ``get_page`` would turn into the last page)."""
    raw = query.get("page", "1")
    return "1" if page_below_one(raw) else raw


class MessageListView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/messages/``: failed email/SMS messages and the state counts of the last
    7 days. Context: ``rows`` (the page's messages, each with ``masked_address`` and
    ``masked_error``), ``page_obj``, ``filters`` (the valid ones), ``filter_query`` (them
    URL-encoded), ``back`` (the query string the retry forms send back), ``kind_options``,
    ``channel_options``, ``state_counts`` (``[(label, n)]``), ``since``."""

    template_name = "jobs/moderation/messages.html"
    paginate_by = MESSAGES_PAGE_SIZE

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filters = clean_filters(self.request.GET)
        failed = OutboundMessage.objects.filter(state=MessageState.FAILED, **filters).order_by("-created_at", "-id")
        paginator = Paginator(
            failed.only(
                "id", "kind", "channel", "address", "attempts", "last_error", "created_at", "claimed_at", "state"
            ),
            self.paginate_by,
        )
        page = paginator.get_page(clean_page(self.request.GET))
        rows = list(page.object_list)
        for row in rows:
            row.masked_address = mask_address(row.address)
            row.masked_error = mask_in_text(row.last_error, row.address)
            # a one-time code has expired; an erased recipient has no address to send to
            row.can_retry = row.kind != MessageKind.CODE and bool(row.address)
        since = timezone.now() - COUNT_PERIOD
        counts = dict(
            OutboundMessage.objects.filter(created_at__gte=since, channel__in=DELIVERED_CHANNELS)
            .order_by()
            .values_list("state")
            .annotate(n=Count("id"))
        )
        filter_query = urlencode(filters)
        back = urlencode({**filters, **({"page": page.number} if page.number > 1 else {})})
        ctx.update(
            rows=rows,
            page_obj=page,
            paginator=paginator,
            filters=filters,
            filter_query=filter_query,
            back=back,
            kind_options=[(value, _(label)) for value, label in MessageKind.choices],
            channel_options=[(value, _(NotifyChannel(value).label)) for value in DELIVERED_CHANNELS],
            state_counts=[(state, _(state.label), counts.get(state, 0)) for state in COUNTED_STATES],
            since=since,
        )
        return ctx


class MessageRetryView(DistrictStaffRequiredMixin, View):
    """POST ``/moderation/messages/<pk>/retry/``: send a failed message again
    (``message_retry``: back to pending, delivery enqueued after commit), then back to the
    list (its filters and page from the form's ``back``) with a success or error message. A
    message that is not a failed email/SMS message, or is a one-time code, changes nothing.
    Unknown ``pk``: 404; GET: 405."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        message = get_object_or_404(OutboundMessage, pk=pk)
        if message_retry(message=message, by=request.user):
            messages.success(
                request,
                _("메시지 %(number)d번을 다시 보내도록 했습니다. 곧 발송합니다.") % {"number": message.pk},
            )
        elif message.kind == MessageKind.CODE:
            messages.error(
                request,
                _("메시지 %(number)d번은 인증번호라 다시 보내지 않습니다. 필요하면 본인이 새 인증번호를 받아야 합니다.")
                % {"number": message.pk},
            )
        else:
            messages.error(
                request,
                _("메시지 %(number)d번은 다시 보낼 수 없습니다. 발송 실패 상태인 이메일·문자만 다시 보낼 수 있습니다.")
                % {"number": message.pk},
            )
        back = QueryDict(request.POST.get("back", "")[:200])
        query = clean_filters(back)
        page = clean_page(back)
        if page.isdigit() and int(page) > 1:
            query["page"] = page
        url = reverse("moderation:messages")
        return redirect(f"{url}?{urlencode(query)}" if query else url)
