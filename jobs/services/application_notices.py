"""What seekers and employers are told about applications, through the outbound message
layer (``accounts.messaging``; DESIGN.md "Lifecycles: Outbound message").

Called inside the services' transactions: the message rows are part of the transaction (a
rolled-back change leaves none) and the message layer enqueues delivery with
``transaction.on_commit``, so nothing is sent for a change that did not happen. The dedupe
key of a row is ``kind:subject:recipient:channel``; the subjects here are
``application:<id>:<status>`` for the seeker (``application:<id>:interview:<history id>``
when an interview is rescheduled, so each new date is told) and ``application:<id>`` for the
employer's members (one "new applicant" notice per application).

Texts are Korean whatever language the acting person's page is in: seekers and employers
read them later, outside that request.

A walk-in resident (a seeker profile without an account, registered at a community centre;
issue 5) has no 마이페이지 and did not apply themselves: centre staff referred them. Their
notice says which centre referred them and to ask that centre (its name and phone) instead,
and carries no link (:func:`seeker_notice_follow_up`)."""

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.choices import MessageKind, NotifyChannel
from accounts.messaging import message_send, notify_person
from employers.models import EmployerMember

from ..choices import ApplicationStatus
from ..models import Application, ApplicationStatusChange, Referral

#: The language of the notices (the portal's first language).
NOTICE_LANGUAGE = "ko"


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "Y년 n월 j일 (D) H:i")


def seeker_notice_subject(application: Application, change: ApplicationStatusChange) -> str:
    """``application:<id>:<status>``; an interview rescheduled (interview → interview) gets
    ``application:<id>:interview:<change id>`` so that each new date is a new message."""
    if change.from_status == change.to_status:
        return f"application:{application.pk}:{change.to_status}:{change.pk}"
    return f"application:{application.pk}:{change.to_status}"


def seeker_notice_follow_up(application: Application) -> tuple[str, str, str]:
    """Where the seeker of ``application`` finds out more, in the notice's language (call it
    inside ``translation.override``): ``(referred_by, follow_up, link)``.

    * A seeker with an account: ``("", "자세한 내용은 마이페이지에서 확인해 주세요.",
      <seeker:application_detail URL>)``.
    * A walk-in resident (``seeker.user`` is ``None``): ``referred_by`` is the name of the
      centre that referred them (``""`` when the application was not a referral),
      ``follow_up`` is "자세한 내용은 구월1동 행정복지센터(032-…)에 문의해 주세요." with the
      referring centre (else the registered centre; the phone when the centre has one, and
      "행정복지센터" when no centre is known), and ``link`` is ``""``: they have no login."""
    seeker = application.seeker
    if seeker.user_id is not None:
        return (
            "",
            _("자세한 내용은 마이페이지에서 확인해 주세요."),
            reverse("seeker:application_detail", args=[application.pk]),
        )
    referral = Referral.objects.filter(application_id=application.pk).select_related("centre").first()
    centre = referral.centre if referral is not None else seeker.registered_centre
    if centre is None:
        return "", _("자세한 내용은 가까운 행정복지센터에 문의해 주세요."), ""
    if centre.phone:
        follow_up = _("자세한 내용은 %(centre)s(%(phone)s)에 문의해 주세요.") % {
            "centre": centre.name,
            "phone": centre.phone,
        }
    else:
        follow_up = _("자세한 내용은 %(centre)s에 문의해 주세요.") % {"centre": centre.name}
    return (centre.name if referral is not None else ""), follow_up, ""


def notify_seeker_of_change(*, application: Application, change: ApplicationStatusChange) -> list:
    """Tell the seeker of ``application`` about ``change`` (made by the employer) on the
    channels they chose (``notify_person``: on-site always with an account, email/SMS to
    verified addresses; erased people are skipped). Returns the message rows made.

    The text names the employer, the posting and the new status (with the interview date and
    place, and the employer's note when given) and ends with where to find out more
    (:func:`seeker_notice_follow_up`): 마이페이지 with a link for an account holder; for a
    walk-in resident, who was referred by centre staff and has no account, the referring
    (or registered) centre to ask, and no link."""
    posting = application.posting
    with translation.override(NOTICE_LANGUAGE):
        status = _(ApplicationStatus(change.to_status).label)
        title = _("[남동구 일자리인력은행] 지원 상태: %(status)s") % {"status": status}
        referred_by, follow_up, link = seeker_notice_follow_up(application)
        facts = {"employer": posting.employer.name, "title": posting.title, "status": status}
        if referred_by:
            first = _("%(centre)s에서 알선한 %(employer)s의 '%(title)s' 공고 지원서가 '%(status)s' 상태가 되었습니다.")
            facts["centre"] = referred_by
        else:
            first = _("%(employer)s의 '%(title)s' 공고에 낸 지원서가 '%(status)s' 상태가 되었습니다.")
        lines = [first % facts]
        if change.to_status == ApplicationStatus.INTERVIEW:
            if change.from_status == change.to_status:
                lines[0] = _("%(employer)s의 '%(title)s' 공고 면접 일정이 바뀌었습니다.") % {
                    "employer": posting.employer.name,
                    "title": posting.title,
                }
            if application.interview_at:
                lines.append(_("면접 일시: %(when)s") % {"when": _when(application.interview_at)})
            if application.interview_place:
                lines.append(_("면접 장소: %(place)s") % {"place": application.interview_place})
        if change.note:
            lines.append(_("기업이 전하는 말: %(note)s") % {"note": change.note})
        lines.append(follow_up)
        body = "\n".join(lines)
    return notify_person(
        kind=MessageKind.APPLICATION_STATUS,
        subject=seeker_notice_subject(application, change),
        profile=application.seeker,
        title=title,
        body=body,
        link=link,
    )


def notify_employer_of_application(*, application: Application) -> list:
    """Tell every member of the posting's employer, in their on-site inbox, that a new
    application arrived (no personal data in the text: the applicant page shows it to those
    allowed). Returns the message rows made (``None`` for duplicates is left out)."""
    posting = application.posting
    members = (
        EmployerMember.objects.filter(
            employer_id=posting.employer_id, user__is_active=True, user__erased_at__isnull=True
        )
        .select_related("user")
        .order_by("pk")
    )
    with translation.override(NOTICE_LANGUAGE):
        title = _("새 지원자가 있습니다: %(title)s") % {"title": posting.title}
        body = _("'%(title)s' 공고(공고번호 %(number)d)에 새 지원서가 들어왔습니다. 지원자 목록에서 확인해 주세요.") % {
            "title": posting.title,
            "number": posting.pk,
        }
    link = reverse("manage:application_detail", args=[application.pk])
    sent = []
    for member in members:
        row = message_send(
            kind=MessageKind.APPLICATION_RECEIVED,
            subject=f"application:{application.pk}",
            channel=NotifyChannel.ONSITE,
            user=member.user,
            title=title,
            body=body,
            link=link,
        )
        if row is not None:
            sent.append(row)
    return sent
