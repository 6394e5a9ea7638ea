"""The desk's record pages of registration (issue 5 items 2, 3, 7): editing a resident's
record, recording further paper consents, downloading a consent scan or a guardian's
document, and moving a record to another centre (district staff only). Every page that shows
the resident writes a ``view`` row, every write an ``edit`` row, a download a ``download``
row; and every page is refused to anyone without the resident in scope. Declared priority
groups: test_registration_declared_groups.py; withdrawing consents:
test_registration_withdraw.py; the guardian's document: test_registration_guardian.py."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.choices import ConsentMethod, ConsentPurpose, NotifyChannel
from accounts.models import AccessLogEntry, Consent, SeekerProfile
from accounts.services import consent_give, paper_consents_record
from tests.accounts.document_files import EXE, PDF
from tests.factories import SeekerProfileFactory, UserFactory

from .conftest import make_walk_in
from .test_registration import PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)


def paper_resident(centre, staff):
    """홍길동, a walk-in of ``centre`` registered by ``staff`` with the collection and
    provision consents on paper."""
    person = make_walk_in(
        centre, name="홍길동", birth_year=1960, phone="+821022223333", registered_by=staff, notify_channels=["sms"]
    )
    for purpose in (ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION):
        consent_give(
            person=person,
            purpose=purpose,
            method=ConsentMethod.PAPER,
            taken_by=staff,
            paper_form_version="2026-1",
            paper_signed_on=TODAY,
        )
    return person


@pytest.fixture
def resident(centre_a, staff_a):
    """A walk-in of centre A with the collection and provision consents on paper."""
    return paper_resident(centre_a, staff_a)


def log_rows():
    return list(AccessLogEntry.objects.order_by("id").values_list("staff_id", "person_id", "action", "detail"))


def edit_data(**overrides) -> dict:
    data = {
        "name": "홍길동",
        "birth_year": "1960",
        "phone": "010-2222-3333",
        "home_dong": "2820051000",
        "wanted_occupations": ["890"],
        "wanted_wage_amount": "10,320",
        "wanted_wage_unit": "hour",
        "licences": ["forklift"],
        "licences_other": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# ---- edit ------------------------------------------------------------------------------------------


def test_the_edit_page_is_a_view_row(client, staff_a, resident):
    client.force_login(staff_a)
    response = client.get(reverse("desk:resident_edit", args=[resident.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>홍길동 님 기록 고치기</h1>" in html
    assert 'value="010-2222-3333"' in html
    assert 'name="guardian_document"' not in html  # an adult
    assert 'name="consents"' not in html and 'name="note"' not in html
    assert log_rows() == [(staff_a.pk, resident.pk, "view", "record")]


def test_editing_saves_and_writes_an_edit_row(client, staff_a, resident):
    client.force_login(staff_a)
    response = client.post(
        reverse("desk:resident_edit", args=[resident.pk]),
        edit_data(name="홍길순", phone="", wanted_days=["SAT"], licences_other="제과기능사"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:resident_detail", args=[resident.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["홍길순 님의 기록을 고쳤습니다."]
    resident.refresh_from_db()
    assert (resident.name, resident.phone, resident.wanted_days) == ("홍길순", "", ["SAT"])
    assert (resident.wanted_occupations, resident.wanted_min_hourly_krw) == (["890"], 10_320)
    assert (resident.licences, resident.licences_other) == (["forklift"], ["제과기능사"])
    assert resident.notify_channels == []  # no phone, no SMS
    assert log_rows() == [(staff_a.pk, resident.pk, "edit", "profile")]

    client.post(reverse("desk:resident_edit", args=[resident.pk]), edit_data(phone="01099998888"))
    resident.refresh_from_db()
    assert (resident.phone, resident.notify_channels) == ("+821099998888", [NotifyChannel.SMS])


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": ""},
        {"birth_year": "2013"},
        {"birth_year": "x"},
        {"phone": "02-123-4567"},
        {"home_dong": "nope"},
        {"wanted_occupations": ["999"]},
        {"wanted_wage_amount": "abc"},
        {"licences": ["nope"]},
        {"licences_other": "\n".join(f"자격{n}" for n in range(11))},
    ],
)
def test_a_refused_edit_is_shown_again_and_saves_nothing(client, staff_a, resident, overrides):
    client.force_login(staff_a)
    response = client.post(reverse("desk:resident_edit", args=[resident.pk]), edit_data(**overrides))
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    resident.refresh_from_db()
    assert (resident.name, resident.birth_year, resident.phone) == ("홍길동", 1960, "+821022223333")
    assert log_rows() == [(staff_a.pk, resident.pk, "view", "record")]


def test_a_birth_year_of_15_to_17_needs_the_guardian_document(client, staff_a, resident):
    client.force_login(staff_a)
    url = reverse("desk:resident_edit", args=[resident.pk])
    response = client.post(url, edit_data(birth_year="2010"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "보호자 동의서" in html and 'name="guardian_document"' in html
    response = client.post(url, edit_data(birth_year="2010", guardian_document=upload(EXE, "a.pdf")))
    assert response.status_code == 200
    response = client.post(url, edit_data(birth_year="2010", guardian_document=upload(PNG, "a.png")))
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.birth_year == 2010 and resident.guardian_document.name.startswith("guardian/")
    assert 'name="guardian_document"' in client.get(url).content.decode()  # offered to replace


@pytest.mark.parametrize(
    ("birth_year", "field", "message"),
    [
        ("2013", "birth_year", "만 15세 미만은 등록할 수 없습니다 (근로기준법 제64조)."),
        ("2010", "guardian_document", "보호자 동의서를 첨부해야 등록할 수 있습니다 (근로기준법 제66조)."),
    ],
)
def test_the_age_rule_on_an_edit_speaks_to_staff(client, staff_a, resident, birth_year, field, message):
    client.force_login(staff_a)
    response = client.post(reverse("desk:resident_edit", args=[resident.pk]), edit_data(birth_year=birth_year))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in errors[field][0]
    assert field == "birth_year" or "birth_year" not in errors  # one message, where staff act
    html = response.content.decode()
    assert message in html and "문의해 주세요" not in html and "가입할 수 있습니다" not in html
    resident.refresh_from_db()
    assert resident.birth_year == 1960


def test_an_edit_reports_the_age_rule_with_the_other_fields(staff_a, resident):
    from django.core.exceptions import ValidationError

    from accounts.services import resident_update

    with pytest.raises(ValidationError) as caught:
        resident_update(profile=resident, staff=staff_a, birth_year=2010, phone="02-123-4567", name="")
    assert set(caught.value.message_dict) == {"guardian_document", "phone", "name"}
    assert resident.name == "홍길동"


def test_a_claimed_walk_ins_phone_is_not_edited_at_the_desk(client, district_staff, centre_a):
    """A walk-in who claimed an online account is still edited at the desk, but the phone is the account's."""
    online = SeekerProfileFactory(
        user=UserFactory(phone="+821011112222"), registered_centre=centre_a, phone="+821011112222", birth_year=1980
    )
    client.force_login(district_staff)
    url = reverse("desk:resident_edit", args=[online.pk])
    assert 'name="phone"' not in client.get(url).content.decode()
    response = client.post(url, edit_data(name=online.name, birth_year="1980", phone="010-9999-0000"))
    assert response.status_code == 302
    online.refresh_from_db()
    assert online.phone == "+821011112222"


# ---- consents --------------------------------------------------------------------------------------


def test_the_consents_page_lists_who_took_each(client, staff_a, resident):
    client.force_login(staff_a)
    response = client.get(reverse("desk:resident_consents", args=[resident.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>홍길동 님 동의 관리</h1>" in html
    assert html.count("<td>서면</td>") == 2 and "김상담" in html and "2026-1" in html and "2026-06-15" in html
    # the missing purposes are offered; collection cannot be withdrawn, provision can (after a confirmation)
    assert 'value="sensitive"' in html and 'value="notifications"' in html
    assert reverse("desk:resident_consent_withdraw", args=[resident.pk, "provision"]) in html
    assert reverse("desk:resident_consent_withdraw", args=[resident.pk, "collection"]) not in html
    assert 'name="purpose"' not in html
    assert log_rows() == [(staff_a.pk, resident.pk, "view", "record")]


def test_recording_further_paper_consents(client, staff_b, centre_b):
    person = make_walk_in(centre_b)
    consent_give(person=person, purpose="collection", method="paper", taken_by=staff_b, paper_form_version="1")
    client.force_login(staff_b)
    url = reverse("desk:resident_consents", args=[person.pk])
    data = {
        "action": "record",
        "consents": ["notifications", "sensitive"],
        "paper_form_version": "2026-11-v1",
        "paper_signed_on": "2026-06-14",
        "paper_scan": upload(PDF, "scan.pdf"),
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "서면 동의 2건을 기록했습니다.",
        "이제 '정보 고치기'에서 주민이 신고한 우대 대상을 기록할 수 있습니다.",  # the sensitive consent
    ]
    new = Consent.objects.filter(person=person, purpose__in=["notifications", "sensitive"])
    assert {(c.method, c.taken_by_id, c.paper_form_version, c.paper_signed_on) for c in new} == {
        ("paper", staff_b.pk, "2026-11-v1", datetime.date(2026, 6, 14))
    }
    assert all(c.paper_scan.name.startswith("consents/") for c in new)
    assert log_rows() == [(staff_b.pk, person.pk, "edit", "consent")]


@pytest.mark.parametrize(
    "overrides",
    [
        {"consents": []},
        {"consents": ["collection"]},  # active already: not offered
        {"consents": ["bogus"]},
        {"paper_signed_on": "2026-06-16"},
        {"paper_signed_on": "1900-01-01"},
        {"paper_signed_on": "0001-01-01"},
        {"paper_signed_on": "yesterday"},
        {"paper_form_version": ""},
        {"paper_scan": upload(EXE, "scan.pdf")},
    ],
)
def test_refused_consent_records(client, staff_a, resident, overrides):
    client.force_login(staff_a)
    data = {
        "action": "record",
        "consents": ["notifications"],
        "paper_form_version": "v",
        "paper_signed_on": "2026-06-15",
    }
    response = client.post(reverse("desk:resident_consents", args=[resident.pk]), {**data, **overrides})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert Consent.objects.filter(person=resident).count() == 2
    assert log_rows() == [(staff_a.pk, resident.pk, "view", "record")]


def test_the_consents_partial(resident, staff_a):
    html = render_to_string(
        "jobs/desk/_resident_consents.html",
        {"resident": resident, "consents": list(Consent.objects.filter(person=resident)), "user": staff_a},
    )
    for heading in ("동의 항목", "방법", "확인한 직원", "동의서 판", "날짜", "철회"):
        assert f'<th scope="col">{heading}</th>' in html
    assert "개인정보 수집·이용 (필수)" in html and "김상담" in html
    assert reverse("desk:resident_consents", args=[resident.pk]) in html
    assert "/withdraw/" not in html  # withdrawal links only on the consents page
    empty = render_to_string("jobs/desk/_resident_consents.html", {"resident": resident, "consents": []})
    assert "기록된 동의가 없습니다." in empty


# ---- consent scans ----------------------------------------------------------------------------------


def scan_consent(resident, staff):
    paper_consents_record(
        profile=resident,
        staff=staff,
        purposes=["notifications"],
        paper_form_version="2026-1",
        paper_signed_on=TODAY,
        paper_scan=upload(PDF, "스캔.pdf"),
    )
    return Consent.objects.get(person=resident, purpose="notifications")


def test_downloading_a_scan_is_logged(client, staff_a, resident):
    consent = scan_consent(resident, staff_a)
    before = len(log_rows())
    client.force_login(staff_a)
    html = client.get(reverse("desk:resident_consents", args=[resident.pk])).content.decode()
    assert reverse("desk:consent_scan", args=[consent.pk]) in html
    response = client.get(reverse("desk:consent_scan", args=[consent.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert log_rows()[before + 1 :] == [(staff_a.pk, resident.pk, "download", "consent")]


def test_scans_out_of_scope_or_missing_are_404(client, staff_a, staff_b, resident):
    consent = scan_consent(resident, staff_a)
    without = Consent.objects.get(person=resident, purpose="collection")
    before = len(log_rows())
    client.force_login(staff_b)
    assert client.get(reverse("desk:consent_scan", args=[consent.pk])).status_code == 404
    client.force_login(staff_a)
    assert client.get(reverse("desk:consent_scan", args=[without.pk])).status_code == 404
    consent.paper_scan.storage.delete(consent.paper_scan.name)
    assert client.get(reverse("desk:consent_scan", args=[consent.pk])).status_code == 404
    assert len(log_rows()) == before


# ---- transfer ----------------------------------------------------------------------------------------


def test_district_staff_transfer_a_record(client, district_staff, staff_a, staff_b, resident, centre_b):
    client.force_login(district_staff)
    url = reverse("desk:resident_transfer", args=[resident.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "구월1동 행정복지센터" in html
    assert f'<option value="{resident.registered_centre_id}"' not in html  # not to its own centre
    response = client.post(url, {"centre": str(centre_b.pk)})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.registered_centre == centre_b
    assert log_rows() == [
        (district_staff.pk, resident.pk, "view", "record"),
        (district_staff.pk, resident.pk, "edit", "transfer"),
    ]
    client.force_login(staff_a)
    assert client.get(reverse("desk:resident_edit", args=[resident.pk])).status_code == 404
    client.force_login(staff_b)
    assert client.get(reverse("desk:resident_edit", args=[resident.pk])).status_code == 200


@pytest.mark.parametrize("centre", ["", "abc", "999999", "own"])
def test_refused_transfers(client, district_staff, resident, centre):
    client.force_login(district_staff)
    value = str(resident.registered_centre_id) if centre == "own" else centre
    response = client.post(reverse("desk:resident_transfer", args=[resident.pk]), {"centre": value})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.registered_centre.name == "구월1동 행정복지센터"


def test_centre_staff_cannot_transfer(client, staff_a, resident, centre_b):
    client.force_login(staff_a)
    url = reverse("desk:resident_transfer", args=[resident.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"centre": str(centre_b.pk)}).status_code == 403
    resident.refresh_from_db()
    assert resident.registered_centre.name == "구월1동 행정복지센터"
    assert log_rows() == []


# ---- who may use each page ------------------------------------------------------------------------------

RESIDENT_PAGES = [
    "desk:resident_edit",
    "desk:resident_consents",
    "desk:resident_transfer",
    "desk:consent_scan",
    "desk:resident_consent_withdraw",
    "desk:guardian_document",
]
DOWNLOADS = ("desk:consent_scan", "desk:guardian_document")


def attach_guardian_document(resident, content: bytes = PDF):
    """Store a guardian's document for ``resident`` (as registration would)."""
    resident.guardian_document.save("guardian.pdf", ContentFile(content))


def page_url(name, resident, staff):
    if name == "desk:consent_scan":
        return reverse(name, args=[scan_consent(resident, staff).pk])
    if name == "desk:resident_consent_withdraw":
        return reverse(name, args=[resident.pk, ConsentPurpose.PROVISION])
    if name == "desk:guardian_document":
        attach_guardian_document(resident)
    return reverse(name, args=[resident.pk])


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_anonymous_visitors_go_to_the_login_page(client, staff_a, resident, name):
    url = page_url(name, resident, staff_a)
    before = len(log_rows())
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert len(log_rows()) == before


@pytest.mark.parametrize("name", RESIDENT_PAGES)
@pytest.mark.parametrize("who", ["seeker_user", "employer_member"])
def test_seekers_and_employers_get_403(client, request, staff_a, resident, name, who):
    url = page_url(name, resident, staff_a)
    before = len(log_rows())
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code in (403, 405)
    assert len(log_rows()) == before


@pytest.mark.parametrize("name", [name for name in RESIDENT_PAGES if name != "desk:resident_transfer"])
def test_another_centres_staff_get_404(client, staff_a, staff_b, resident, name):
    url = page_url(name, resident, staff_a)
    before = len(log_rows())
    client.force_login(staff_b)
    assert client.get(url).status_code == 404
    if name not in DOWNLOADS:
        assert client.post(url, edit_data(name="바뀜")).status_code == 404
    resident.refresh_from_db()
    assert resident.name == "홍길동"
    assert len(log_rows()) == before


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_district_staff_may_use_every_page(client, district_staff, staff_a, resident, name):
    url = page_url(name, resident, staff_a)
    client.force_login(district_staff)
    assert client.get(url).status_code == 200
    assert log_rows()[-1][:3] == (district_staff.pk, resident.pk, "download" if name in DOWNLOADS else "view")


def test_unknown_residents_are_404(client, staff_a):
    client.force_login(staff_a)
    for name in RESIDENT_PAGES[:2]:
        assert client.get(reverse(name, args=[999999])).status_code == 404
    assert not SeekerProfile.objects.exists()


def test_nothing_is_offered_when_every_consent_is_active(client, staff_a, resident):
    for purpose in ("sensitive", "notifications"):
        consent_give(person=resident, purpose=purpose, method="paper", taken_by=staff_a, paper_form_version="1")
    client.force_login(staff_a)
    url = reverse("desk:resident_consents", args=[resident.pk])
    assert "모든 항목에 동의한 상태입니다." in client.get(url).content.decode()
    data = {"action": "record", "consents": ["sensitive"], "paper_form_version": "v", "paper_signed_on": "2026-06-15"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["모든 항목에 동의한 상태입니다."]
    assert Consent.objects.filter(person=resident).count() == 4
    assert [row[2] for row in log_rows()] == ["view"]
