"""Read-side rules of the jobs pages that views only call (HackSoft styleguide: selectors):
what an employer may see of an application (DESIGN.md "Privacy": personal data goes to an
employer only with the provision consent, and not once the seeker withdrew or was erased),
how the applicant is named, whether a résumé can be downloaded, and whether a seeker stated
any wanted condition that "postings that fit now" filters by."""

from django.utils.translation import gettext as _

from accounts.choices import NotifyChannel
from accounts.messaging import notice_channels
from accounts.models import SeekerProfile

from .choices import ApplicationStatus
from .models import Application


def shows_personal_data(application: Application) -> bool:
    """True while the employer may see what the seeker sent with ``application``: the
    seeker is not erased, the application is not withdrawn (withdrawing takes the data back
    from the employer's view), and it was sent with the provision consent (a non-empty
    ``profile_snapshot``; without the consent nothing personal was sent)."""
    return (
        application.seeker.erased_at is None
        and application.status != ApplicationStatus.WITHDRAWN
        and bool(application.profile_snapshot)
    )


def applicant_label(application: Application) -> str:
    """The name an employer sees for ``application``'s applicant (a translated string):
    "탈퇴한 구직자" for an erased seeker, "지원 취소" for a withdrawn application (no name),
    else the name in the snapshot as sent, or "이름 없음" when none was sent."""
    if application.seeker.erased_at is not None:
        return _("탈퇴한 구직자")
    if application.status == ApplicationStatus.WITHDRAWN:
        return _("지원 취소")
    return (application.profile_snapshot or {}).get("name") or _("이름 없음")


def resume_downloadable(application: Application) -> bool:
    """True when the employer may download a résumé with ``application``: personal data is
    shown (:func:`shows_personal_data`) and a copy of the file was kept when it was sent
    (``Application.resume``; ``jobs.services.application_resume``). The seeker's current
    résumé is never offered: it may have changed since."""
    return shows_personal_data(application) and bool(application.resume)


def resume_missing_reason(application: Application) -> str:
    """A sentence for the employer when the snapshot says a résumé was sent with
    ``application`` but no copy of the file was kept (its file was missing when the
    application was made, or the application predates the copies), so none can be
    downloaded; ``""`` otherwise (a copy exists, the snapshot says "없음", or nothing
    personal is shown at all: the page explains that instead)."""
    if not shows_personal_data(application) or application.resume:
        return ""
    if (application.profile_snapshot.get("resume") or {}).get("present"):
        return _(
            "이 지원서와 함께 보관된 이력서 파일이 없어 내려받을 수 없습니다. 필요하면 구직자에게 직접 요청해 주세요."
        )
    return ""


def has_wanted_conditions(profile: SeekerProfile) -> bool:
    """True when ``profile`` states any wanted condition that "postings that fit now"
    (``jobs.matching.postings_fitting``) filters by: occupations, dongs, employment types, a
    minimum hourly wage, shifts or days. Without one, every open posting "fits", and my page
    says so."""
    return bool(
        profile.wanted_occupations
        or profile.wanted_dongs
        or profile.wanted_employment_types
        or profile.wanted_min_hourly_krw
        or profile.wanted_shifts
        or profile.wanted_days
    )


def seeker_notice_channels(application: Application) -> list[str]:
    """Names (translated) of the channels a status change of ``application`` reaches the
    seeker by now (``accounts.messaging.notice_channels``), for the employer's status form;
    empty for an erased seeker."""
    seeker = application.seeker
    return [_(NotifyChannel(c).label) for c, _address in notice_channels(user=seeker.user, profile=seeker)]
