"""Replies forwarded by the SMS gateway (``POST /accounts/sms/inbound/``): a stop word
withdraws the notifications consent of the people at that number (수신거부, 정보통신망법 §50)."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ConsentPurpose
from accounts.models import SeekerProfile
from accounts.services.consents import consent_active, consent_give, consent_withdraw
from accounts.services.notification_stop import is_stop_request, notifications_stop_by_phone
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db

PHONE = "+821077774444"
OTHER_PHONE = "+821077775555"
INBOUND_KEY = "inbound-secret-3141"
URL = "/accounts/sms/inbound/"


@pytest.fixture(autouse=True)
def inbound_key(settings):
    settings.SMS_INBOUND_KEY = INBOUND_KEY


def post(client, body, *, key=INBOUND_KEY, raw=None):
    data = raw if raw is not None else json.dumps(body, ensure_ascii=False)
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    return client.post(URL, data=data, content_type="application/json", headers=headers)


def subscribed(profile: SeekerProfile) -> SeekerProfile:
    consent_give(person=profile, purpose=ConsentPurpose.NOTIFICATIONS)
    return profile


def account_seeker(phone=PHONE, *, verified=True) -> SeekerProfile:
    return subscribed(
        SeekerProfileFactory(user__phone=phone, user__phone_verified_at=timezone.now() if verified else None)
    )


def walk_in(phone=PHONE) -> SeekerProfile:
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    return subscribed(SeekerProfileFactory(user=None, registered_centre=centre, phone=phone))


def notified(profile: SeekerProfile) -> bool:
    return consent_active(person=profile, purpose=ConsentPurpose.NOTIFICATIONS) is not None


def assert_korean_error(response, status):
    assert response.status_code == status
    error = response.json()["error"]
    assert any("가" <= ch <= "힣" for ch in error)


def test_the_url_name():
    assert reverse("accounts:sms_inbound") == URL


# --- stop words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "중지",
        "수신거부",
        "수신 거부",
        "거부",
        "그만",
        "중지.",
        " 알림 중지 ",
        "STOP",
        "stop",
        "S T O P",
        "ｓｔｏｐ",
    ],
)
def test_a_stop_word_withdraws_the_notifications_consent(client, text):
    profile = account_seeker()
    response = post(client, {"from": PHONE, "text": text})
    assert response.status_code == 200
    assert response.json() == {"stopped": 1}
    assert not notified(profile)


def test_the_number_is_told_once_that_alerts_stopped(client):
    from accounts.choices import MessageKind
    from accounts.models import OutboundMessage

    profile = account_seeker()
    post(client, {"from": PHONE, "text": "중지"})
    post(client, {"from": PHONE, "text": "중지"})  # again: nothing withdrawn, nothing sent
    (confirmation,) = OutboundMessage.objects.filter(kind=MessageKind.NOTICE, channel="sms")
    assert confirmation.profile == profile and confirmation.address == PHONE
    assert "일자리 알림을 그만 보냅니다" in confirmation.body


@pytest.mark.parametrize(
    "text",
    [
        "감사합니다",
        "네 알겠습니다",
        "",
        "   ",
        "지원하고 싶어요",
        # a sentence that merely contains a stop word is not a stop request (review of issue 6)
        "이 일자리 거부감이 없어요, 관심 있습니다",
        "그만둔 자리인가요?",
        "Stop please, no wait, I want it",
        "nonstop",
    ],
)
def test_other_text_does_nothing(client, text):
    profile = account_seeker()
    response = post(client, {"from": PHONE, "text": text})
    assert response.json() == {"stopped": 0}
    assert notified(profile)


def test_decomposed_hangul_counts():
    import unicodedata

    assert is_stop_request(unicodedata.normalize("NFD", "수신거부"))


@pytest.mark.parametrize("spelling", ["010-7777-4444", "01077774444", "+82 10 7777 4444", "+821077774444"])
def test_any_korean_spelling_of_the_number(client, spelling):
    profile = walk_in()
    assert post(client, {"from": spelling, "text": "중지"}).json() == {"stopped": 1}
    assert not notified(profile)


# --- who is stopped -------------------------------------------------------------------------


def test_account_users_and_walk_ins_at_the_number_are_stopped_others_are_not(client):
    account = account_seeker()
    consent_give(person=account, purpose=ConsentPurpose.PROVISION)
    family = [walk_in(), walk_in()]  # family members may share a number
    elsewhere = [account_seeker(OTHER_PHONE), walk_in(OTHER_PHONE)]
    response = post(client, {"from": PHONE, "text": "그만"})
    assert response.json() == {"stopped": 3}
    assert not notified(account)
    assert not any(notified(p) for p in family)
    assert all(notified(p) for p in elsewhere)
    # the other consents are untouched
    assert consent_active(person=account, purpose=ConsentPurpose.PROVISION) is not None


def test_an_unknown_number_stops_no_one(client):
    profile = account_seeker()
    assert post(client, {"from": OTHER_PHONE, "text": "STOP"}).json() == {"stopped": 0}
    assert notified(profile)


def test_an_unverified_account_number_is_not_trusted(client):
    profile = account_seeker(verified=False)
    assert post(client, {"from": PHONE, "text": "중지"}).json() == {"stopped": 0}
    assert notified(profile)


def test_an_account_is_reached_by_its_login_number_not_its_profile_number(client):
    profile = account_seeker(OTHER_PHONE)
    SeekerProfile.objects.filter(pk=profile.pk).update(phone=PHONE)
    assert post(client, {"from": PHONE, "text": "중지"}).json() == {"stopped": 0}
    assert notified(profile)


def test_erased_profiles_are_left_alone(client):
    profile = walk_in()
    SeekerProfile.objects.filter(pk=profile.pk).update(erased_at=timezone.now())
    assert post(client, {"from": PHONE, "text": "중지"}).json() == {"stopped": 0}


def test_an_already_withdrawn_consent_is_fine(client):
    profile = account_seeker()
    consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS)
    response = post(client, {"from": PHONE, "text": "중지"})
    assert response.status_code == 200
    assert response.json() == {"stopped": 0}
    # and a second stop reply after a first one
    other = walk_in()
    assert post(client, {"from": PHONE, "text": "중지"}).json() == {"stopped": 1}
    assert post(client, {"from": PHONE, "text": "중지"}).json() == {"stopped": 0}
    assert not notified(other)


def test_the_service_counts_and_normalises():
    walk_in()
    account_seeker()
    assert notifications_stop_by_phone("010-7777-4444") == 2
    assert notifications_stop_by_phone(PHONE) == 0


# --- authentication, methods, bad input -----------------------------------------------------


@pytest.mark.parametrize("key", ["wrong-key", "", None], ids=["wrong", "empty", "missing"])
def test_a_wrong_or_missing_key_is_refused(client, key):
    profile = account_seeker()
    response = post(client, {"from": PHONE, "text": "중지"}, key=key)
    assert_korean_error(response, 403)
    assert notified(profile)


def test_another_scheme_is_refused(client):
    response = client.post(
        URL,
        data=json.dumps({"from": PHONE, "text": "중지"}),
        content_type="application/json",
        headers={"Authorization": f"Basic {INBOUND_KEY}"},
    )
    assert response.status_code == 403


def test_get_is_not_allowed(client):
    response = client.get(URL, headers={"Authorization": f"Bearer {INBOUND_KEY}"})
    assert response.status_code == 405


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "",
        "[1, 2]",
        '"중지"',
        json.dumps({"text": "중지"}),
        json.dumps({"from": PHONE}),
        json.dumps({"from": 1077774444, "text": "중지"}),
        json.dumps({"from": PHONE, "text": ["중지"]}),
        json.dumps({"from": "12345", "text": "중지"}),
        json.dumps({"from": "032-453-5000", "text": "중지"}),  # a landline
        json.dumps({"from": "+1 202 555 0100", "text": "중지"}),
        json.dumps({"from": "", "text": "중지"}),
        "[" * 100_000,
    ],
    ids=[
        "not-json",
        "empty",
        "list",
        "string",
        "no-from",
        "no-text",
        "from-number",
        "text-list",
        "short-number",
        "landline",
        "foreign",
        "empty-from",
        "deep",
    ],
)
def test_a_malformed_body_or_number_is_a_400(client, raw):
    response = post(client, None, raw=raw)
    assert_korean_error(response, 400)


def test_bytes_that_are_not_utf8_are_a_400(client):
    response = post(client, None, raw=b'{"from": "\xff\xfe", "text": "x"}')
    assert_korean_error(response, 400)


def test_a_body_over_the_upload_limit_is_a_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = post(client, {"from": PHONE, "text": "중지" * 100})
    assert_korean_error(response, 400)


def test_the_endpoint_is_off_without_a_key(client, settings):
    settings.SMS_INBOUND_KEY = ""
    profile = account_seeker()
    assert post(client, {"from": PHONE, "text": "중지"}, key="").status_code == 404
    assert post(client, {"from": PHONE, "text": "중지"}, key=None).status_code == 404
    assert client.get(URL).status_code == 404
    assert notified(profile)
