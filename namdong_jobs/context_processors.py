"""Template context shared by every page."""

from django.db.models import Q


def nav(request) -> dict:
    """``nav``: which role menus the header shows for the signed-in user —
    ``employer`` (member of an employer), ``staff`` (centre staff, the district included),
    ``district`` (district staff), ``review_count`` (items waiting in the moderation queue,
    district staff only), ``seeker`` (has a seeker profile) and ``unread`` (unread on-site
    messages). Anonymous visitors get an empty dict, at no query cost."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    from accounts.models import OutboundMessage
    from accounts.selectors import seeker_profile_of
    from employers.models import Employer
    from jobs.choices import PostingStatus, RevisionStatus
    from jobs.models import JobPosting, JobPostingRevision

    district = user.is_district_staff
    info = {
        "employer": user.employer_memberships.exists(),
        "staff": user.is_centre_staff,
        "district": district,
        "seeker": seeker_profile_of(user) is not None,
        "unread": OutboundMessage.objects.inbox(user).unread().count(),
    }
    if district:
        info["review_count"] = (
            JobPosting.objects.filter(Q(status=PostingStatus.SUBMITTED)).count()
            + JobPostingRevision.objects.filter(status=RevisionStatus.PENDING).count()
            + Employer.objects.awaiting_verification().count()
        )
    return {"nav": info}
