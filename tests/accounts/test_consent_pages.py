"""``/accounts/consents/``: each consent with its text, version and date; optional consents
withdrawn (with a confirmation step) and given again, the history kept; withdrawing the
sensitive-data consent drops the declared priority groups."""

import pytest

from accounts import services
from accounts.choices import ConsentPurpose
from accounts.consent_texts import CONSENT_TEXTS, CONSENT_VERSION
from accounts.models import Consent
from tests.factories import EmployerMemberFactory, SeekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker():
    profile = SeekerProfileFactory()
    for purpose in ConsentPurpose.values:
        services.consent_give(person=profile, purpose=purpose)
    return profile


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker.user)
    return client


def test_the_page_lists_every_consent_with_text_version_and_date(seeker_client):
    html = seeker_client.get("/accounts/consents/").content.decode()
    for purpose, text in CONSENT_TEXTS.items():
        assert f'id="consent-{purpose}"' in html
        assert str(text.title) in html and str(text.retention) in html and str(text.refusal) in html
    assert f"동의서 판 {CONSENT_VERSION}" in html
    # optional consents can be withdrawn; the required one only by deleting the account
    for purpose in ("provision", "sensitive", "notifications"):
        assert f'href="/accounts/consents/{purpose}/withdraw/"' in html
    assert 'href="/accounts/consents/collection/withdraw/"' not in html
    assert "필수 동의는 따로 철회할 수 없습니다" in html


def test_withdraw_asks_to_confirm_then_withdraws_and_gives_again(seeker_client, seeker):
    response = seeker_client.get("/accounts/consents/notifications/withdraw/")
    assert response.status_code == 200 and "맞춤 일자리 알림을 보내지 않습니다" in response.content.decode()
    assert services.consent_active(person=seeker, purpose="notifications") is not None  # GET changes nothing

    response = seeker_client.post("/accounts/consents/notifications/withdraw/", follow=True)
    assert "동의를 철회했습니다" in response.content.decode()
    assert services.consent_active(person=seeker, purpose="notifications") is None
    html = response.content.decode()
    assert 'href="/accounts/consents/notifications/give/"' in html and "동의·철회 기록" in html

    assert seeker_client.get("/accounts/consents/notifications/give/").status_code == 200
    response = seeker_client.post("/accounts/consents/notifications/give/", follow=True)
    assert "동의했습니다" in response.content.decode()
    rows = Consent.objects.filter(person=seeker, purpose="notifications").order_by("given_at", "id")
    assert rows.count() == 2  # the history stays
    assert rows[0].withdrawn_at is not None and rows[1].withdrawn_at is None
    assert rows[1].version == CONSENT_VERSION and rows[1].method == "online"


def test_withdrawing_twice_or_giving_twice_is_harmless(seeker_client, seeker):
    seeker_client.post("/accounts/consents/provision/withdraw/")
    response = seeker_client.post("/accounts/consents/provision/withdraw/", follow=True)
    assert "이미 동의하지 않은 항목입니다" in response.content.decode()
    seeker_client.post("/accounts/consents/provision/give/")
    response = seeker_client.post("/accounts/consents/provision/give/", follow=True)
    assert "이미 동의한 항목입니다" in response.content.decode()
    assert Consent.objects.filter(person=seeker, purpose="provision").count() == 2


def test_withdrawing_the_sensitive_consent_drops_declared_groups(seeker_client, seeker):
    services.profile_update(profile=seeker, declared_groups=["disabled", "career_break"])
    html = seeker_client.get("/accounts/consents/sensitive/withdraw/").content.decode()
    assert "바로 지웁니다" in html
    response = seeker_client.post("/accounts/consents/sensitive/withdraw/", follow=True)
    assert "신고한 우대 대상 정보(장애인 등)를 지웠습니다" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.declared_groups == []
    # the profile form no longer offers them
    assert 'name="declared_groups"' not in seeker_client.get("/accounts/profile/edit/").content.decode()

    response = seeker_client.post("/accounts/consents/sensitive/give/")
    assert response["Location"] == "/accounts/profile/edit/#priority-groups"
    assert 'name="declared_groups"' in seeker_client.get("/accounts/profile/edit/").content.decode()
    seeker.refresh_from_db()
    assert seeker.declared_groups == []  # given again, nothing comes back by itself


def test_the_required_consent_and_unknown_purposes_are_404(seeker_client, seeker):
    for url in ("/accounts/consents/collection/withdraw/", "/accounts/consents/bogus/give/"):
        assert seeker_client.get(url).status_code == 404
        assert seeker_client.post(url).status_code == 404
    assert services.consent_active(person=seeker, purpose="collection") is not None


def test_access(client, seeker):
    for url in ("/accounts/consents/", "/accounts/consents/sensitive/withdraw/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client.post("/accounts/consents/sensitive/withdraw/")
    assert response.status_code == 302
    assert services.consent_active(person=seeker, purpose="sensitive") is not None
    client.force_login(EmployerMemberFactory().user)
    assert client.get("/accounts/consents/").status_code == 403
    assert client.post("/accounts/consents/sensitive/withdraw/").status_code == 403
    assert services.consent_active(person=seeker, purpose="sensitive") is not None


def test_a_seeker_changes_only_their_own_consents(client, seeker):
    other = SeekerProfileFactory()
    client.force_login(other.user)
    client.post("/accounts/consents/sensitive/withdraw/")
    assert services.consent_active(person=seeker, purpose="sensitive") is not None
