"""Erasing a walk-in resident's personal data at their request at the desk (개인정보 보호법
§36; issue 5 review): ``desk:resident_erase`` explains what goes and what stays, asks how the
resident asked and for a confirmation tick, writes the access-log row ``edit``
``"erase:<channel>"`` before erasing, and erases through ``person_erase``. The resident's centre
staff and district staff only; a record with an online account is refused (the person deletes
it at /accounts/delete/)."""

import datetime
import logging

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AccessLogEntry, Consent, SeekerProfile
from accounts.services import ErasureReason, paper_consents_record
from jobs.models import CounsellingNote
from jobs.services.desk import erasure
from jobs.services.desk.erasure import resident_erase
from jobs.services.desk.notes import note_add
from tests.accounts.document_files import PDF
from tests.factories import UserFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]
CONFIRMED = {"channel": "visit", "confirm": "on"}


def erase_url(resident) -> str:
    return reverse("desk:resident_erase", args=[resident.pk])


@pytest.fixture
def resident(centre_a, staff_a):
    person = make_walk_in(centre_a, name="윤정희", phone="+821077778888", email="yoon@example.kr")
    note_add(seeker=person, staff=staff_a, content="허리 수술 이력, 가벼운 일 희망", next_action="010-7777-8888로 연락")
    paper_consents_record(
        profile=person,
        staff=staff_a,
        purposes=["provision"],
        paper_form_version="2026-1",
        paper_signed_on=datetime.date(2026, 6, 10),
        paper_scan=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    )
    return person


@pytest.fixture
def log(resident):
    """The access-log rows written after the set-up (the log is append-only)."""
    start = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return AccessLogEntry.objects.filter(id__gt=start).order_by("id")


def erase_rows(log):
    return list(log.filter(action="edit").values_list("staff_id", "person_id", "detail"))


def test_the_page_explains_and_asks(client, staff_a, resident, log):
    client.force_login(staff_a)
    response = client.get(erase_url(resident))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>윤정희 님 개인정보 삭제 (주민 요청)</h1>" in html
    assert "바로 지워지는 정보" in html and "상담 기록 1건의 상담 내용과 다음 할 일" in html
    assert "서명한 동의서 스캔 파일 1개" in html
    assert "이름 없이 남는 정보" in html and f"주민 기록 {resident.pk}번" in html and "개인정보 접근 기록" in html
    assert 'name="channel"' in html and 'value="paper"' in html and 'name="confirm"' in html
    assert list(log.values_list("action", "person_id", "detail")) == [("view", resident.pk, "record")]


def test_the_record_page_offers_the_erasure(client, staff_a, resident):
    client.force_login(staff_a)
    html = client.get(reverse("desk:resident_detail", args=[resident.pk])).content.decode()
    assert f'href="{erase_url(resident)}"' in html and "개인정보 삭제 (주민 요청)" in html


def test_erasing_blanks_the_record_and_logs_first(client, staff_a, resident, monkeypatch, caplog, log):
    scan = Consent.objects.exclude(paper_scan="").get(person=resident)
    seen_before = []
    real_erase = erasure.person_erase

    def spying_erase(**kwargs):
        seen_before.extend(erase_rows(log))  # the log row is there when the erasure starts
        return real_erase(**kwargs)

    monkeypatch.setattr(erasure, "person_erase", spying_erase)
    client.force_login(staff_a)
    with caplog.at_level(logging.INFO, logger="accounts.services.privacy"):
        response = client.post(erase_url(resident), {"channel": "phone", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("desk:home")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"주민 기록 {resident.pk}번의 개인정보를 지웠습니다" in message and "윤정희" not in message

    resident.refresh_from_db()
    assert resident.erased_at is not None and resident.name == "" and resident.phone == "" and resident.email == ""
    assert resident.birth_year is None and resident.age_band == 60
    note = CounsellingNote.objects.get(seeker=resident)
    assert note.content == "" and note.next_action == "" and note.noted_on
    scan.refresh_from_db()
    assert scan.paper_scan == "" and scan.withdrawn_at is not None
    assert seen_before == [(staff_a.pk, resident.pk, "erase:phone")]
    assert erase_rows(log) == [(staff_a.pk, resident.pk, "erase:phone")]
    assert f"seeker {resident.pk} erased ({ErasureReason.DESK_REQUEST})" in caplog.text
    # the record is gone from the desk
    assert client.get(reverse("desk:resident_detail", args=[resident.pk])).status_code == 404
    assert client.get(erase_url(resident)).status_code == 404


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"channel": "visit"}, "confirm", "확인했다는 칸에 표시해 주세요"),
        ({"confirm": "on"}, "channel", "어떻게 요청했는지 골라 주세요"),
        ({"channel": "email", "confirm": "on"}, "channel", "목록에서 골라 주세요"),
        ({"channel": ["visit", "x"], "confirm": "on"}, None, None),  # a repeated key: the last one
    ],
)
def test_the_confirmation_is_required(client, staff_a, resident, data, field, message, log):
    client.force_login(staff_a)
    response = client.post(erase_url(resident), data)
    assert response.status_code == 200
    if field:
        assert message in " ".join(response.context["form"].errors[field])
        assert 'class="error-summary"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.erased_at is None and resident.name == "윤정희"
    assert erase_rows(log) == []
    assert list(log.values_list("action", "detail")) == [("view", "record")]


def test_district_staff_may_erase(client, district_staff, resident, log):
    client.force_login(district_staff)
    assert client.post(erase_url(resident), CONFIRMED).status_code == 302
    resident.refresh_from_db()
    assert resident.erased_at is not None
    assert erase_rows(log) == [(district_staff.pk, resident.pk, "erase:visit")]


def test_another_centres_staff_get_404(client, staff_b, resident, log):
    client.force_login(staff_b)
    assert client.get(erase_url(resident)).status_code == 404
    assert client.post(erase_url(resident), CONFIRMED).status_code == 404
    resident.refresh_from_db()
    assert resident.erased_at is None and not log.exists()


@pytest.mark.parametrize("who", ["seeker_user", "employer_member"])
def test_others_get_403(client, request, who, resident):
    client.force_login(request.getfixturevalue(who))
    assert client.get(erase_url(resident)).status_code == 403
    assert client.post(erase_url(resident), CONFIRMED).status_code == 403
    resident.refresh_from_db()
    assert resident.erased_at is None


def test_anonymous_visitors_go_to_the_login_page(client, resident):
    response = client.post(erase_url(resident), CONFIRMED)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    resident.refresh_from_db()
    assert resident.erased_at is None


def test_a_record_with_an_online_account_is_refused(client, staff_a, centre_a, log):
    claimed = make_walk_in(centre_a, name="김계정", user=UserFactory())
    client.force_login(staff_a)
    page = client.get(erase_url(claimed)).content.decode()
    assert "창구에서 지울 수 없는 기록입니다" in page and "/accounts/delete/" in page
    assert 'name="confirm"' not in page
    response = client.post(erase_url(claimed), CONFIRMED)
    assert response.status_code == 200 and "/accounts/delete/" in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.erased_at is None and claimed.name == "김계정" and claimed.user.is_active
    assert erase_rows(log) == []
    html = client.get(reverse("desk:resident_detail", args=[claimed.pk])).content.decode()
    assert "본인이 로그인해 '회원 탈퇴'에서 지웁니다" in html


def test_the_service_checks_scope_channel_and_state(staff_a, staff_b, centre_a, resident, log, monkeypatch):
    with pytest.raises(PermissionDenied):
        resident_erase(profile=resident, staff=staff_b, channel="visit")
    with pytest.raises(ValidationError) as caught:
        resident_erase(profile=resident, staff=staff_a, channel="fax")
    assert "channel" in caught.value.message_dict
    claimed = make_walk_in(centre_a, user=UserFactory())
    with pytest.raises(ValidationError) as caught:
        resident_erase(profile=claimed, staff=staff_a, channel="visit")
    assert caught.value.code == "online_account"
    assert erase_rows(log) == []

    tombstone = resident_erase(profile=resident, staff=staff_a, channel="paper", ip="10.0.0.7")
    assert tombstone.erased_at is not None
    assert log.get(action="edit").ip == "10.0.0.7"
    erased = SeekerProfile.objects.get(pk=resident.pk)
    with pytest.raises(PermissionDenied):  # an erased record is out of every desk's scope
        resident_erase(profile=erased, staff=staff_a, channel="visit")
    # a second submission that passed the scope check while the first was erasing
    monkeypatch.setattr(erasure, "require_resident_in_scope", lambda **kwargs: None)
    with pytest.raises(ValidationError) as caught:
        resident_erase(profile=erased, staff=staff_a, channel="visit")
    assert caught.value.code == "erased" and len(erase_rows(log)) == 1
