"""Erasure leaves the person's name, phone number, email address and texts in no table
(issue 4 "Must show"): a person with distinctive values is spread over every place the portal
keeps them (profile, account, career, consents, codes, messages to them and about them,
applications and their history, the admin's history, a failed login, an anonymous SMS
password-reset session), erased through the delete page, and then every text-like column of
every table in the public schema — Django's and any other — is searched for each value, and
so is every stored session, decoded (sessions are signed base64: a plain search misses them)."""

import datetime
import json
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.choices import CodePurpose, ConsentPurpose, MessageKind, NotifyChannel
from accounts.models import CareerEntry, OneTimeCode, OutboundMessage, SeekerProfile, User
from accounts.services import consent_give
from jobs.choices import ApplicationStatus
from jobs.models import Application, ApplicationStatusChange, SavedPosting
from namdong_jobs.reference.models import Dong
from tests.factories import EmployerMemberFactory, JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # UserFactory's

NAME = "탈퇴검증홍길순"
EMAIL = "erase.probe.gilsoon@example.kr"
PHONE_E164 = "+821073912468"
#: what must appear nowhere afterwards; the phone in every spelling a text may use
NEEDLES = {
    "name": NAME,
    "email": EMAIL,
    "phone (E.164 and national digits)": "1073912468",
    "phone (dashed)": "7391-2468",
    "self-introduction": "자기소개검증문장",
    "career company": "경력검증회사",
    "career duties": "업무검증내용",
    "free-text licence": "기타자격검증",
    "application message": "지원메시지검증",
    "status note": "상태메모검증",
    "interview place": "면접장소검증",
    "message to the person": "알림본문검증",
    "résumé file name": "이력서검증파일",
}

#: PostgreSQL type categories searched: S = strings (char, varchar, text, name…), A = arrays;
#: plus json, jsonb and xml. Each value is cast to text and matched with ILIKE.
TEXT_CATEGORIES = {"S", "A"}
TEXT_TYPES = {"json", "jsonb", "xml"}


def text_columns() -> list[tuple[str, str]]:
    """(table, column) for every text-like column of every table visible in the search path
    (the public schema: Django's tables and any other), found through Django's introspection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT oid, typcategory, typname FROM pg_type")
        types = {oid: (category, name) for oid, category, name in cursor.fetchall()}
        columns = []
        for table in connection.introspection.table_names(cursor, include_views=False):
            for column in connection.introspection.get_table_description(cursor, table):
                category, name = types.get(column.type_code, ("", ""))
                if category in TEXT_CATEGORIES or name in TEXT_TYPES:
                    columns.append((table, column.name))
    return columns


def find_everywhere(needles: dict[str, str]) -> list[str]:
    """Every (table.column, what) where one of ``needles`` occurs (case-insensitive)."""
    qn = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            for what, needle in needles.items():
                pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                cursor.execute(
                    f"SELECT 1 FROM {qn(table)} WHERE {qn(column)}::text ILIKE %s LIMIT 1",  # noqa: S608 - names from the catalogue
                    [pattern],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column}: {what}")
    return found + find_in_sessions(needles)


def find_in_sessions(needles: dict[str, str]) -> list[str]:
    """Every (session, what) where one of ``needles`` occurs in a stored session's decoded
    data (case-insensitive), expired sessions included."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    store = store_class()
    found = []
    for data in store_class.get_model_class().objects.values_list("session_data", flat=True):
        text = json.dumps(store.decode(data), ensure_ascii=False, default=str).lower()
        found += [f"django_session (decoded): {what}" for what, needle in needles.items() if needle.lower() in text]
    return found


@pytest.fixture
def person():
    """A seeker with the distinctive values above in every place the portal keeps them."""
    now = timezone.now()
    user = UserFactory(email=EMAIL, phone=PHONE_E164, name=NAME, phone_verified_at=now)
    profile = SeekerProfile.objects.create(
        user=user,
        name=NAME,
        birth_year=1975,
        phone=PHONE_E164,
        email=EMAIL,
        home_dong=Dong.objects.get(name="구월1동"),
        wanted_occupations=["890"],
        licences_other=["기타자격검증"],
        self_introduction="자기소개검증문장입니다.",
        declared_groups=["defector"],
        resume_name="이력서검증파일.pdf",
        resume_format="pdf",
        resume_size=9,
        resume_uploaded_at=now,
    )
    profile.resume.save("cv.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    profile.guardian_document.save("guardian.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    CareerEntry.objects.create(
        profile=profile,
        company="경력검증회사",
        role="생산",
        started_on=datetime.date(2010, 1, 1),
        duties="업무검증내용",
    )
    consent_give(person=profile, purpose=ConsentPurpose.COLLECTION)
    consent_give(person=profile, purpose=ConsentPurpose.PROVISION)
    OneTimeCode.objects.create(
        purpose=CodePurpose.VERIFY_PHONE, user=user, destination=PHONE_E164, code_hash="h", expires_at=now
    )
    for channel, address in ((NotifyChannel.ONSITE, ""), (NotifyChannel.EMAIL, EMAIL), (NotifyChannel.SMS, PHONE_E164)):
        OutboundMessage.objects.create(
            kind=MessageKind.NOTICE,
            channel=channel,
            subject="notice:1",
            dedupe_key=f"notice:1:u{user.pk}:{channel}",
            user=user,
            address=address,
            title=f"{NAME} 님께",
            body=f"알림본문검증 {NAME} 님, 010-7391-2468 로 연락드립니다.",
            html_body=f"<p>알림본문검증 {NAME}</p>",
            last_error=f"550 <{EMAIL}> rejected",
        )
    posting = JobPostingFactory()
    application = Application.objects.create(
        posting=posting,
        seeker=profile,
        interview_place=f"면접장소검증: {NAME} 님 댁 근처 카페",
        message="지원메시지검증: 잘 부탁드립니다.",
        profile_snapshot={"name": NAME, "phone": PHONE_E164, "email": EMAIL, "self_introduction": "자기소개검증문장"},
    )
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=ApplicationStatus.SUBMITTED,
        to_status=ApplicationStatus.VIEWED,
        note="상태메모검증",
    )
    SavedPosting.objects.create(seeker=profile, posting=JobPostingFactory())
    employer_user = EmployerMemberFactory(employer=posting.employer).user
    OutboundMessage.objects.create(  # the employer's "new applicant" notice names the person
        kind=MessageKind.APPLICATION_RECEIVED,
        channel=NotifyChannel.ONSITE,
        subject=f"application:{application.pk}",  # as jobs.services.application_notices
        dedupe_key=f"application:{application.pk}:received:u{employer_user.pk}:onsite",
        user=employer_user,
        title=f"새 지원자: {NAME}",
        body=f"{NAME} 님(010-7391-2468, {EMAIL})이 지원했습니다.",
    )
    staff = UserFactory(is_staff=True)
    for obj in (user, profile, profile.career_entries.get()):
        LogEntry.objects.create(
            user=staff,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message="[]",
        )
    # an SMS password reset started without logging in: the anonymous session keeps the number
    reset = import_module(settings.SESSION_ENGINE).SessionStore()
    reset["accounts:reset_phone"] = PHONE_E164
    reset.create()
    # a mistyped password before leaving: django-axes records the attempt
    response = Client().post("/accounts/login/", {"username": EMAIL, "password": "wrong-password"})
    assert response.status_code == 200
    return profile


def test_the_scan_sees_every_value_before_erasure(person):
    found = {hit.split(": ", 1)[1] for hit in find_everywhere(NEEDLES)}
    assert found == set(NEEDLES)
    assert "django_session (decoded): phone (E.164 and national digits)" in find_in_sessions(NEEDLES)


def test_after_erasure_no_table_holds_the_person(person, client, django_capture_on_commit_callbacks):
    client.force_login(person.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    assert find_everywhere(NEEDLES) == []

    # the tombstone stays, with the application pointing at it
    person.refresh_from_db()
    assert person.erased_at is not None and str(person) == f"탈퇴한 구직자 #{person.pk}"
    application = Application.objects.get(seeker=person)
    assert application.status == ApplicationStatus.WITHDRAWN  # ended by the erasure
    employer_client = Client()
    employer_client.force_login(User.objects.get(employer_memberships__employer=application.posting.employer))
    page = employer_client.get(reverse("manage:application_detail", args=[application.pk])).content.decode()
    assert "탈퇴한 구직자" in page and NAME not in page
    employer_notice = OutboundMessage.objects.get(kind=MessageKind.APPLICATION_RECEIVED)
    assert employer_notice.title == "새 지원자: 탈퇴한 구직자"
    # its files are gone from storage
    assert not person.resume and not person.guardian_document
    storage = SeekerProfile._meta.get_field("resume").storage
    assert storage.listdir("resumes")[1] == [] and storage.listdir("guardian")[1] == []
