"""A POST-only action opened by address answers 405 with a Korean page, not an empty body."""

import pytest

pytestmark = pytest.mark.django_db


def test_get_on_a_post_only_action_explains_itself(client):
    from tests.factories import EmployerMemberFactory, JobPostingFactory

    member = EmployerMemberFactory()
    posting = JobPostingFactory(employer=member.employer)
    client.force_login(member.user)
    response = client.get(f"/manage/postings/{posting.pk}/close/")
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    body = response.content.decode()
    assert 'lang="ko"' in body
    assert "이 주소는 화면의 버튼을 눌러서 쓰는 기능입니다." in body
