"""The referral's message to the employer (issue 5 review; 개인정보 보호법 §23): the help text
tells staff not to write health, disability or other sensitive details, and a message with a
word of ``SENSITIVE_MESSAGE_WORDS`` is sent only after staff tick a confirmation box."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.services import consent_give
from jobs.forms.referrals import ReferralForm
from jobs.models import Application, Referral
from jobs.services.desk.referrals import SENSITIVE_MESSAGE_WORDS, sensitive_words
from tests.factories import JobPostingFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)  # manage_clock
SENSITIVE = "허리가 아파서 병원 치료 중입니다. 무거운 물건은 어렵습니다."


@pytest.fixture
def resident(centre_a, staff_a):
    resident = make_walk_in(centre_a, name="김민수", registered_by=staff_a)
    consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff_a,
        paper_form_version="2026-11-v1",
        paper_signed_on=TODAY,
    )
    return resident


@pytest.fixture
def url(resident):
    return reverse("desk:referral_create", args=[resident.pk, JobPostingFactory(title="아파트 경비원").pk])


def test_the_words_are_found_with_spaces_ignored():
    assert {"장애", "질병", "병원", "아파", "허리", "임신", "정신", "치료"} <= set(SENSITIVE_MESSAGE_WORDS)
    assert sensitive_words(SENSITIVE) == ["병원", "아파", "허리", "치료"]
    assert sensitive_words("장 애 인 등록") == ["장애"]
    assert sensitive_words("성실하고 오전 근무를 원합니다. 연락은 센터로 주세요.") == []
    assert sensitive_words("") == []


def test_the_help_text_says_not_to_write_sensitive_details():
    help_text = str(ReferralForm().fields["message"].help_text)
    assert "민감정보는 적지 마세요" in help_text and "건강" in help_text and "장애" in help_text
    assert "주민의 사정" not in help_text


def test_a_sensitive_message_is_sent_only_after_the_confirmation(client, staff_a, url):
    client.force_login(staff_a)
    assert 'name="confirm_sensitive"' not in client.get(url).content.decode()
    response = client.post(url, {"method": "letter", "message": SENSITIVE})
    page = response.content.decode()
    assert response.status_code == 200 and not Referral.objects.exists()
    assert 'id="sensitive-warning"' in page and "개인정보 보호법 제23조" in page and "허리" in page
    assert 'name="confirm_sensitive"' in page and "확인란에 표시해 주세요" in page
    response = client.post(url, {"method": "letter", "message": SENSITIVE, "confirm_sensitive": "on"})
    assert response.status_code == 302
    assert Application.objects.get().message == SENSITIVE


def test_removing_the_words_needs_no_confirmation(client, staff_a, url):
    client.force_login(staff_a)
    client.post(url, {"method": "letter", "message": SENSITIVE})
    response = client.post(url, {"method": "letter", "message": "오전 근무를 원합니다."})
    assert response.status_code == 302
    assert Application.objects.get().message == "오전 근무를 원합니다."


def test_an_ordinary_message_is_sent_without_a_warning(client, staff_a, url):
    client.force_login(staff_a)
    response = client.post(url, {"method": "letter", "message": "성실한 분입니다."})
    assert response.status_code == 302 and Referral.objects.count() == 1
