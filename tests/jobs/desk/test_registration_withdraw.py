"""Withdrawing a resident's optional consent at the desk (issue 5 item 2; 개인정보 보호법 §37):
the consents page links to a confirmation page that says what stops (referrals; match
messages; the declared priority groups are deleted) and asks how the resident asked (방문,
전화, 서면); only then is the consent withdrawn, with the channel in the access-log row's
detail (``consent:withdraw:<channel>``). The page is refused like every desk page about a
resident (tests/jobs/desk/test_resident_edit.py, ``RESIDENT_PAGES``)."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.choices import ConsentPurpose
from accounts.models import Consent
from accounts.services import consent_give, resident_consent_withdraw

from .test_resident_edit import log_rows, paper_resident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]


@pytest.fixture
def resident(centre_a, staff_a):
    """홍길동, a walk-in of centre A with the collection and provision consents on paper."""
    return paper_resident(centre_a, staff_a)


def withdraw_url(resident, purpose) -> str:
    return reverse("desk:resident_consent_withdraw", args=[resident.pk, purpose])


def give(resident, staff, purpose):
    return consent_give(person=resident, purpose=purpose, method="paper", taken_by=staff, paper_form_version="1")


def active(resident, purpose) -> bool:
    return Consent.objects.active().filter(person=resident, purpose=purpose).exists()


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_url_name(resident):
    assert withdraw_url(resident, "provision") == f"/desk/residents/{resident.pk}/consents/provision/withdraw/"


@pytest.mark.parametrize(
    ("purpose", "what_stops"),
    [
        ("provision", "이 주민을 기업에 알선할 수 없습니다."),
        ("notifications", "맞춤 일자리 알림(문자·이메일)을 더 이상 보내지 않습니다."),
        ("sensitive", "기록한 우대 대상(장애인, 경력단절여성, 다문화가족, 북한이탈주민)을 바로 지우고"),
    ],
)
def test_the_confirmation_page_says_what_stops_and_asks_how(client, staff_a, resident, purpose, what_stops):
    give(resident, staff_a, purpose)
    client.force_login(staff_a)
    response = client.get(withdraw_url(resident, purpose))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>홍길동 님 동의 철회: " in html
    assert what_stops in html
    assert "주민이 철회를 요청한 방법" in html
    for value, label in (("visit", "방문"), ("phone", "전화"), ("paper", "서면")):
        assert f'name="channel" value="{value}"' in html and f"> {label}</label>" in html
    assert active(resident, purpose)  # nothing happens on showing the page
    assert log_rows() == [(staff_a.pk, resident.pk, "view", "record")]


def test_the_consents_page_links_to_the_confirmation(client, staff_a, resident):
    client.force_login(staff_a)
    html = client.get(reverse("desk:resident_consents", args=[resident.pk])).content.decode()
    assert f'href="{withdraw_url(resident, "provision")}"' in html
    assert withdraw_url(resident, "collection") not in html


@pytest.mark.parametrize("channel", ["visit", "phone", "paper"])
def test_withdrawing_records_how_the_resident_asked(client, staff_a, resident, channel):
    client.force_login(staff_a)
    response = client.post(withdraw_url(resident, "provision"), {"channel": channel})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:resident_consents", args=[resident.pk])
    assert messages_of(response) == ["'지원·알선 기업에 개인정보 제공 동의 (선택)'을(를) 철회했습니다."]
    assert not active(resident, "provision") and active(resident, "collection")
    assert log_rows() == [(staff_a.pk, resident.pk, "edit", f"consent:withdraw:{channel}")]


@pytest.mark.parametrize("data", [{}, {"channel": ""}, {"channel": "email"}, {"channel": ["visit", "x"]}])
def test_without_how_the_resident_asked_nothing_is_withdrawn(client, staff_a, resident, data):
    client.force_login(staff_a)
    response = client.post(withdraw_url(resident, "provision"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and "주민이 철회를 어떻게 요청했는지" in html
    assert active(resident, "provision")
    assert log_rows() == [(staff_a.pk, resident.pk, "view", "record")]


def test_withdrawing_the_sensitive_consent_deletes_the_declared_groups(client, staff_a, resident):
    give(resident, staff_a, ConsentPurpose.SENSITIVE)
    resident.declared_groups = ["disabled", "defector"]
    resident.save(update_fields=["declared_groups"])
    client.force_login(staff_a)
    url = withdraw_url(resident, "sensitive")
    assert "지금 기록된 우대 대상: 장애인, 북한이탈주민" in client.get(url).content.decode()
    response = client.post(url, {"channel": "phone"})
    assert response.status_code == 302
    assert messages_of(response) == ["'민감정보 처리 동의 (선택)'을(를) 철회했습니다. 기록한 우대 대상을 지웠습니다."]
    resident.refresh_from_db()
    assert resident.declared_groups == []
    assert log_rows()[-1] == (staff_a.pk, resident.pk, "edit", "consent:withdraw:phone")


def test_a_consent_that_is_not_active_goes_back_to_the_consents_page(client, staff_a, resident):
    client.force_login(staff_a)
    url = withdraw_url(resident, "notifications")  # never given
    for response in (client.get(url), client.post(url, {"channel": "visit"})):
        assert response.status_code == 302
        assert response["Location"] == reverse("desk:resident_consents", args=[resident.pk])
        assert messages_of(response)[-1] == "'일자리 알림 수신 동의 (선택)'은(는) 이미 동의하지 않은 상태입니다."
    assert log_rows() == []


@pytest.mark.parametrize("purpose", ["collection", "bogus", "PROVISION"])
def test_the_collection_consent_and_unknown_purposes_are_404(client, staff_a, resident, purpose):
    client.force_login(staff_a)
    assert client.get(withdraw_url(resident, purpose)).status_code == 404
    assert client.post(withdraw_url(resident, purpose), {"channel": "visit"}).status_code == 404
    assert Consent.objects.filter(person=resident, withdrawn_at__isnull=True).count() == 2
    assert log_rows() == []


def test_the_old_one_click_post_does_not_withdraw(client, staff_a, resident):
    client.force_login(staff_a)
    client.post(reverse("desk:resident_consents", args=[resident.pk]), {"action": "withdraw", "purpose": "provision"})
    assert active(resident, "provision")
    assert [row[2] for row in log_rows()] == ["view"]


def test_the_service_takes_the_channel(staff_a, resident):
    with pytest.raises(ValidationError) as caught:
        resident_consent_withdraw(profile=resident, staff=staff_a, purpose="provision", channel="email")
    assert set(caught.value.message_dict) == {"channel"}
    with pytest.raises(TypeError):
        resident_consent_withdraw(profile=resident, staff=staff_a, purpose="provision")
    assert active(resident, "provision") and log_rows() == []
    assert resident_consent_withdraw(profile=resident, staff=staff_a, purpose="provision", channel="paper")
    assert log_rows() == [(staff_a.pk, resident.pk, "edit", "consent:withdraw:paper")]
    # nothing active any more: no row
    assert not resident_consent_withdraw(profile=resident, staff=staff_a, purpose="provision", channel="paper")
    assert len(log_rows()) == 1
