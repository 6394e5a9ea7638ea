"""Walk-in registration services (issue 5 item 2): ``accounts.services.resident_register`` and
``jobs.services.desk.registration.walk_in_register``. A resident gets a seeker profile without
a login belonging to the centre, with or without a phone; each combination of paper consents
is recorded with the staff member who took it; the sign-up age rules apply; a scan is judged
by content; every registration writes one access-log row, and nothing is stored on failure."""

import datetime
import itertools
import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.choices import ConsentMethod, ConsentPurpose, NotifyChannel
from accounts.consent_texts import CONSENT_VERSION
from accounts.models import AccessLogEntry, Consent, SeekerProfile
from accounts.services import resident_register
from jobs.models import CounsellingNote
from jobs.services.desk import registration
from jobs.services.desk.registration import walk_in_register
from namdong_jobs.reference.models import Dong
from tests.accounts.document_files import EXE, PDF

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)  # manage_clock
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OPTIONAL = (ConsentPurpose.PROVISION, ConsentPurpose.SENSITIVE, ConsentPurpose.NOTIFICATIONS)


def upload(content: bytes, name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def register(staff, **overrides):
    values = {
        "staff": staff,
        "name": "홍길동",
        "birth_year": 1960,
        "phone": "010-2222-3333",
        "home_dong": "2820051000",
        "consents": [ConsentPurpose.COLLECTION],
        "paper_form_version": "2026-1",
        "paper_signed_on": TODAY,
        "ip": "10.0.0.7",
    }
    values.update(overrides)
    return resident_register(**values)


def stored_files() -> list[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_register_with_phone_makes_a_walk_in_of_the_centre(staff_a, centre_a):
    profile = register(
        staff_a,
        wanted={"wanted_occupations": ["890"], "wanted_min_hourly_krw": 10_320, "wanted_days": ["MON", "TUE"]},
        licences=["forklift"],
        licences_other="바리스타 2급, 제과기능사",
    )
    profile.refresh_from_db()
    assert profile.user is None
    assert (profile.registered_centre, profile.registered_by) == (centre_a, staff_a)
    assert (profile.name, profile.birth_year, profile.phone) == ("홍길동", 1960, "+821022223333")
    assert profile.home_dong == Dong.objects.get(code="2820051000")
    assert profile.notify_channels == [NotifyChannel.SMS]
    assert (profile.wanted_occupations, profile.wanted_min_hourly_krw, profile.wanted_days) == (
        ["890"],
        10_320,
        ["MON", "TUE"],
    )
    assert (profile.licences, profile.licences_other) == (["forklift"], ["바리스타 2급", "제과기능사"])
    log = AccessLogEntry.objects.get()
    assert (log.staff, log.person, log.action, log.detail, log.ip) == (staff_a, profile, "edit", "register", "10.0.0.7")


def test_register_without_phone(staff_a):
    profile = register(staff_a, phone="")
    profile.refresh_from_db()
    assert profile.phone == ""
    assert profile.notify_channels == []
    assert profile.user is None
    assert AccessLogEntry.objects.filter(person=profile, action="edit", detail="register").count() == 1


@pytest.mark.parametrize(
    "optional", [combo for n in range(len(OPTIONAL) + 1) for combo in itertools.combinations(OPTIONAL, n)]
)
def test_each_consent_combination_is_recorded_as_paper_consent(staff_a, optional):
    profile = register(staff_a, consents=[ConsentPurpose.COLLECTION, *optional])
    rows = Consent.objects.filter(person=profile)
    assert {c.purpose for c in rows} == {ConsentPurpose.COLLECTION, *optional}
    for consent in rows:
        assert consent.method == ConsentMethod.PAPER
        assert consent.taken_by == staff_a
        assert (consent.paper_form_version, consent.paper_signed_on) == ("2026-1", TODAY)
        assert consent.version == CONSENT_VERSION
        assert consent.withdrawn_at is None and not consent.paper_scan


@pytest.mark.parametrize(
    "consents", [[], [ConsentPurpose.PROVISION, ConsentPurpose.NOTIFICATIONS], ["collection", "bogus"]]
)
def test_the_collection_consent_is_required(staff_a, consents):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, consents=consents)
    assert "consents" in caught.value.message_dict
    assert not SeekerProfile.objects.exists()
    assert not Consent.objects.exists() and not AccessLogEntry.objects.exists()


def test_age_rules_under_15_refused(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=2012)  # 14 in 2026
    assert "15세" in caught.value.message_dict["birth_year"][0]
    assert not SeekerProfile.objects.exists()


def test_age_rules_15_to_17_need_the_guardian_document(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=2011)  # 15 in 2026
    assert "보호자 동의서" in caught.value.message_dict["guardian_document"][0]
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=2009, guardian_document=upload(EXE, "동의서.pdf"))
    assert "PDF, JPG, PNG" in caught.value.message_dict["guardian_document"][0]
    assert not SeekerProfile.objects.exists() and stored_files() == []

    profile = register(staff_a, birth_year=2009, guardian_document=upload(PNG, "동의서.exe"))
    assert re.fullmatch(r"guardian/[0-9a-f]{32}\.png", profile.guardian_document.name)
    assert stored_files() == [profile.guardian_document.name]


def test_an_adults_guardian_document_is_not_kept(staff_a):
    profile = register(staff_a, birth_year=2008, guardian_document=upload(PDF))  # 18 in 2026
    assert not profile.guardian_document
    assert stored_files() == []


def test_the_scan_is_kept_on_every_consent_of_the_form(staff_a):
    profile = register(staff_a, consents=["collection", "provision"], paper_scan=upload(PDF, "스캔.exe"))
    names = set(Consent.objects.filter(person=profile).values_list("paper_scan", flat=True))
    assert len(names) == 1
    (name,) = names
    assert re.fullmatch(r"consents/[0-9a-f]{32}\.pdf", name)
    assert stored_files() == [name]


def test_a_scan_is_judged_by_content(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, paper_scan=upload(EXE, "scan.pdf"))
    assert "동의서 스캔은 PDF, JPG, PNG" in caught.value.message_dict["paper_scan"][0]
    with pytest.raises(ValidationError) as caught:
        register(staff_a, paper_scan=upload(b"", "scan.pdf"))
    assert "빈 파일" in caught.value.message_dict["paper_scan"][0]
    assert not SeekerProfile.objects.exists() and stored_files() == []


def test_every_problem_is_reported_at_once_and_nothing_is_stored(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(
            staff_a,
            name="  ",
            phone="02-123-4567",
            home_dong="9999999999",
            consents=[],
            paper_form_version="",
            paper_signed_on=TODAY + datetime.timedelta(days=1),
            wanted={"wanted_occupations": ["999"]},
            licences=["spaceship"],
            paper_scan=upload(PDF),
        )
    assert set(caught.value.message_dict) == {
        "name",
        "phone",
        "home_dong",
        "consents",
        "paper_form_version",
        "paper_signed_on",
        "wanted_occupations",
        "licences",
    }
    assert not SeekerProfile.objects.exists()
    assert not AccessLogEntry.objects.exists() and stored_files() == []


@pytest.mark.parametrize("birth_year", ["abcd", None, 1800, 2100])
def test_bad_birth_years_are_refused(staff_a, birth_year):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=birth_year)
    assert "birth_year" in caught.value.message_dict
    assert not SeekerProfile.objects.exists()


def test_the_centre_is_the_staff_members_and_district_staff_may_name_one(staff_a, centre_b, district_staff):
    with pytest.raises(PermissionDenied):
        register(staff_a, centre=centre_b)
    profile = register(district_staff, centre=centre_b, phone="")
    assert (profile.registered_centre, profile.registered_by) == (centre_b, district_staff)
    own = register(district_staff, name="김철수", phone="010-4444-5555")
    assert own.registered_centre == district_staff.staff_centre


def test_only_centre_staff_register(employer_member, seeker_user):
    for user in (employer_member, seeker_user):
        with pytest.raises(PermissionDenied):
            register(user)
    assert not SeekerProfile.objects.filter(user__isnull=True).exists()


def test_unknown_wanted_fields_are_a_programming_error(staff_a):
    with pytest.raises(TypeError):
        register(staff_a, wanted={"education": "high"})


# ---- walk_in_register: the record and the first note, atomically -----------------------------


def test_walk_in_register_writes_the_first_note(staff_a, centre_a):
    profile = walk_in_register(
        note="지게차 자격 있음. 주간 근무 희망.",
        staff=staff_a,
        name="홍길동",
        birth_year=1960,
        consents=["collection"],
        paper_form_version="2026-1",
        paper_signed_on=TODAY,
        ip="10.0.0.7",
    )
    note = CounsellingNote.objects.get()
    assert (note.seeker, note.staff, note.centre, note.noted_on) == (profile, staff_a, centre_a, TODAY)
    assert note.content == "지게차 자격 있음. 주간 근무 희망."
    rows = AccessLogEntry.objects.filter(person=profile).order_by("id")
    assert [(r.action, r.detail) for r in rows] == [("edit", "register"), ("edit", "note")]


def test_walk_in_register_without_a_note(staff_a):
    walk_in_register(
        note="   ", staff=staff_a, name="홍길동", birth_year=1960, consents=["collection"],
        paper_form_version="2026-1", paper_signed_on=TODAY,
    )  # fmt: skip
    assert SeekerProfile.objects.count() == 1 and not CounsellingNote.objects.exists()


def test_walk_in_register_refuses_a_long_note_before_storing(staff_a):
    with pytest.raises(ValidationError) as caught:
        walk_in_register(
            note="가" * 2001, staff=staff_a, name="홍길동", birth_year=1960, consents=["collection"],
            paper_form_version="2026-1", paper_signed_on=TODAY,
        )  # fmt: skip
    assert "note" in caught.value.message_dict
    assert not SeekerProfile.objects.exists()


def test_walk_in_register_is_all_or_nothing(staff_a, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("note store down")

    monkeypatch.setattr(registration, "note_add", broken)
    with pytest.raises(RuntimeError):
        walk_in_register(
            note="첫 상담", staff=staff_a, name="홍길동", birth_year=1960, consents=["collection"],
            paper_form_version="2026-1", paper_signed_on=TODAY,
        )  # fmt: skip
    assert not SeekerProfile.objects.exists()
    assert not Consent.objects.exists() and not AccessLogEntry.objects.exists()


# ---- every error at once, in words for staff ----------------------------------------------------


def test_a_missing_birth_year_and_a_missing_consent_are_reported_together(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=None, consents=[])
    assert caught.value.message_dict == {
        "birth_year": ["출생 연도를 4자리 숫자로 입력해 주세요. 예: 1968"],
        "consents": ["개인정보 수집·이용 동의(필수)에 서명한 경우에만 등록할 수 있습니다."],
    }


def test_the_age_and_paper_form_checks_run_together(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=2012, consents=["provision"], paper_signed_on=datetime.date(1900, 1, 1))
    assert set(caught.value.message_dict) == {"birth_year", "consents", "paper_signed_on"}
    assert not SeekerProfile.objects.exists()


def test_the_age_rule_speaks_to_staff(staff_a):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=2012)  # 14 in 2026
    (message,) = caught.value.message_dict["birth_year"]
    assert message == (
        "만 15세 미만은 등록할 수 없습니다 (근로기준법 제64조). "
        "출생 연도 기준으로 2026년에는 2011년생까지 등록할 수 있습니다."
    )
    with pytest.raises(ValidationError) as caught:
        register(staff_a, birth_year=2010)  # 16 in 2026
    (message,) = caught.value.message_dict["guardian_document"]
    assert (
        message.startswith("만 15~17세")
        and "보호자 동의서를 첨부해야 등록할 수 있습니다 (근로기준법 제66조)." in message
    )
    for messages in caught.value.message_dict.values():
        assert not any("가입" in m or "문의해 주세요" in m for m in messages)


def test_walk_in_register_reports_a_long_note_with_the_other_errors(staff_a):
    with pytest.raises(ValidationError) as caught:
        walk_in_register(
            note="가" * 2001, staff=staff_a, name="홍길동", birth_year=2012, consents=[],
            paper_form_version="2026-1", paper_signed_on=TODAY,
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"note", "birth_year", "consents"}
    assert not SeekerProfile.objects.exists()


# ---- the signing date: not in the future, at most 2 years (the retention period) back ------------------


@pytest.mark.parametrize("signed_on", [datetime.date(1, 1, 1), datetime.date(1900, 1, 1), datetime.date(2024, 6, 14)])
def test_a_signing_date_past_the_retention_period_is_refused(staff_a, signed_on):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, paper_signed_on=signed_on)
    assert caught.value.message_dict == {
        "paper_signed_on": [
            "서명한 날짜는 최근 2년(개인정보 보유 기간) 안이어야 합니다. 그보다 오래된 동의서는 "
            "보유 기간이 지났으니, 주민에게 새 동의서를 받아 주세요."
        ]
    }
    assert not SeekerProfile.objects.exists()


def test_a_signing_date_2_years_back_is_accepted(staff_a):
    profile = register(staff_a, paper_signed_on=datetime.date(2024, 6, 15))
    assert Consent.objects.get(person=profile).paper_signed_on == datetime.date(2024, 6, 15)


def test_the_earliest_signing_date_of_29_february():
    from accounts.services.paper_consents import paper_signed_earliest

    assert paper_signed_earliest(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)
    assert paper_signed_earliest(TODAY) == datetime.date(2024, 6, 15)


def test_further_paper_consents_bound_the_signing_date_too(staff_a):
    from accounts.services import paper_consents_record

    profile = register(staff_a)
    with pytest.raises(ValidationError) as caught:
        paper_consents_record(
            profile=profile,
            staff=staff_a,
            purposes=["provision"],
            paper_form_version="2026-1",
            paper_signed_on=datetime.date(1, 1, 1),
        )
    assert "최근 2년" in caught.value.message_dict["paper_signed_on"][0]
    assert Consent.objects.filter(person=profile).count() == 1
