"""Send-time check of match notices (issue 6 "Delivery rules"): a match message whose posting
is no longer open (closed, filled, expired, past its deadline) is not sent but marked
``suppressed``. Registered with ``accounts.messaging.delivery.register_send_check`` by
``jobs.apps.JobsConfig.ready``."""

from django.utils import timezone
from django.utils.translation import gettext_noop

from ..models import JobPosting, Match

#: The reasons recorded on a suppressed message (``last_error``).
POSTING_CLOSED = gettext_noop("공고가 마감되어 보내지 않았습니다.")
NO_LONGER_FITS = gettext_noop("공고가 고쳐져 더 이상 희망 조건에 맞지 않아 보내지 않았습니다.")


def closed_posting_messages(messages) -> dict[int, str]:
    """For ``messages`` (outbound messages of kind ``match``, subject ``posting:<id>``),
    ``{message id: reason}`` of those whose posting is not open now, or whose match is gone
    (the posting was edited and no longer fits). Two queries."""
    posting_ids = {}
    for message in messages:
        prefix, _, value = message.subject.partition(":")
        if prefix == "posting" and value.isdigit():
            posting_ids[message.pk] = int(value)
    open_ids = set(
        JobPosting.objects.open(timezone.localdate())
        .filter(pk__in=set(posting_ids.values()))
        .values_list("pk", flat=True)
    )
    found = {pk: POSTING_CLOSED for pk, posting_id in posting_ids.items() if posting_id not in open_ids}
    # a match deleted since (the posting was edited and no longer fits the seeker)
    profiles = {m.pk: m.profile_id for m in messages if m.pk in posting_ids and m.pk not in found}
    still = set(
        Match.objects.filter(
            posting_id__in=set(posting_ids.values()), profile_id__in=set(profiles.values())
        ).values_list("posting_id", "profile_id")
    )
    for pk, profile_id in profiles.items():
        if (posting_ids[pk], profile_id) not in still:
            found[pk] = NO_LONGER_FITS
    return found
