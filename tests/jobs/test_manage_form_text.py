"""Text on the posting form is tidied (``namdong_jobs.text.TidyTextFormMixin``): textareas are
stored with LF line ends, control and zero-width characters are removed, one-line inputs lose
line breaks, and an edit that changes only the title lists only the title as changed."""

import pytest
from django.urls import reverse

from jobs.choices import RevisionStatus
from jobs.forms import JobPostingForm
from jobs.models import JobPosting, JobPostingRevision
from jobs.services.revisions import changed_fields
from tests.jobs.test_manage_views import edit_data, published

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

CREATE = reverse("manage:posting_create")


def test_textarea_is_stored_with_lf_line_ends(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    data = manage_form_data(description="가\r\n나", preferred_qualifications="지게차\r\n운전기능사\r")
    assert client.post(CREATE, data).status_code == 302
    posting = JobPosting.objects.get()
    assert posting.description == "가\n나"
    assert posting.preferred_qualifications == "지게차\n운전기능사"


def test_control_and_zero_width_characters_are_removed(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    data = manage_form_data(
        title="부품\x0b 조립\x1f 생산직\u200b",
        description="자동차\x7f 부품\u200d 조립",
        contact_name="김\ufeff담당",
        address="남동대로\n100",
    )
    assert client.post(CREATE, data).status_code == 302
    posting = JobPosting.objects.get()
    assert posting.title == "부품 조립 생산직"
    assert "\x0b" not in posting.title and "\x1f" not in posting.title
    assert posting.description == "자동차 부품 조립"
    assert posting.contact_name == "김담당"
    assert posting.address == "남동대로 100"  # one-line input: the line break becomes a space


def test_control_character_inside_a_title_is_dropped(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    assert client.post(CREATE, manage_form_data(title="생산직\x0b모집")).status_code == 302
    assert JobPosting.objects.get().title == "생산직모집"


@pytest.mark.parametrize("title", ["\u200b", "\u200b\u200c\ufeff", " \x0b\x1f "])
def test_a_title_with_nothing_visible_is_refused_as_required(client, manage_member, manage_form_data, title):
    client.force_login(manage_member)
    response = client.post(CREATE, manage_form_data(title=title))
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["공고 제목을 적어 주세요."]
    assert not JobPosting.objects.exists()


def test_title_only_edit_of_a_published_posting_lists_only_the_title(client, manage_member):
    """A browser sends a textarea's line breaks as CRLF; the posting has LF. Changing only the
    title makes a revision whose only changed field is the title."""
    posting = published(manage_member, description="부품 조립\n검사", preferred_qualifications="지게차\n용접")
    client.force_login(manage_member)
    url = reverse("manage:posting_edit", args=[posting.pk])
    data = edit_data(
        posting,
        manage_member,
        title="야간 생산직 모집",
        description="부품 조립\r\n검사",
        preferred_qualifications="지게차\r\n용접",
    )
    response = client.post(url, data)
    assert response.status_code == 302

    revision = JobPostingRevision.objects.get(posting=posting, status=RevisionStatus.PENDING)
    posting.refresh_from_db()
    assert changed_fields(posting, revision.data) == ["title"]
    assert revision.data["description"] == "부품 조립\n검사"

    detail = client.get(response.url)
    assert [change["name"] for change in detail.context["pending_changes"]] == ["title"]


def test_an_edit_that_only_changes_line_ends_is_no_change(client, manage_member):
    posting = published(manage_member, description="부품 조립\n검사")
    client.force_login(manage_member)
    url = reverse("manage:posting_edit", args=[posting.pk])
    response = client.post(url, edit_data(posting, manage_member, description="부품 조립\r\n검사 "), follow=True)
    assert "바뀐 내용이 없어 저장하지 않았습니다." in [str(m) for m in response.context["messages"]]
    assert not posting.revisions.exists()


def test_form_changed_data_compares_tidied_text(manage_member):
    posting = published(manage_member, description="가\n나", title="제목")
    data = edit_data(posting, manage_member, description="가\r\n나")
    form = JobPostingForm(data, instance=posting, user=manage_member)
    assert form.is_valid(), form.errors
    assert form.changed_data == []
    form = JobPostingForm({**data, "title": "새 제목"}, instance=posting, user=manage_member)
    assert form.is_valid(), form.errors
    assert form.changed_data == ["title"]


def test_free_text_has_a_length_limit():
    """A 100,000-character description was accepted; a posting sheet is read by people."""
    from jobs.forms import JobPostingForm

    field = JobPostingForm.base_fields["description"]
    assert field.max_length == 10_000
    assert JobPostingForm.base_fields["preferred_qualifications"].max_length == 3_000
    assert field.widget.attrs.get("maxlength") == "10000"
