"""Send-time check of match notices (issue 6 "Delivery rules"): a match message whose posting
is no longer open (closed, filled, expired, past its deadline) is not sent but marked
``suppressed``. Registered with ``accounts.messaging.delivery.register_send_check`` by
``jobs.apps.JobsConfig.ready``."""

from django.utils import timezone
from django.utils.translation import gettext_noop

from ..models import JobPosting

#: The reason recorded on a suppressed message (``last_error``).
POSTING_CLOSED = gettext_noop("공고가 마감되어 보내지 않았습니다.")


def closed_posting_messages(messages) -> dict[int, str]:
    """For ``messages`` (outbound messages of kind ``match``, subject ``posting:<id>``),
    ``{message id: reason}`` of those whose posting is not open now. One query."""
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
    return {pk: POSTING_CLOSED for pk, posting_id in posting_ids.items() if posting_id not in open_ids}
