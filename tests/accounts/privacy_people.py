"""A seeker for the data-rights tests (export, erasure, pages, retention): a full profile,
a career entry, a résumé file, consents, messages, an application with history and a saved
posting."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.choices import ConsentPurpose, MessageKind, MessageState, NotifyChannel
from accounts.models import CareerEntry, OutboundMessage, SeekerProfile
from accounts.services import consent_give
from jobs.choices import ApplicationStatus
from jobs.models import Application, ApplicationStatusChange, SavedPosting
from namdong_jobs.reference.models import Dong
from tests.factories import JobPostingFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's
NOON_KST = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))


def make_seeker(*, name="김보람", email="boram.kim@example.kr", phone="+821073912468") -> SeekerProfile:
    """A signed-up seeker with a full profile, a career entry, a résumé file, consents,
    messages, an application with history and a saved posting."""
    now = timezone.now()
    user = UserFactory(email=email, phone=phone, name=name, phone_verified_at=now)
    profile = SeekerProfile.objects.create(
        user=user,
        name=name,
        birth_year=1968,
        phone=phone,
        email=email,
        home_dong=Dong.objects.get(name="구월1동"),
        wanted_occupations=["890", "561"],
        wanted_dongs=["2820051000"],
        wanted_employment_types=["part_time"],
        wanted_shifts=["day"],
        wanted_days=["MON", "TUE"],
        wanted_min_hourly_krw=11000,
        education="high",
        licences=["forklift"],
        licences_other=["위험물기능사"],
        languages=["ko", "vi"],
        self_introduction="성실하게 일하겠습니다.",
        is_searchable=True,
        declared_groups=["career_break"],
        notify_channels=["email", "sms", "onsite"],
    )
    profile.resume.save("cv.pdf", ContentFile(b"%PDF-1.4 resume"), save=False)
    profile.resume_name, profile.resume_format, profile.resume_size = "내이력서.pdf", "pdf", 15
    profile.resume_uploaded_at = now
    profile.save()
    CareerEntry.objects.create(
        profile=profile, company="남동식품", role="포장", started_on=datetime.date(2015, 3, 1), duties="식품 포장"
    )
    for purpose in (ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION, ConsentPurpose.SENSITIVE):
        consent_give(person=profile, purpose=purpose)
    OutboundMessage.objects.create(
        kind=MessageKind.NOTICE,
        channel=NotifyChannel.ONSITE,
        subject="welcome",
        dedupe_key=f"welcome:{user.pk}",
        user=user,
        title="환영합니다",
        body="가입을 환영합니다.",
        state=MessageState.SENT,
    )
    OutboundMessage.objects.create(
        kind=MessageKind.MATCH,
        channel=NotifyChannel.SMS,
        subject="match:1",
        dedupe_key=f"match:1:{user.pk}",
        user=user,
        profile=profile,
        address=phone,
        title="맞춤 일자리",
        body="새 일자리가 있습니다.",
    )
    posting = JobPostingFactory(title="포장원 모집")
    application = Application.objects.create(
        posting=posting,
        seeker=profile,
        message="주말에도 일할 수 있습니다.",
        profile_snapshot={"name": name, "phone": phone, "self_introduction": profile.self_introduction},
        status=ApplicationStatus.VIEWED,
    )
    ApplicationStatusChange.objects.create(application=application, to_status=ApplicationStatus.SUBMITTED)
    ApplicationStatusChange.objects.create(
        application=application, from_status=ApplicationStatus.SUBMITTED, to_status=ApplicationStatus.VIEWED
    )
    SavedPosting.objects.create(seeker=profile, posting=JobPostingFactory(title="관심 공고 하나"))
    return profile
