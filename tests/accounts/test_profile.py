"""The seeker's profile (issue 4 item 4): validation in ``services.profile_update``, the wage
unit conversion, priority groups and the consent they need, the profile and career pages and
who may open them."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts import services
from accounts.choices import ConsentPurpose
from accounts.models import CareerEntry
from namdong_jobs.reference.models import Dong
from tests.factories import EmployerMemberFactory, SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
KST = ZoneInfo("Asia/Seoul")
GUWOL1 = "2820051000"


@pytest.fixture(autouse=True)
def clock():
    """2026-06-15 10:00 KST: the year decides ages and derived priority groups."""
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=KST), tick=False):
        yield


@pytest.fixture
def seeker():
    return SeekerProfileFactory(birth_year=1980)


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker.user)
    return client


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


# --- the service ---------------------------------------------------------------------------


def test_wanted_codes_are_checked_against_reference_data(seeker):
    services.profile_update(profile=seeker, wanted_occupations=["890", "550", "550"], wanted_dongs=[GUWOL1])
    seeker.refresh_from_db()
    assert seeker.wanted_occupations == ["550", "890"]
    assert seeker.wanted_dongs == [GUWOL1]

    for codes in (["999"], ["55"], ["5"], ["89O"], ["550", "abc"]):
        with pytest.raises(ValidationError) as exc:
            services.profile_update(profile=seeker, wanted_occupations=codes)
        assert "소분류 직종" in errors_of(exc)["wanted_occupations"][0]
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, wanted_dongs=["2820099999"])
    assert "행정동" in errors_of(exc)["wanted_dongs"][0]
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, wanted_shifts=["morning"], wanted_days=["MON", "HOL"])
    assert set(errors_of(exc)) == {"wanted_shifts", "wanted_days"}
    seeker.refresh_from_db()
    assert seeker.wanted_occupations == ["550", "890"]  # nothing saved from a refused change


def test_empty_wanted_dongs_mean_anywhere_in_namdong(seeker):
    services.profile_update(profile=seeker, wanted_dongs=[])
    seeker.refresh_from_db()
    assert seeker.wanted_dongs == []


@pytest.mark.parametrize(
    ("amount", "unit", "hourly"),
    [
        (10_320, "hour", 10_320),
        (82_560, "day", 10_320),  # 일급 ÷ 8
        (2_156_880, "month", 10_320),  # 월급 ÷ 209
        (2_000_000, "month", 9_569),  # rounded down
        (0, "hour", 0),
    ],
)
def test_wage_units_convert_to_per_hour(amount, unit, hourly):
    assert services.wage_per_hour(amount=amount, unit=unit) == hourly


def test_wage_unit_and_bounds_are_checked(seeker):
    with pytest.raises(ValidationError):
        services.wage_per_hour(amount=10_000, unit="year")
    for bad in (-1, 1_000_001, "10000", 12.5):
        with pytest.raises(ValidationError) as exc:
            services.profile_update(profile=seeker, wanted_min_hourly_krw=bad)
        assert "wanted_min_hourly_krw" in errors_of(exc)
    services.profile_update(profile=seeker, wanted_min_hourly_krw=1_000_000)
    services.profile_update(profile=seeker, wanted_min_hourly_krw=None)
    seeker.refresh_from_db()
    assert seeker.wanted_min_hourly_krw is None


def test_declared_groups_need_the_sensitive_consent(seeker):
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, declared_groups=["disabled"])
    assert "민감정보 처리에 동의한 경우에만" in errors_of(exc)["declared_groups"][0]
    seeker.refresh_from_db()
    assert seeker.declared_groups == []

    services.consent_give(person=seeker, purpose=ConsentPurpose.SENSITIVE)
    services.profile_update(profile=seeker, declared_groups=["multicultural", "disabled"])
    seeker.refresh_from_db()
    assert seeker.declared_groups == ["disabled", "multicultural"]
    # youth and older are derived from the birth year, never declared
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, declared_groups=["youth"])
    assert "출생 연도로 정해집니다" in errors_of(exc)["declared_groups"][0]


def test_derived_groups_come_from_the_birth_year():
    assert SeekerProfileFactory(birth_year=2000).derived_groups(2026) == ["youth"]
    assert SeekerProfileFactory(birth_year=1971).derived_groups(2026) == ["older"]
    assert SeekerProfileFactory(birth_year=1976).derived_groups(2026) == []  # 50: 준고령자, not a group


def test_basic_details_are_checked_and_normalised(seeker):
    services.profile_update(profile=seeker, name=" 김\u200b영희 ", phone="010 2345 6789", email="Kim@Example.KR")
    seeker.refresh_from_db()
    assert (seeker.name, seeker.phone, seeker.email) == ("김영희", "+821023456789", "kim@example.kr")
    services.profile_update(profile=seeker, home_dong=GUWOL1)
    assert seeker.home_dong == Dong.objects.get(code=GUWOL1)
    services.profile_update(profile=seeker, home_dong=None, phone="")
    seeker.refresh_from_db()
    assert seeker.home_dong is None and seeker.phone == ""

    with pytest.raises(ValidationError) as exc:
        services.profile_update(
            profile=seeker, name=" ", phone="02-123-4567", email="not-an-email", home_dong="9999999999"
        )
    assert set(errors_of(exc)) == {"name", "phone", "email", "home_dong"}


def test_birth_year_keeps_the_age_rules(seeker):
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, birth_year=2013)  # 13 in 2026
    assert "15세" in errors_of(exc)["birth_year"][0]
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, birth_year=2010)  # 16, no guardian document
    assert "보호자 동의서" in errors_of(exc)["birth_year"][0]
    with pytest.raises(ValidationError):
        services.profile_update(profile=seeker, birth_year=1850)
    services.profile_update(profile=seeker, birth_year=2008)  # 18
    seeker.refresh_from_db()
    assert seeker.birth_year == 2008


def test_licences_texts_and_unknown_fields(seeker):
    services.profile_update(
        profile=seeker, licences=["forklift", "care_worker"], licences_other="바리스타 2급, 제과기능사\n바리스타 2급\n"
    )
    seeker.refresh_from_db()
    assert seeker.licences == ["care_worker", "forklift"]
    assert seeker.licences_other == ["바리스타 2급", "제과기능사"]
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, licences_other=[f"자격 {n}" for n in range(11)])
    assert "10개까지" in errors_of(exc)["licences_other"][0]
    with pytest.raises(ValidationError) as exc:
        services.profile_update(profile=seeker, licences=["pilot"], self_introduction="가" * 1001)
    assert set(errors_of(exc)) == {"licences", "self_introduction"}
    with pytest.raises(TypeError):
        services.profile_update(profile=seeker, erased_at=None)


def test_career_entries_are_checked(seeker):
    entry = services.career_entry_add(
        profile=seeker, company="남동정밀", role="조립", started_on=datetime.date(2019, 3, 17), ended_on=None
    )
    assert entry.started_on == datetime.date(2019, 3, 1)
    with pytest.raises(ValidationError) as exc:
        services.career_entry_update(entry=entry, ended_on=datetime.date(2018, 1, 1))
    assert "ended_on" in errors_of(exc)
    with pytest.raises(ValidationError) as exc:
        services.career_entry_add(profile=seeker, company="", role="", started_on=datetime.date(2027, 1, 1))
    assert set(errors_of(exc)) == {"company", "role", "started_on"}
    services.career_entry_delete(entry=entry)
    assert not CareerEntry.objects.exists()


# --- the pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/accounts/profile/", "/accounts/profile/edit/", "/accounts/profile/career/add/", "/accounts/consents/"]
)
def test_anonymous_visitors_go_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_accounts_without_a_seeker_profile_get_403(client):
    client.force_login(EmployerMemberFactory().user)
    response = client.get("/accounts/profile/edit/")
    assert response.status_code == 403
    assert "구직자 프로필이 없는 계정입니다" in response.content.decode()


def test_profile_page_shows_derived_groups_and_asks_consent_for_declared(client):
    young = SeekerProfileFactory(birth_year=2000)
    client.force_login(young.user)
    html = client.get("/accounts/profile/").content.decode()
    assert "청년" in html and "민감정보 처리에 동의하지 않아" in html
    html = client.get("/accounts/profile/edit/").content.decode()
    assert 'name="declared_groups"' not in html
    assert 'href="/accounts/consents/#consent-sensitive"' in html
    # occupations grouped by KECO middle group, each a fieldset with a legend
    assert '<legend class="visually-hidden" lang="ko">돌봄 서비스직(간병·육아)</legend>' in html

    services.consent_give(person=young, purpose=ConsentPurpose.SENSITIVE)
    html = client.get("/accounts/profile/edit/").content.decode()
    assert 'name="declared_groups"' in html and 'value="youth"' not in html


def edit_data(**overrides) -> dict:
    data = {
        "name": "김영희",
        "birth_year": "1968",
        "phone": "010-2345-6789",
        "email": "",
        "home_dong": GUWOL1,
        "wanted_occupations": ["550", "890"],
        "wanted_dongs": [],
        "wanted_employment_types": ["part_time"],
        "wanted_wage_amount": "2,156,880",
        "wanted_wage_unit": "month",
        "wanted_shifts": ["day"],
        "wanted_days": ["MON", "WED"],
        "education": "high",
        "licences": ["care_worker"],
        "licences_other": "바리스타 2급",
        "languages": ["ko", "vi"],
        "self_introduction": "성실하게 일하겠습니다.\r\n잘 부탁드립니다.",
        "notify_channels": ["sms"],
        "notify_frequency": "daily",
        "is_searchable": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_edit_form_saves_every_part(seeker_client, seeker):
    phone_before = seeker.phone
    response = seeker_client.post("/accounts/profile/edit/", edit_data(declared_groups=["disabled"]), follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/profile/"
    assert "프로필을 저장했습니다" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.wanted_min_hourly_krw == 10_320  # 월급 2,156,880 ÷ 209
    assert seeker.wanted_occupations == ["550", "890"] and seeker.wanted_dongs == []
    # an online seeker's phone changes only on /accounts/identifiers/ (verified), never here
    assert seeker.home_dong_id == GUWOL1 and seeker.phone == phone_before != "+821023456789"
    assert seeker.self_introduction == "성실하게 일하겠습니다.\n잘 부탁드립니다."
    assert seeker.notify_channels == ["sms"] and seeker.notify_frequency == "daily" and seeker.is_searchable
    assert seeker.declared_groups == []  # offered only with the sensitive consent: ignored
    html = response.content.decode()
    assert "시급 10,320원 이상" in html and "남동구 어디든" in html
    assert "<dt>출생 연도로 정해짐</dt><dd>고령자</dd>" in html  # 58 in 2026

    seeker_client.post("/accounts/profile/edit/", edit_data(home_dong="outside", wanted_wage_amount=""))
    seeker.refresh_from_db()
    assert seeker.home_dong is None and seeker.wanted_min_hourly_krw is None


def test_the_edit_form_starts_from_the_saved_profile(seeker_client, seeker):
    services.profile_update(
        profile=seeker, wanted_occupations=["550"], wanted_min_hourly_krw=10_320, licences_other=["바리스타", "제과"]
    )
    html = seeker_client.get("/accounts/profile/edit/").content.decode()
    assert re.search(r'<input type="checkbox" name="wanted_occupations" value="550"[^>]*checked', html)
    assert re.search(
        r"<details open>\s*<summary><span lang=\"ko\">돌봄 서비스직\(간병·육아\)</span> \(1개 고름\)", html
    )
    assert 'name="wanted_wage_amount" value="10,320"' in html
    assert "바리스타\n제과</textarea>" in html


def test_the_edit_form_shows_korean_errors_next_to_fields(seeker_client, seeker):
    response = seeker_client.post(
        "/accounts/profile/edit/",
        edit_data(
            birth_year="abcd",
            wanted_occupations=["550", "999"],
            wanted_wage_amount="만원",
            phone="12345",
            wanted_days=["HOL"],
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'id="id_birth_year_error"' in html and "4자리 숫자" in html
    assert 'id="id_wanted_occupations_error"' in html
    assert 'id="id_wanted_wage_amount_error"' in html and "원 단위 숫자" in html
    assert 'id="id_wanted_days_error"' in html
    seeker.refresh_from_db()
    assert seeker.birth_year == 1980


def test_birth_year_field(seeker_client, seeker):
    for typed in ("19680", "68", "1968년"):
        html = seeker_client.post("/accounts/profile/edit/", edit_data(birth_year=typed)).content.decode()
        assert 'id="id_birth_year_error"' in html and "4자리 숫자" in html
    seeker_client.post("/accounts/profile/edit/", edit_data(birth_year="１９６８"))  # full-width digits
    seeker.refresh_from_db()
    assert seeker.birth_year == 1968


def test_service_errors_reach_the_form(seeker_client):
    response = seeker_client.post(
        "/accounts/profile/edit/", edit_data(wanted_wage_amount="1,000,001", wanted_wage_unit="hour", phone="12")
    )
    html = response.content.decode()
    assert 'id="id_wanted_wage_amount_error"' in html and "100만 원" in html
    # no phone field for an account holder (second review): a forged value is ignored
    assert 'id="id_phone"' not in html and 'id="id_phone_error"' not in html
    assert "/accounts/identifiers/" in html


def test_career_pages(seeker_client, seeker):
    response = seeker_client.post(
        "/accounts/profile/career/add/",
        {"company": "남동정밀", "role": "조립", "started_on": "2019-03", "ended_on": "2021.12", "duties": ""},
    )
    assert response.status_code == 302
    entry = seeker.career_entries.get()
    assert (entry.started_on, entry.ended_on) == (datetime.date(2019, 3, 1), datetime.date(2021, 12, 1))

    response = seeker_client.post(
        f"/accounts/profile/career/{entry.pk}/edit/",
        {"company": "남동정밀", "role": "조립", "started_on": "2019년 3월", "ended_on": "2018-01"},
    )
    assert response.status_code == 200 and 'id="id_ended_on_error"' in response.content.decode()
    response = seeker_client.post(
        f"/accounts/profile/career/{entry.pk}/edit/", {"company": "남동정밀", "role": "검사", "started_on": "x"}
    )
    assert 'id="id_started_on_error"' in response.content.decode()

    assert seeker_client.get(f"/accounts/profile/career/{entry.pk}/delete/").status_code == 200
    assert seeker_client.post(f"/accounts/profile/career/{entry.pk}/delete/").status_code == 302
    assert not seeker.career_entries.exists()


def test_another_seekers_career_entry_is_404(seeker_client):
    other = SeekerProfileFactory()
    entry = services.career_entry_add(profile=other, company="A", role="B", started_on=datetime.date(2020, 1, 1))
    assert seeker_client.get(f"/accounts/profile/career/{entry.pk}/edit/").status_code == 404
    assert seeker_client.post(f"/accounts/profile/career/{entry.pk}/delete/").status_code == 404
    assert CareerEntry.objects.filter(pk=entry.pk).exists()


def test_erased_profile_is_refused(seeker):
    seeker.erased_at = datetime.datetime(2026, 1, 1, tzinfo=KST)
    seeker.save()
    with pytest.raises(ValidationError):
        services.profile_update(profile=seeker, name="새 이름")


def test_a_user_without_profile_is_not_a_seeker(client):
    client.force_login(UserFactory())
    assert client.get("/accounts/profile/").status_code == 403


def test_a_career_entry_cannot_start_before_the_person_was_thirteen():
    """A 1950 job for someone born in 1990 is a typing mistake (review finding)."""
    import datetime

    from accounts.services import career_entry_add

    profile = SeekerProfileFactory(birth_year=1990)
    with pytest.raises(ValidationError) as exc:
        career_entry_add(profile=profile, company="남동상사", role="사무", started_on=datetime.date(1950, 1, 1))
    assert "출생 연도" in exc.value.message_dict["started_on"][0]
    entry = career_entry_add(profile=profile, company="남동상사", role="사무", started_on=datetime.date(2003, 3, 1))
    assert entry.started_on == datetime.date(2003, 3, 1)


def test_wanted_wage_takes_full_width_digits():
    from accounts.profile_forms import AmountField

    assert AmountField().clean("１２，５００원") == 12_500
