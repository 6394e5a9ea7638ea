"""The create form's one-time token: a replayed POST (back button, reload, a second click) goes
to the draft the first one made instead of making another."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from jobs.models import JobPosting
from jobs.views.manage.postings import FORM_TOKEN_TTL
from tests.factories import EmployerMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

CREATE = reverse("manage:posting_create")
ALREADY = "이미 저장한 공고입니다. 같은 내용을 한 번 더 보내 새로 만들지 않았습니다. 저장한 공고를 보여 드립니다."


def token_of(html: str) -> str:
    match = re.search(r'<input type="hidden" name="form_token" value="([0-9a-f]{32})">', html)
    assert match, "no form_token on the page"
    return match.group(1)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_create_form_carries_a_fresh_token(client, manage_member):
    client.force_login(manage_member)
    first = token_of(client.get(CREATE).content.decode())
    second = token_of(client.get(CREATE).content.decode())
    assert first != second


def test_a_replayed_post_goes_to_the_draft_already_made(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    token = token_of(client.get(CREATE).content.decode())
    data = manage_form_data(form_token=token)

    first = client.post(CREATE, data, follow=True)
    posting = JobPosting.objects.get()
    assert first.redirect_chain[-1][0] == reverse("manage:posting_detail", args=[posting.pk])

    again = client.post(CREATE, data, follow=True)
    assert JobPosting.objects.count() == 1
    assert again.redirect_chain[-1][0] == reverse("manage:posting_detail", args=[posting.pk])
    assert ALREADY in messages_of(again)
    assert "작성 중으로 저장했습니다." not in " ".join(messages_of(again))

    # a replay with other values changes nothing either
    client.post(CREATE, {**data, "title": "다른 제목"})
    assert list(JobPosting.objects.values_list("title", flat=True)) == [posting.title]

    # a new form (a new token) makes a new draft
    token = token_of(client.get(CREATE).content.decode())
    assert client.post(CREATE, manage_form_data(form_token=token)).status_code == 302
    assert JobPosting.objects.count() == 2


def test_a_refused_post_keeps_the_token_and_does_not_use_it(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    token = token_of(client.get(CREATE).content.decode())
    refused = client.post(CREATE, manage_form_data(form_token=token, title=""))
    assert refused.status_code == 200
    assert token_of(refused.content.decode()) == token
    # fixed and sent again with the same token: saved
    assert client.post(CREATE, manage_form_data(form_token=token)).status_code == 302
    assert JobPosting.objects.count() == 1


def test_the_token_is_per_user(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    token = token_of(client.get(CREATE).content.decode())
    assert client.post(CREATE, manage_form_data(form_token=token)).status_code == 302
    other = EmployerMemberFactory().user
    client.force_login(other)
    assert client.post(CREATE, manage_form_data(form_token=token)).status_code == 302
    assert JobPosting.objects.count() == 2


def test_a_post_while_the_first_is_still_saving(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    token = uuid.uuid4().hex
    cache.add(f"manage:posting-create:{manage_member.pk}:{token}", "saving", FORM_TOKEN_TTL)
    response = client.post(CREATE, manage_form_data(form_token=token), follow=True)
    assert response.redirect_chain[-1][0] == reverse("manage:dashboard")
    assert "이미 저장하고 있습니다. 잠시 뒤 내 공고 목록에서 확인해 주세요." in messages_of(response)
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("token", [None, "", "not-a-uuid"])
def test_without_a_valid_token_the_form_saves_as_before(client, manage_member, manage_form_data, token):
    client.force_login(manage_member)
    data = manage_form_data(form_token=token)
    assert client.post(CREATE, data).status_code == 302
    assert client.post(CREATE, data).status_code == 302
    assert JobPosting.objects.count() == 2


def test_a_cache_outage_does_not_stop_saving(client, manage_member, manage_form_data, monkeypatch):
    class DownCache:
        def __getattr__(self, name):
            def down(*args, **kwargs):
                raise RedisConnectionError("down")

            return down

    monkeypatch.setattr("jobs.views.manage.postings.cache", DownCache())
    client.force_login(manage_member)
    assert client.post(CREATE, manage_form_data(form_token=uuid.uuid4().hex)).status_code == 302
    assert JobPosting.objects.count() == 1
