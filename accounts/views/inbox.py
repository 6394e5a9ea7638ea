"""The on-site inbox (알림함, issue 4): ``/accounts/inbox/`` lists the signed-in user's on-site
messages, 20 a page, newest first; opening one marks it read. Every signed-in user has one
(seekers, employer members, staff); another user's message is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.views import View

from ..messaging import inbox_message_read, inbox_read_all
from ..models import OutboundMessage
from .auth import safe_next_url

#: Messages per inbox page.
INBOX_PAGE_SIZE = 20


class InboxView(LoginRequiredMixin, View):
    """``GET /accounts/inbox/?page=N``: the list; unread messages carry a "안 읽음" label."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        qs = OutboundMessage.objects.inbox(request.user)
        page = Paginator(qs, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"page_obj": page, "inbox_messages": page.object_list, "unread_count": qs.unread().count()}
        return render(request, "accounts/inbox/list.html", context)


def _read(request, pk: int) -> OutboundMessage:
    try:
        return inbox_message_read(user=request.user, message_id=pk)
    except OutboundMessage.DoesNotExist as exc:
        raise Http404 from exc


class InboxDetailView(LoginRequiredMixin, View):
    """``GET /accounts/inbox/<pk>/``: one message in full; viewing it marks it read."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, pk: int):
        message = _read(request, pk)
        context = {"message": message, "link": safe_next_url(request, message.link)}
        return render(request, "accounts/inbox/detail.html", context)


class InboxOpenView(LoginRequiredMixin, View):
    """``GET /accounts/inbox/<pk>/open/``: mark the message read and go to its ``link`` when
    that is a local path on this site; otherwise (no link, or any other address) show the
    message."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, pk: int):
        message = _read(request, pk)
        return redirect(safe_next_url(request, message.link) or reverse("accounts:inbox_detail", args=[message.pk]))


class InboxReadAllView(LoginRequiredMixin, View):
    """``POST /accounts/inbox/read-all/``: mark every message read, with a confirmation."""

    http_method_names = ["post", "options"]

    def post(self, request):
        count = inbox_read_all(user=request.user)
        if count:
            text = ngettext(
                "알림 %(count)d건을 모두 읽음으로 표시했습니다.",
                "알림 %(count)d건을 모두 읽음으로 표시했습니다.",
                count,
            )
            messages.success(request, text % {"count": count})
        else:
            messages.info(request, gettext("읽지 않은 알림이 없습니다."))
        return redirect("accounts:inbox")


urlpatterns = [
    path("inbox/", InboxView.as_view(), name="inbox"),
    path("inbox/read-all/", InboxReadAllView.as_view(), name="inbox_read_all"),
    path("inbox/<int:pk>/", InboxDetailView.as_view(), name="inbox_detail"),
    path("inbox/<int:pk>/open/", InboxOpenView.as_view(), name="inbox_open"),
]
