"""Applying to a posting. The apply pages come with the seekers issue; the rule that an
expired or closed posting cannot be applied to lives here, so every apply path (online,
referral) shares it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import SeekerProfile

from ..choices import ApplicationChannel
from ..models import Application, JobPosting, today_kst


@transaction.atomic
def application_submit(
    *, seeker: SeekerProfile, posting: JobPosting, channel: str = ApplicationChannel.ONLINE
) -> Application:
    """Record ``seeker``'s application to ``posting`` with the revision shown now.

    Raises ``ValidationError`` when the posting is not open (not published, or past its
    deadline date in KST even before the expiry task has run), is an imported listing, the
    seeker's record was erased, or the seeker already applied.
    """
    posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
    if not posting.is_open(today_kst()):
        raise ValidationError(_("마감된 공고에는 지원할 수 없습니다."), code="posting_closed")
    if posting.is_external:
        raise ValidationError(_("외부 공고는 원문 사이트에서 지원해 주세요."), code="external")
    if seeker.erased_at is not None:
        raise ValidationError(_("삭제된 구직자 정보로는 지원할 수 없습니다."), code="erased")
    try:
        with transaction.atomic():
            return Application.objects.create(
                posting=posting, revision=posting.current_revision, seeker=seeker, channel=channel
            )
    except IntegrityError as exc:
        raise ValidationError(_("이미 지원한 공고입니다."), code="duplicate") from exc
