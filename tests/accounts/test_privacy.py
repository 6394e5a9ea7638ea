"""Data rights (issue 4 item 8), the services: the export of everything held about a seeker
(with jobs' sections) and erasure as DESIGN.md "Privacy" defines it (the scan of every table
is in test_erasure_scan.py; the pages in test_privacy_pages.py)."""

import json
import os

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose, MessageKind, MessageState, NotifyChannel
from accounts.models import (
    AccessAction,
    AccessLogEntry,
    CareerEntry,
    Consent,
    OneTimeCode,
    OutboundMessage,
    SeekerProfile,
)
from accounts.services import ErasureReason, age_band, consent_give, person_erase, personal_data_export
from accounts.services.privacy import erasure_ends_employer_login
from accounts.signals import person_erased
from jobs.choices import ApplicationStatus
from jobs.models import Application, SavedPosting
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerMemberFactory, SeekerProfileFactory, StaffMembershipFactory

from .privacy_people import NOON_KST, PASSWORD, make_seeker

pytestmark = pytest.mark.django_db


# --- export ---------------------------------------------------------------------------------


def test_export_holds_account_profile_consents_messages_and_jobs_sections():
    profile = make_seeker()
    other = SeekerProfileFactory()
    OutboundMessage.objects.create(
        kind=MessageKind.NOTICE,
        channel=NotifyChannel.ONSITE,
        subject="x",
        dedupe_key="x",
        user=other.user,
        title="남의 알림",
        body="다른 사람에게 간 알림",
    )
    staff = StaffMembershipFactory().user
    AccessLogEntry.objects.create(staff=staff, person=profile, action=AccessAction.VIEW, detail="record")

    export = personal_data_export(profile=profile)
    json.dumps(export)  # JSON-serialisable as returned

    account = export["account"]
    assert account["email"] == "boram.kim@example.kr" and account["email_verified"] is True
    assert account["phone"] == "+821073912468" and account["phone_verified"] is True
    assert account["joined_at"] and account["name"] == "김보람"
    data = export["profile"]
    assert data["name"] == "김보람" and data["birth_year"] == 1968
    assert data["home_dong"] == {"code": "2820051000", "label": "구월1동"}
    wanted = data["wanted"]
    assert {"code": "890", "label": "제조 단순 종사자"} in wanted["occupations"]
    assert wanted["employment_types"] == [{"code": "part_time", "label": "시간제"}]
    assert wanted["days"] == [{"code": "MON", "label": "월"}, {"code": "TUE", "label": "화"}]
    assert wanted["min_hourly_krw"] == 11000 and wanted["dongs_anywhere_in_namdong"] is False
    assert data["education"] == {"code": "high", "label": "고졸"}
    assert data["licences"] == [{"code": "forklift", "label": "지게차운전기능사"}]
    assert data["licences_other"] == ["위험물기능사"]
    assert {"code": "vi", "label": "베트남어"} in data["languages"]
    assert data["declared_groups"] == [{"code": "career_break", "label": "경력단절여성"}]
    assert data["career_entries"] == [
        {"company": "남동식품", "role": "포장", "started": "2015-03", "ended": None, "duties": "식품 포장"}
    ]
    assert data["resume"]["file_name"] == "내이력서.pdf" and data["resume"]["size_bytes"] == 15
    assert data["self_introduction"] == "성실하게 일하겠습니다."
    purposes = {c["purpose"]["code"]: c for c in export["consents"]}
    assert set(purposes) == {"collection", "provision", "sensitive"}
    assert purposes["collection"]["version"] and purposes["collection"]["given_at"]
    assert purposes["collection"]["method"]["code"] == ConsentMethod.ONLINE
    assert purposes["collection"]["withdrawn_at"] is None
    bodies = {m["body"] for m in export["messages"]}
    assert bodies == {"가입을 환영합니다.", "새 일자리가 있습니다."}
    assert export["staff_access"][0]["action"] == {"code": "view", "label": "열람"}
    assert "staff" not in export["staff_access"][0]

    [application] = export["applications"]
    assert application["posting"]["title"] == "포장원 모집"
    assert application["posting"]["employer"] == Application.objects.get().posting.employer.name
    assert application["status"] == {"code": "viewed", "label": "열람"}
    assert application["message"] == "주말에도 일할 수 있습니다."
    assert application["profile_snapshot"]["name"] == "김보람"
    assert [h["to"]["code"] for h in application["history"]] == ["submitted", "viewed"]
    assert export["saved_postings"][0]["posting"]["title"] == "관심 공고 하나"


def test_export_of_a_walk_in_record_has_no_account():
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    profile = SeekerProfile.objects.create(name="박센터", registered_centre=centre)
    export = personal_data_export(profile=profile)
    assert export["account"] is None
    assert export["profile"]["registered_centre"] == "구월1동 행정복지센터"
    assert export["applications"] == [] and export["saved_postings"] == []


# --- erasure --------------------------------------------------------------------------------


def test_erasure_blanks_the_person_and_keeps_a_tombstone(django_capture_on_commit_callbacks):
    profile = make_seeker()
    user = profile.user
    resume_path = profile.resume.path
    OneTimeCode.objects.create(
        purpose="verify_phone", user=user, destination=user.phone, code_hash="x", expires_at=timezone.now()
    )
    application = Application.objects.get(seeker=profile)
    with time_machine.travel(NOON_KST, tick=False), django_capture_on_commit_callbacks(execute=True):
        person_erase(profile=profile, reason=ErasureReason.REQUEST)

    profile.refresh_from_db()
    assert profile.erased_at == NOON_KST and str(profile) == f"탈퇴한 구직자 #{profile.pk}"
    assert profile.age_band == 50  # born 1968: 58 in 2026
    assert (profile.name, profile.birth_year, profile.phone, profile.email) == ("", None, "", "")
    assert profile.self_introduction == "" and profile.licences_other == [] and profile.declared_groups == []
    assert not profile.resume and profile.resume_name == "" and profile.resume_size is None
    assert profile.wanted_dongs == [] and profile.wanted_min_hourly_krw is None and profile.languages == []
    # anonymous attributes for statistics stay
    assert profile.home_dong_id == "2820051000" and profile.wanted_occupations == ["890", "561"]
    assert not CareerEntry.objects.filter(profile=profile).exists()
    assert not os.path.exists(resume_path)

    user.refresh_from_db()
    assert (user.email, user.phone, user.name) == (None, None, "")
    assert not user.is_active and not user.has_usable_password() and user.erased_at == NOON_KST

    # consents stay as proof (withdrawn now); applications point at the tombstone
    assert Consent.objects.filter(person=profile).count() == 3
    assert not Consent.objects.active().filter(person=profile).exists()
    application.refresh_from_db()
    # an open application ends as withdrawn by the system (second review: an erased seeker's
    # interview stayed open for ever)
    assert application.seeker_id == profile.pk and application.status == ApplicationStatus.WITHDRAWN
    assert application.message == "" and application.profile_snapshot == {}
    assert str(application.seeker) == f"탈퇴한 구직자 #{profile.pk}"  # what the employer sees
    assert application.status_changes.count() == 3
    last = application.status_changes.order_by("id").last()
    assert (last.from_status, last.to_status, last.changed_by) == ("viewed", "withdrawn", None)
    assert not SavedPosting.objects.filter(seeker=profile).exists()

    messages = OutboundMessage.objects.filter(user=user)
    assert messages.count() == 2 and not messages.exclude(title="", body="", address="").exists()
    assert messages.get(channel=NotifyChannel.SMS).state == MessageState.SUPPRESSED
    assert messages.get(channel=NotifyChannel.ONSITE).state == MessageState.SENT
    assert OneTimeCode.objects.get(user=user).destination == ""


def test_codes_of_a_family_member_sharing_the_phone_are_left_alone():
    profile = make_seeker()
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    family = SeekerProfile.objects.create(name="가족", phone=profile.phone, registered_centre=centre)
    expires = timezone.now()
    theirs = OneTimeCode.objects.create(
        purpose="claim_profile", profile=family, destination=profile.phone, code_hash="a", expires_at=expires
    )
    unlinked = OneTimeCode.objects.create(
        purpose="verify_phone", destination=profile.phone, code_hash="b", expires_at=expires
    )
    person_erase(profile=profile, reason=ErasureReason.REQUEST)
    theirs.refresh_from_db()
    unlinked.refresh_from_db()
    assert theirs.destination == "+821073912468"
    assert unlinked.destination == ""


def test_a_walk_in_record_loses_its_paper_consent_scan_but_keeps_the_consent(django_capture_on_commit_callbacks):
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    staff = StaffMembershipFactory(centre=centre).user
    profile = SeekerProfile.objects.create(name="박방문", phone="+821055557777", registered_centre=centre)
    consent = consent_give(
        person=profile, purpose=ConsentPurpose.COLLECTION, method=ConsentMethod.PAPER, taken_by=staff
    )
    consent.paper_scan.save("form.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    scan_path = consent.paper_scan.path
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(profile=profile, reason=ErasureReason.REQUEST)
    profile.refresh_from_db()
    consent.refresh_from_db()
    assert profile.registered_centre == centre and profile.name == "" and profile.phone == ""
    assert consent.method == ConsentMethod.PAPER and consent.taken_by == staff and not consent.paper_scan
    assert consent.withdrawn_at == profile.erased_at
    assert not os.path.exists(scan_path)


def test_erased_person_cannot_log_in_and_other_sessions_end(client, django_capture_on_commit_callbacks):
    profile = make_seeker()
    other_device = Client()
    other_device.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(profile=profile, reason=ErasureReason.REQUEST)
    assert other_device.get("/accounts/my-data/").status_code == 302  # sent to login
    for identifier in ("boram.kim@example.kr", "010-7391-2468"):
        response = client.post("/accounts/login/", {"username": identifier, "password": PASSWORD})
        assert response.status_code == 200 and SESSION_KEY not in client.session


def test_files_are_deleted_only_after_commit():
    profile = make_seeker()
    # the test's transaction never commits, so the on-commit deletion never runs: a rolled-back
    # erasure keeps the résumé
    person_erase(profile=profile, reason=ErasureReason.REQUEST)
    assert profile.resume.storage.exists(profile.resume.name)


def test_erasure_is_one_transaction(django_capture_on_commit_callbacks):
    profile = make_seeker()

    def failing_receiver(**kwargs):
        raise RuntimeError("disk full")

    person_erased.connect(failing_receiver, dispatch_uid="test.failing")
    try:
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True) as callbacks:
            person_erase(profile=profile, reason=ErasureReason.REQUEST)
    finally:
        person_erased.disconnect(dispatch_uid="test.failing")
    assert callbacks == []  # no file deletion queued
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert profile.erased_at is None and profile.name == "김보람" and CareerEntry.objects.filter(profile=profile)
    assert profile.user.email == "boram.kim@example.kr" and profile.user.is_active
    assert Application.objects.get(seeker=profile).message == "주말에도 일할 수 있습니다."
    assert profile.resume.storage.exists(profile.resume.name)


def test_erasure_is_idempotent_and_checks_its_reason():
    profile = make_seeker()
    with pytest.raises(ValueError):
        person_erase(profile=profile, reason="bored")
    first = person_erase(profile=profile, reason=ErasureReason.REQUEST)
    again = person_erase(profile=profile, reason=ErasureReason.RETENTION)
    assert again.erased_at == first.erased_at


def test_active_centre_staff_are_not_erased_here():
    profile = make_seeker()
    StaffMembershipFactory(user=profile.user)
    with pytest.raises(ValidationError) as exc:
        person_erase(profile=profile, reason=ErasureReason.REQUEST)
    assert exc.value.code == "staff"
    profile.refresh_from_db()
    assert profile.erased_at is None and profile.name == "김보람"


def test_age_band_is_the_ten_year_band():
    assert age_band(1968, 2026) == 50
    assert age_band(2010, 2026) == 10
    assert age_band(None, 2026) is None


def test_erasing_an_employer_members_login_on_request_needs_the_confirmation():
    profile = make_seeker()
    assert erasure_ends_employer_login(profile=profile) is False
    EmployerMemberFactory(user=profile.user)
    assert erasure_ends_employer_login(profile=profile) is True
    with pytest.raises(ValidationError) as exc:
        person_erase(profile=profile, reason=ErasureReason.REQUEST)
    assert exc.value.code == "employer_member"
    profile.refresh_from_db()
    assert profile.erased_at is None
    person_erase(profile=profile, reason=ErasureReason.REQUEST, employer_login_confirmed=True)
    profile.refresh_from_db()
    assert profile.erased_at is not None


def test_the_retention_erasure_needs_no_confirmation_for_an_employer_member():
    profile = make_seeker()
    EmployerMemberFactory(user=profile.user)
    person_erase(profile=profile, reason=ErasureReason.RETENTION)
    profile.refresh_from_db()
    assert profile.erased_at is not None
