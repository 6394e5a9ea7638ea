"""What the public posting page (``/jobs/<pk>/``) shows a signed-in seeker: whether they
applied (and the status) and whether they saved the posting."""

from accounts.selectors import seeker_profile_of
from accounts.services import seeker_profile_start_refusal

from ...models import Application, JobPosting, SavedPosting
from ..application_display import status_label


def posting_seeker_context(request, posting: JobPosting) -> dict:
    """``seeker`` (a signed-in seeker), ``my_application`` (their application to
    ``posting``, or ``None``), ``my_application_status`` (its status in words),
    ``is_saved`` and ``can_start_profile`` (a signed-in account without a seeker profile that
    may make one, ``/accounts/profile/start/``). Two small queries for seekers, one for other
    signed-in accounts, none for anonymous visitors."""
    profile = seeker_profile_of(request.user)
    if profile is None:
        return {
            "seeker": False,
            "my_application": None,
            "my_application_status": "",
            "is_saved": False,
            "can_start_profile": request.user.is_authenticated
            and seeker_profile_start_refusal(user=request.user) is None,
        }
    application = Application.objects.filter(seeker=profile, posting=posting).first()
    return {
        "seeker": True,
        "my_application": application,
        "my_application_status": status_label(application.status) if application else "",
        "is_saved": SavedPosting.objects.filter(seeker=profile, posting=posting).exists(),
    }
