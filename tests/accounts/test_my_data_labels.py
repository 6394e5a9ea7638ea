"""/accounts/my-data/ lists every export section other apps add under a Korean label (issue 5
review: "matches 0건", "counselling_notes 1건", "referrals 2건" showed the raw keys)."""

import re

import pytest

from accounts import services
from accounts.services.privacy_export import CORE_SECTIONS
from accounts.views.privacy import SECTION_LABELS
from tests.factories import SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_section_key_has_a_korean_label():
    profile = SeekerProfileFactory(user=UserFactory())
    added = [name for name in services.personal_data_export(profile=profile) if name not in CORE_SECTIONS]
    assert {"applications", "saved_postings", "matches", "counselling_notes", "referrals"} <= set(added)
    for name in added:
        label = str(SECTION_LABELS.get(name, ""))
        assert re.search(r"[가-힣]", label), f"export section {name!r} has no Korean label"


def test_the_page_shows_the_labels_not_the_keys(client):
    profile = SeekerProfileFactory(user=UserFactory())
    client.force_login(profile.user)
    html = client.get("/accounts/my-data/").content.decode()
    terms = re.findall(r"<dt>(.*?)</dt>", html)
    assert {"맞춤 일자리 추천", "센터 상담 기록", "센터 취업 알선", "지원 내역", "관심 공고"} <= set(terms)
    assert not {"matches", "counselling_notes", "referrals"} & set(terms)


def test_an_unknown_section_falls_back_to_its_key(client):
    from accounts.signals import collect_personal_data

    def extra(sender, profile, **kwargs):
        return "future_section", [1, 2]

    collect_personal_data.connect(extra, dispatch_uid="test.future_section")
    try:
        profile = SeekerProfileFactory(user=UserFactory())
        client.force_login(profile.user)
        html = client.get("/accounts/my-data/").content.decode()
    finally:
        collect_personal_data.disconnect(dispatch_uid="test.future_section")
    assert re.search(r"<dt>future_section</dt><dd>2건</dd>", html)
