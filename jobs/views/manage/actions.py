"""The POST-only lifecycle actions of a posting: submit, withdraw, publish, close, mark
filled and duplicate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ...forms import FIELD_LABELS
from ...services import (
    posting_close,
    posting_duplicate,
    posting_mark_filled,
    posting_publish_direct,
    posting_submit,
    posting_withdraw,
)
from .access import ManagedPostingMixin
from .display import law_flag_message


def error_messages(exc: ValidationError) -> list[str]:
    """A service's ``ValidationError`` as lines for the messages framework, each keyed
    message prefixed with its field's label ("모집인원: 모집인원을 적어 주세요.")."""
    if hasattr(exc, "error_dict"):
        lines = []
        for field, errors in exc.error_dict.items():
            label = FIELD_LABELS.get(field)
            for error in errors:
                for text in error.messages:
                    lines.append(f"{label}: {text}" if label else text)
        return lines
    return list(exc.messages)


class PostingActionView(ManagedPostingMixin, View):
    """Base of the POST-only posting actions: look the posting up (404 when not the user's),
    call ``service``, show its success message or the messages of its ``ValidationError``
    (error level) and go back to the posting. ``PermissionDenied`` becomes 403.

    With ``confirm_template`` set, a POST without ``confirm=yes`` only shows a page asking
    to confirm (for actions that cannot be undone)."""

    http_method_names = ["post"]
    service = None
    success_message = ""
    confirm_template = None

    def call_service(self, posting):
        return type(self).service(posting=posting, by=self.request.user)

    def success_url(self, posting, result) -> str:
        return reverse("manage:posting_detail", args=[posting.pk])

    def confirm_context(self, posting) -> dict:
        return {}

    def post(self, request, *args, **kwargs):
        posting = self.get_posting()
        if self.confirm_template and request.POST.get("confirm") != "yes":
            ctx = {"posting": posting, "action_url": request.path, **self.confirm_context(posting)}
            return render(request, self.confirm_template, ctx)
        try:
            result = self.call_service(posting)
        except ValidationError as exc:
            for line in error_messages(exc):
                messages.error(request, line)
            return redirect("manage:posting_detail", pk=posting.pk)
        messages.success(request, self.success_message)
        self.after_success(result)
        return redirect(self.success_url(posting, result))

    def after_success(self, result) -> None:
        """Hook for extra messages after the service succeeded."""


class PostingSubmitView(PostingActionView):
    """POST: ask district staff to review a draft or rejected posting (``posting_submit``);
    every missing field is listed when it is not ready."""

    service = staticmethod(posting_submit)
    success_message = gettext_lazy("검토를 요청했습니다. 구청 일자리센터가 확인한 뒤 게시됩니다.")

    def after_success(self, result) -> None:
        if result.law_flags:
            messages.warning(self.request, law_flag_message(result.law_flags))


class PostingWithdrawView(PostingActionView):
    """POST: take back a review request so the posting can be edited (``posting_withdraw``)."""

    service = staticmethod(posting_withdraw)
    success_message = gettext_lazy("검토 요청을 취소했습니다. 공고가 작성 중으로 돌아왔습니다.")


class PostingPublishView(PostingActionView):
    """POST: centre staff publish a posting they took by phone or on paper without review
    (``posting_publish_direct``); refused for employer-entered postings and unverified
    employers."""

    service = staticmethod(posting_publish_direct)
    success_message = gettext_lazy("공고를 바로 게시했습니다. 지금부터 구직자가 볼 수 있습니다.")


class PostingCloseView(PostingActionView):
    """POST: close a published posting early (``posting_close``), after confirmation."""

    service = staticmethod(posting_close)
    success_message = gettext_lazy("공고를 마감했습니다.")
    confirm_template = "jobs/manage/posting_confirm.html"

    def confirm_context(self, posting):
        return {
            "heading": _("이 공고를 마감할까요?"),
            "explanation": [
                _("마감하면 목록과 검색에서 바로 빠지고 더는 지원을 받지 않습니다."),
                _("마감은 되돌릴 수 없습니다. 다시 뽑으려면 복사해서 새 공고로 올리고 검토를 받아야 합니다."),
                _("이미 받은 지원서는 그대로 남습니다."),
            ],
            "button": _("네, 지금 마감합니다"),
        }


class PostingFillView(PostingActionView):
    """POST: record that the vacancies are filled (``posting_mark_filled``), after
    confirmation."""

    service = staticmethod(posting_mark_filled)
    success_message = gettext_lazy("채용 완료로 표시했습니다. 채용을 축하드립니다.")
    confirm_template = "jobs/manage/posting_confirm.html"

    def confirm_context(self, posting):
        return {
            "heading": _("채용 완료로 표시할까요?"),
            "explanation": [
                _("채용 완료로 표시하면 공고가 마감되고 더는 지원을 받지 않습니다."),
                _("채용 완료는 되돌릴 수 없습니다."),
            ],
            "button": _("네, 채용 완료로 표시합니다"),
        }


class PostingDuplicateView(PostingActionView):
    """POST: copy a posting into a new draft (``posting_duplicate``) and open it for
    editing."""

    service = staticmethod(posting_duplicate)
    success_message = gettext_lazy(
        "복사한 새 공고를 작성 중으로 만들었습니다. 마감일 등을 확인하고 고친 뒤 검토를 요청해 주세요."
    )

    def success_url(self, posting, result):
        return reverse("manage:posting_edit", args=[result.pk])
