"""``/moderation/history/``: the record of every moderation decision."""

from django.core.paginator import Paginator
from django.db.models import F, IntegerField, Value
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.mixins import DistrictStaffRequiredMixin
from employers.models import VerificationDecision

from ...choices import PostingEventKind
from ...models import PostingEvent
from ..public import page_below_one

#: Posting events that are moderation decisions (the decision record lists these).
DECISION_EVENT_KINDS = (
    PostingEventKind.APPROVED,
    PostingEventKind.REJECTED,
    PostingEventKind.REVISION_APPROVED,
    PostingEventKind.REVISION_REJECTED,
    PostingEventKind.PUBLISHED_DIRECT,
    PostingEventKind.STAFF_EDIT,
)
REVISION_EVENT_KINDS = (PostingEventKind.REVISION_APPROVED, PostingEventKind.REVISION_REJECTED)
HISTORY_PAGE_SIZE = 30

_POSTING_EVENT, _EMPLOYER_DECISION = 1, 2


class ModerationHistoryView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/history/``: every moderation decision, newest first, 30 a page: posting
    approvals, rejections, direct publications and staff edits, revision decisions
    (``PostingEvent``) and employer decisions (``VerificationDecision``), with who, when, what
    and the reason. A page costs the same few queries however many rows it shows: one union
    query for the page's keys (and one to count them), then one per source with its joins."""

    template_name = "jobs/moderation/history.html"
    paginate_by = HISTORY_PAGE_SIZE

    @staticmethod
    def decision_keys():
        """``(at, id, source)`` of every decision, newest first (one SQL ``UNION ALL``)."""
        events = (
            PostingEvent.objects.filter(kind__in=DECISION_EVENT_KINDS)
            .annotate(source=Value(_POSTING_EVENT, output_field=IntegerField()))
            .order_by()
            .values_list("at", "id", "source")
        )
        decisions = (
            VerificationDecision.objects.annotate(
                at=F("decided_at"), source=Value(_EMPLOYER_DECISION, output_field=IntegerField())
            )
            .order_by()
            .values_list("at", "id", "source")
        )
        return events.union(decisions, all=True).order_by("-at", "-source", "-id")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        paginator = Paginator(self.decision_keys(), self.paginate_by)
        raw_page = self.request.GET.get("page", "1")
        page = paginator.get_page(1 if page_below_one(raw_page) else raw_page)
        keys = list(page.object_list)
        event_ids = [pk for _at, pk, source in keys if source == _POSTING_EVENT]
        decision_ids = [pk for _at, pk, source in keys if source == _EMPLOYER_DECISION]
        events = PostingEvent.objects.select_related("posting", "revision", "actor").in_bulk(event_ids)
        decisions = VerificationDecision.objects.select_related("employer", "decided_by").in_bulk(decision_ids)
        entries = []
        for _at, pk, source in keys:
            if source == _POSTING_EVENT and pk in events:
                entries.append(self._event_entry(events[pk]))
            elif source == _EMPLOYER_DECISION and pk in decisions:
                entries.append(self._decision_entry(decisions[pk]))
        ctx.update(page_obj=page, paginator=paginator, entries=entries)
        return ctx

    @staticmethod
    def _event_entry(event: PostingEvent) -> dict:
        posting = event.posting
        if event.kind in REVISION_EVENT_KINDS and event.revision_id:
            url = reverse("moderation:revision_review", args=[event.revision_id])
            what = _("공고 %(number)d번 수정본 %(revision)d판") % {
                "number": posting.pk,
                "revision": event.revision.number,
            }
        else:
            url = reverse("moderation:posting_review", args=[posting.pk])
            what = _("공고 %(number)d번") % {"number": posting.pk}
        return {
            "at": event.at,
            "kind": _(event.get_kind_display()),
            "rejected": event.kind in (PostingEventKind.REJECTED, PostingEventKind.REVISION_REJECTED),
            "actor": event.actor,
            "what": what,
            # the title the decision was about: the revision's, when the event has one
            "name": (event.revision.data.get("title") if event.revision_id else None) or posting.title,
            "url": url,
            "reason": event.reason,
        }

    @staticmethod
    def _decision_entry(decision: VerificationDecision) -> dict:
        verified = decision.decision == VerificationDecision.Decision.VERIFIED
        return {
            "at": decision.decided_at,
            "kind": _("기업 확인 완료") if verified else _("기업 반려"),
            "rejected": not verified,
            "actor": decision.decided_by,
            "what": _("기업"),
            "name": decision.employer.name,
            "url": reverse("moderation:employer_review", args=[decision.employer_id]),
            "reason": decision.reason,
        }
