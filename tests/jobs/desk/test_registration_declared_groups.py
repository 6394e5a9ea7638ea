"""Declared priority groups of a walk-in resident (장애인, 경력단절여성, 다문화가족, 북한이탈주민;
sensitive data, 개인정보 보호법 §23): the registration form offers them and stores them only
when the same paper form gives the sensitive-data consent (otherwise a Korean error); the
record edit offers them only while the resident has an active sensitive-data consent (else a
note that the consent is needed, with a link to the consents page)."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.choices import ConsentPurpose
from accounts.models import AccessLogEntry, SeekerProfile
from accounts.services import consent_give, resident_update
from accounts.services.residents import resident_register_check
from jobs.services.desk.registration import walk_in_register

from .test_registration import TODAY, register
from .test_registration_pages import URL as REGISTER_URL
from .test_registration_pages import form_data
from .test_resident_edit import edit_data, log_rows, paper_resident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]


@pytest.fixture
def resident(centre_a, staff_a):
    """홍길동, a walk-in of centre A with the collection and provision consents on paper."""
    return paper_resident(centre_a, staff_a)


NEEDS_CONSENT = "우대 대상(장애인 등)은 주민이 서면 동의서에서 민감정보 처리에 동의한 경우에만 기록할 수 있습니다."
EDIT_NEEDS_CONSENT = "우대 대상(장애인 등)은 민감정보 처리에 동의한 주민만 기록할 수 있습니다."


# ---- registration ------------------------------------------------------------------------------


def test_registering_with_the_sensitive_consent_stores_the_groups(staff_a):
    profile = register(
        staff_a,
        consents=[ConsentPurpose.COLLECTION, ConsentPurpose.SENSITIVE],
        declared_groups=["defector", "disabled", "disabled"],
    )
    profile.refresh_from_db()
    assert profile.declared_groups == ["disabled", "defector"]  # the code list's order, once each
    assert list(AccessLogEntry.objects.values_list("action", "detail")) == [("edit", "register")]


@pytest.mark.parametrize(
    ("consents", "groups", "message"),
    [
        ([ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION], ["disabled"], NEEDS_CONSENT),
        ([ConsentPurpose.COLLECTION, ConsentPurpose.SENSITIVE], ["youth"], "청년과 고령자는 출생 연도로 정해집니다."),
        ([ConsentPurpose.COLLECTION, ConsentPurpose.SENSITIVE], ["bogus"], "중에서 골라 주세요."),
    ],
)
def test_groups_without_the_consent_or_unknown_are_refused(staff_a, consents, groups, message):
    with pytest.raises(ValidationError) as caught:
        register(staff_a, consents=consents, declared_groups=groups)
    assert message in caught.value.message_dict["declared_groups"][0]
    assert not SeekerProfile.objects.exists() and not AccessLogEntry.objects.exists()


def test_the_check_reports_the_groups_with_the_other_problems():
    problems = resident_register_check(
        birth_year=1960,
        consents=["provision"],
        paper_form_version="1",
        paper_signed_on=TODAY,
        declared_groups=["career_break"],
    )
    assert set(problems) == {"consents", "declared_groups"}
    assert NEEDS_CONSENT in problems["declared_groups"][0]


def test_a_long_note_is_reported_with_the_groups(staff_a):
    with pytest.raises(ValidationError) as caught:
        walk_in_register(
            note="가" * 2001,
            staff=staff_a,
            name="홍길동",
            birth_year=1960,
            consents=["collection"],
            paper_form_version="1",
            paper_signed_on=TODAY,
            declared_groups=["disabled"],
        )
    assert set(caught.value.message_dict) == {"note", "declared_groups"}
    assert not SeekerProfile.objects.exists()


def test_the_registration_form_offers_the_groups(client, staff_a):
    client.force_login(staff_a)
    html = client.get(REGISTER_URL).content.decode()
    assert "우대 대상 (본인 신고)" in html
    for code, label in (
        ("disabled", "장애인"),
        ("career_break", "경력단절여성"),
        ("multicultural", "다문화가족"),
        ("defector", "북한이탈주민"),
    ):
        assert f'name="declared_groups" value="{code}"' in html and f"> {label}</label>" in html
    assert 'name="declared_groups" value="youth"' not in html
    assert "민감정보 처리 동의를 체크한 경우에만 기록합니다." in html


def test_registering_on_the_page_with_the_sensitive_consent(client, staff_a):
    client.force_login(staff_a)
    response = client.post(
        REGISTER_URL,
        form_data(consents=["collection", "sensitive"], declared_groups=["multicultural"]),
    )
    assert response.status_code == 302
    assert SeekerProfile.objects.get().declared_groups == ["multicultural"]


def test_registering_on_the_page_without_the_sensitive_consent_is_refused(client, staff_a):
    client.force_login(staff_a)
    response = client.post(REGISTER_URL, form_data(declared_groups=["disabled"]))
    assert response.status_code == 200
    assert NEEDS_CONSENT in response.context["form"].errors["declared_groups"][0]
    assert NEEDS_CONSENT in response.content.decode()
    assert not SeekerProfile.objects.exists()
    # with another field's error too: both in one round
    response = client.post(REGISTER_URL, form_data(name="", declared_groups=["disabled"]))
    assert set(response.context["form"].errors) == {"name", "declared_groups"}
    # without groups, no sensitive consent is needed
    assert client.post(REGISTER_URL, form_data(declared_groups=[])).status_code == 302
    assert SeekerProfile.objects.get().declared_groups == []


# ---- the record edit ---------------------------------------------------------------------------


def test_without_the_sensitive_consent_the_edit_says_it_is_needed(client, staff_a, resident):
    client.force_login(staff_a)
    url = reverse("desk:resident_edit", args=[resident.pk])
    html = client.get(url).content.decode()
    assert 'name="declared_groups"' not in html
    assert "이 주민은 지금 동의하지 않은 상태입니다." in html
    assert f'href="{reverse("desk:resident_consents", args=[resident.pk])}"' in html
    # a posted value is ignored (the field is not there)
    assert client.post(url, edit_data(declared_groups=["disabled"])).status_code == 302
    resident.refresh_from_db()
    assert resident.declared_groups == []


def test_with_the_sensitive_consent_the_edit_records_the_groups(client, staff_a, resident):
    consent_give(person=resident, purpose="sensitive", method="paper", taken_by=staff_a, paper_form_version="1")
    client.force_login(staff_a)
    url = reverse("desk:resident_edit", args=[resident.pk])
    html = client.get(url).content.decode()
    assert 'name="declared_groups" value="disabled"' in html
    assert "이 주민은 지금 동의하지 않은 상태입니다." not in html
    response = client.post(url, edit_data(declared_groups=["career_break", "disabled"]))
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.declared_groups == ["disabled", "career_break"]
    assert 'value="career_break" id="id_declared_groups_1" checked' in client.get(url).content.decode()
    client.post(url, edit_data())  # none ticked: cleared
    resident.refresh_from_db()
    assert resident.declared_groups == []
    assert [row[2:] for row in log_rows() if row[2] == "edit"] == [("edit", "profile")] * 2


def test_the_service_refuses_groups_without_the_consent_in_words_for_staff(staff_a, resident):
    with pytest.raises(ValidationError) as caught:
        resident_update(profile=resident, staff=staff_a, declared_groups=["disabled"], name="홍길순")
    assert EDIT_NEEDS_CONSENT in caught.value.message_dict["declared_groups"][0]
    assert "'개인정보 동의 관리'" not in caught.value.message_dict["declared_groups"][0]  # the seeker's words
    resident.refresh_from_db()
    assert (resident.name, resident.declared_groups) == ("홍길동", [])
    assert log_rows() == []


def test_recording_the_sensitive_consent_points_to_the_edit(client, staff_a, resident):
    client.force_login(staff_a)
    data = {"action": "record", "consents": ["sensitive"], "paper_form_version": "v", "paper_signed_on": "2026-06-15"}
    response = client.post(reverse("desk:resident_consents", args=[resident.pk]), data)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "서면 동의 1건을 기록했습니다.",
        "이제 '정보 고치기'에서 주민이 신고한 우대 대상을 기록할 수 있습니다.",
    ]
