"""The walk-in registration page (``desk:resident_register``, issue 5 item 2): the short form
(consent checkboxes with the consent texts' titles, today's date and the current form version
first, the centre's dong first), a registration with and without phone, with a scan and a
first note, errors shown in Korean, and malformed input that never gives a 500."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.choices import ConsentMethod
from accounts.consent_texts import CONSENT_TEXTS, CONSENT_VERSION
from accounts.models import AccessLogEntry, Consent, SeekerProfile
from jobs.models import CounsellingNote
from tests.accounts.document_files import EXE, PDF

from .test_registration import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

URL = "/desk/residents/new/"
TODAY = datetime.date(2026, 6, 15)


def form_data(**overrides) -> dict:
    data = {
        "name": "홍길동",
        "birth_year": "1960",
        "phone": "010-2222-3333",
        "home_dong": "2820051000",
        "wanted_occupations": ["890"],
        "wanted_dongs": ["2820051000", "2820052100"],
        "wanted_employment_types": ["regular"],
        "wanted_wage_amount": "90,000",
        "wanted_wage_unit": "day",
        "wanted_shifts": ["day"],
        "wanted_days": ["MON", "WED"],
        "licences": ["forklift"],
        "licences_other": "바리스타 2급",
        "consents": ["collection", "provision"],
        "paper_form_version": "2026-1",
        "paper_signed_on": "2026-06-15",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_url_name():
    assert reverse("desk:resident_register") == URL


def test_the_form(client, staff_a):
    client.force_login(staff_a)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>방문 주민 등록</h1>" in html
    assert 'aria-current="page">방문 주민 등록' in html
    for text in CONSENT_TEXTS.values():
        assert str(text.title) in html
    assert f'name="paper_form_version" value="{CONSENT_VERSION}"' in html
    assert 'name="paper_signed_on" value="2026-06-15"' in html
    assert '<option value="2820051000" selected>' in html  # 구월1동, the centre's dong
    assert 'name="guardian_document"' in html and 'name="paper_scan"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="allow_duplicate"' not in html  # only after a duplicate warning
    assert 'name="centre"' not in html  # centre staff register for their own centre
    assert not AccessLogEntry.objects.exists()


def test_registering_goes_to_the_new_record(client, staff_a, centre_a):
    client.force_login(staff_a)
    response = client.post(URL, form_data(note="첫 방문. 주간 생산직 희망."))
    profile = SeekerProfile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:resident_detail", args=[profile.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "홍길동 님을 등록했습니다. 서면 동의를 기록했습니다."
    ]
    assert (profile.user, profile.registered_centre, profile.registered_by) == (None, centre_a, staff_a)
    assert profile.phone == "+821022223333"
    assert profile.wanted_occupations == ["890"]
    assert profile.wanted_dongs == ["2820051000", "2820052100"]
    assert profile.wanted_min_hourly_krw == 11_250  # 90,000 a day ÷ 8
    assert (profile.wanted_shifts, profile.wanted_days) == (["day"], ["MON", "WED"])
    assert (profile.licences, profile.licences_other) == (["forklift"], ["바리스타 2급"])
    consents = Consent.objects.filter(person=profile)
    assert {c.purpose for c in consents} == {"collection", "provision"}
    assert {(c.method, c.taken_by_id, c.paper_form_version, c.paper_signed_on) for c in consents} == {
        (ConsentMethod.PAPER, staff_a.pk, "2026-1", TODAY)
    }
    assert CounsellingNote.objects.get().content == "첫 방문. 주간 생산직 희망."
    rows = AccessLogEntry.objects.order_by("id")
    assert [(r.person_id, r.action, r.detail, r.ip) for r in rows] == [
        (profile.pk, "edit", "register", "127.0.0.1"),
        (profile.pk, "edit", "note", "127.0.0.1"),
    ]


def test_registering_without_phone(client, staff_a):
    client.force_login(staff_a)
    response = client.post(URL, form_data(phone="", consents=["collection"]))
    assert response.status_code == 302
    profile = SeekerProfile.objects.get()
    assert profile.phone == "" and profile.notify_channels == []
    assert not CounsellingNote.objects.exists()
    assert list(AccessLogEntry.objects.values_list("action", "detail")) == [("edit", "register")]


def test_registering_with_a_scan(client, staff_a):
    client.force_login(staff_a)
    response = client.post(URL, form_data(paper_scan=upload(PDF, "동의서.pdf")))
    assert response.status_code == 302
    scans = set(Consent.objects.values_list("paper_scan", flat=True))
    assert len(scans) == 1 and next(iter(scans)).startswith("consents/")


def test_district_staff_choose_the_centre(client, district_staff, centre_b):
    client.force_login(district_staff)
    assert 'name="centre"' in client.get(URL).content.decode()
    for bad in ("abc", "999999", "1 OR 1=1"):
        response = client.post(URL, form_data(centre=bad))
        assert response.status_code == 200
        assert "목록에 있는 센터를 골라 주세요." in response.content.decode()
    response = client.post(URL, form_data(centre=str(centre_b.pk)))
    assert response.status_code == 302
    assert SeekerProfile.objects.get().registered_centre == centre_b


def test_without_the_collection_consent_nothing_is_registered(client, staff_a):
    client.force_login(staff_a)
    response = client.post(URL, form_data(consents=["provision"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "개인정보 수집·이용 동의(필수)에 서명한 경우에만 등록할 수 있습니다." in html
    assert not SeekerProfile.objects.exists() and not AccessLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("birth_year", "files", "message"),
    [
        ("2012", {}, "15세"),
        ("2010", {}, "보호자 동의서"),
        ("2010", {"guardian_document": (EXE, "동의서.pdf")}, "PDF, JPG, PNG"),
    ],
)
def test_age_rules_are_shown(client, staff_a, birth_year, files, message):
    client.force_login(staff_a)
    data = form_data(birth_year=birth_year, **{key: upload(*value) for key, value in files.items()})
    response = client.post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SeekerProfile.objects.exists()


def test_15_to_17_with_the_guardian_document(client, staff_a):
    client.force_login(staff_a)
    response = client.post(URL, form_data(birth_year="2010", guardian_document=upload(PDF, "동의서.pdf")))
    assert response.status_code == 302
    assert SeekerProfile.objects.get().guardian_document.name.startswith("guardian/")


@pytest.mark.parametrize(
    "overrides",
    [
        {"birth_year": "abcd"},
        {"birth_year": "１９６０x"},
        {"birth_year": "99999999999999999999"},
        {"name": "홍\x00길동"},
        {"name": "가" * 500},
        {"phone": "not a phone"},
        {"home_dong": "zzz"},
        {"home_dong": None},
        {"consents": ["bogus"]},
        {"paper_signed_on": "2026-13-45"},
        {"paper_signed_on": "2026-06-16"},
        {"paper_signed_on": "0001-01-01"},
        {"paper_signed_on": "1900-01-01"},
        {"paper_form_version": "x" * 300},
        {"wanted_wage_amount": "-5"},
        {"wanted_wage_amount": "9" * 40},
        {"wanted_wage_unit": "week"},
        {"wanted_occupations": ["999", "'; drop table"]},
        {"wanted_days": ["XXX"]},
        {"licences": ["spaceship"]},
        {"note": "가" * 2001},
    ],
)
def test_malformed_input_is_shown_never_a_500(client, staff_a, overrides):
    client.force_login(staff_a)
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert not SeekerProfile.objects.exists()


def test_a_malformed_query_string_is_ignored(client, staff_a):
    client.force_login(staff_a)
    assert client.get(URL + "?page=%00&x=<script>").status_code == 200


@pytest.mark.parametrize("who", ["seeker_user", "employer_member"])
def test_others_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not SeekerProfile.objects.filter(user__isnull=True).exists()


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(URL, form_data()).status_code == 302
    assert not SeekerProfile.objects.exists()


def test_every_problem_shows_in_one_round(client, staff_a):
    client.force_login(staff_a)
    # a name only (the browser still sends the prefilled form version, date and dong)
    response = client.post(
        URL,
        {"name": "홍길동", "paper_form_version": "2026-1", "paper_signed_on": "1900-01-01", "home_dong": "2820051000"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"birth_year", "consents", "paper_signed_on"}
    html = response.content.decode()
    assert "출생 연도를 입력해 주세요." in html
    assert "개인정보 수집·이용 동의(필수)에 서명한 경우에만 등록할 수 있습니다." in html
    assert "서명한 날짜는 최근 2년(개인정보 보유 기간) 안이어야 합니다." in html
    # a form error elsewhere still shows the age rule and the missing guardian's document
    response = client.post(URL, form_data(name="", birth_year="2012", consents=[]))
    assert set(response.context["form"].errors) == {"name", "birth_year", "consents"}
    assert "만 15세 미만은 등록할 수 없습니다" in response.content.decode()
    response = client.post(URL, form_data(name="", birth_year="2010"))
    assert set(response.context["form"].errors) == {"name", "guardian_document"}
    assert not SeekerProfile.objects.exists() and not AccessLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("birth_year", "field", "message"),
    [
        ("2012", "birth_year", "만 15세 미만은 등록할 수 없습니다 (근로기준법 제64조)."),
        ("2010", "guardian_document", "보호자 동의서를 첨부해야 등록할 수 있습니다 (근로기준법 제66조)."),
    ],
)
def test_the_age_rule_speaks_to_staff(client, staff_a, birth_year, field, message):
    client.force_login(staff_a)
    response = client.post(URL, form_data(birth_year=birth_year))
    assert message in response.context["form"].errors[field][0]
    html = response.content.decode()
    assert message in html
    assert "가입할 수 있습니다" not in html and "문의해 주세요" not in html


def test_the_signing_date_input_is_bounded(client, staff_a):
    client.force_login(staff_a)
    html = client.get(URL).content.decode()
    assert 'min="2024-06-15"' in html and 'max="2026-06-15"' in html
    assert "최근 2년 안의 날짜만 받습니다." in html
