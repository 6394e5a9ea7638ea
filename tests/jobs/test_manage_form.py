"""The posting form (``jobs.forms.JobPostingForm``) on /manage/postings/new/: a draft round
trip, the minimum-wage refusal per wage type, the deadline rule, hiring-law flags, and what
the form does not offer."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from employers.models import Employer
from jobs.choices import EntryChannel, PostingEventKind, PostingStatus
from jobs.forms import JobPostingForm
from jobs.models import JobPosting
from tests.factories import EmployerFactory, EmployerMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

CREATE = reverse("manage:posting_create")


def _errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_create_draft_round_trips_every_field(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    response = client.post(CREATE, manage_form_data())
    posting = JobPosting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("manage:posting_detail", args=[posting.pk])

    assert posting.status == PostingStatus.DRAFT
    assert posting.employer == manage_member.employer_memberships.get().employer
    assert posting.created_by == manage_member
    assert posting.entry_channel == EntryChannel.EMPLOYER
    assert posting.centre is None
    assert posting.title == "남동인더스파크 부품 조립 생산직 (주간)"
    assert posting.occupation_id == "890"
    assert posting.description == "자동차 부품 조립과 검사를 합니다."
    assert posting.openings == 3
    assert posting.employment_type == "regular"
    assert (posting.wage_type, posting.wage_min, posting.wage_max) == ("MONTH", 2_500_000, 3_000_000)
    assert posting.work_days == ["MON", "TUE", "WED", "THU", "FRI"]
    assert posting.daily_hours == Decimal("8")
    assert posting.hours_per_week == 40
    assert (posting.start_time, posting.end_time) == (datetime.time(9), datetime.time(18))
    assert posting.shifts == ["day"]
    assert posting.address == "인천광역시 남동구 남동서로 200"
    assert posting.dong_id == "2820071000"
    assert posting.education_min == "high"
    assert (posting.career_type, posting.career_min_years) == ("experienced", 2)
    assert posting.preferred_qualifications == "지게차 운전기능사"
    assert posting.priority_groups == ["older", "career_break"]
    assert posting.benefits == ["insurance", "meals"]
    assert posting.apply_methods == ["online", "phone"]
    assert (posting.contact_name, posting.contact_phone, posting.contact_email) == (
        "김담당",
        "032-123-4567",
        "hr@example.kr",
    )
    assert posting.deadline == datetime.date(2026, 7, 31)
    assert posting.law_flags == []
    assert list(posting.events.values_list("kind", flat=True)) == [PostingEventKind.CREATED]

    page = client.get(response.url).content.decode()
    assert "작성 중으로 저장했습니다" in page

    # the edit form shows the same values back
    edit = client.get(reverse("manage:posting_edit", args=[posting.pk]))
    form = edit.context["form"]
    assert form["wage_min"].value() == "2,500,000"
    assert form["occupation"].value() == "890"
    assert not form["until_filled"].value()
    html = edit.content.decode()
    assert 'value="2,500,000"' in html
    assert '<optgroup label="설치·정비·생산직' not in html  # optgroups are middle groups, not major ones


def test_create_until_filled_and_outside_namdong(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    data = manage_form_data(deadline="", until_filled="on", dong="outside", address="인천광역시 연수구 송도동 1")
    assert client.post(CREATE, data).status_code == 302
    posting = JobPosting.objects.get()
    assert posting.deadline is None
    assert posting.dong is None
    edit = client.get(reverse("manage:posting_edit", args=[posting.pk]))
    assert edit.context["form"]["until_filled"].value() is True
    assert edit.context["form"]["dong"].value() == "outside"


def test_occupation_select_groups_minor_groups_by_middle_group(client, manage_member):
    client.force_login(manage_member)
    html = client.get(CREATE).content.decode()
    assert '<optgroup label="관리직(임원·부서장)">' in html
    assert '<option value="011">' in html
    assert '<option value="01">' not in html  # middle groups are not choices
    assert "남동구 외" in html
    form = JobPostingForm(user=manage_member)
    assert len(list(form.fields["dong"].choices)) == 22  # blank, 남동구 외, 20 dongs


def test_wage_accepts_commas_and_won(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    client.post(CREATE, manage_form_data(wage_min="2,500,000원", wage_max=" 3000000 "))
    posting = JobPosting.objects.get()
    assert (posting.wage_min, posting.wage_max) == (2_500_000, 3_000_000)


@pytest.mark.parametrize("value", ["2.5백만", "-100", "1,000.5", "삼백만원", "0"])
def test_wage_refuses_non_amounts(client, manage_member, manage_form_data, value):
    client.force_login(manage_member)
    errors = _errors(client.post(CREATE, manage_form_data(wage_min=value, wage_max="")))
    assert "wage_min" in errors
    assert not JobPosting.objects.exists()


def test_wage_range_and_wage_type_are_checked(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    errors = _errors(client.post(CREATE, manage_form_data(wage_min="3,000,000", wage_max="2,500,000")))
    assert "최대 임금이 임금(최소)보다 적습니다" in errors["wage_max"][0]
    errors = _errors(client.post(CREATE, manage_form_data(wage_type="")))
    assert "임금형태" in errors["wage_type"][0]
    errors = _errors(client.post(CREATE, manage_form_data(wage_type="WEEK")))  # imports only
    assert "wage_type" in errors


@pytest.mark.parametrize(
    ("wage_type", "amount", "daily_hours", "figures"),
    [
        ("HOUR", "10,000", "8", ["10,000", "10,320"]),
        ("DAY", "80,000", "", ["80,000", "10,000", "1일 8시간", "10,320"]),  # 8 hours when none stated
        ("DAY", "90,000", "9", ["90,000", "10,000", "1일 9시간"]),
        ("MONTH", "2,000,000", "8", ["2,000,000", "9,569", "209시간", "10,320"]),
        ("YEAR", "24,000,000", "8", ["24,000,000", "9,569", "12개월", "10,320"]),
    ],
)
def test_minimum_wage_refusal_per_wage_type(
    client, manage_member, manage_form_data, wage_type, amount, daily_hours, figures
):
    client.force_login(manage_member)
    data = manage_form_data(wage_type=wage_type, wage_min=amount, wage_max="", daily_hours=daily_hours)
    response = client.post(CREATE, data)
    errors = _errors(response)
    message = errors["wage_min"][0]
    for figure in figures:
        assert figure in message
    assert "2026년 최저임금" in message
    assert not JobPosting.objects.exists()
    # nothing the user typed is lost, and the error is summarised at the top with a link
    html = response.content.decode()
    assert f'value="{amount}"' in html
    assert 'value="지게차 운전기능사"' in html or "지게차 운전기능사</textarea>" in html
    assert 'role="alert"' in html
    assert 'href="#id_wage_min"' in html
    assert 'id="id_wage_min_error"' in html


@pytest.mark.parametrize(
    ("wage_type", "amount", "daily_hours"),
    [
        ("HOUR", "10,320", ""),
        ("DAY", "82,560", "8"),
        ("DAY", "80,000", "7.5"),  # 10,666 per hour at the stated 7.5 hours
        ("MONTH", "2,156,880", "8"),  # 10,320 × 209
        ("YEAR", "25,882,560", "8"),  # 10,320 × 209 × 12
    ],
)
def test_minimum_wage_accepted(client, manage_member, manage_form_data, wage_type, amount, daily_hours):
    client.force_login(manage_member)
    data = manage_form_data(wage_type=wage_type, wage_min=amount, wage_max="", daily_hours=daily_hours)
    assert client.post(CREATE, data).status_code == 302
    assert JobPosting.objects.get().wage_type == wage_type


def test_wage_help_states_the_minimum_wage_and_the_conversions(client, manage_member):
    client.force_login(manage_member)
    html = client.get(CREATE).content.decode()
    assert "2026년 최저임금은 시급 10,320원입니다" in html
    assert "209시간" in html
    assert "12개월" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"deadline": "", "until_filled": None}, "마감일을 고르거나 '채용 시까지'에 표시해 주세요."),
        ({"deadline": "2026-07-31", "until_filled": "on"}, "둘 중 하나만 골라 주세요."),
        ({"deadline": "2026-06-14"}, "마감일이 이미 지났습니다."),
        ({"deadline": "31/07/2026"}, "2026-12-31처럼"),
    ],
)
def test_deadline_or_until_filled_exactly_one(client, manage_member, manage_form_data, overrides, message):
    client.force_login(manage_member)
    errors = _errors(client.post(CREATE, manage_form_data(**overrides)))
    assert message in errors["deadline"][0]
    assert not JobPosting.objects.exists()


def test_deadline_today_is_accepted(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    assert client.post(CREATE, manage_form_data(deadline="2026-06-15")).status_code == 302


def test_other_field_errors_are_korean_and_kept(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    data = manage_form_data(
        title="",
        openings="1000",
        occupation="01",
        contact_email="not-an-email",
        start_time="09:00",
        end_time="",
        career_type="new",
        career_min_years="3",
        dong="outside",
        address="",
    )
    response = client.post(CREATE, data)
    errors = _errors(response)
    assert errors["title"] == ["공고 제목을 적어 주세요."]
    assert errors["openings"] == ["모집인원은 999명까지 적을 수 있습니다."]
    assert "occupation" in errors
    assert "올바른 이메일 주소" in errors["contact_email"][0]
    assert "출근 시각과 퇴근 시각을 함께" in errors["end_time"][0]
    assert "career_min_years" in errors
    assert "남동구 밖의 근무지는 주소를" in errors["address"][0]
    html = response.content.decode()
    assert "고쳐야 할 곳이" in html
    for name in ("title", "openings", "occupation", "contact_email", "end_time", "address"):
        assert f'href="#id_{name}"' in html


def test_error_in_a_checkbox_group_links_to_its_first_option(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    response = client.post(CREATE, manage_form_data(work_days=["MON", "XXX"]))
    assert "work_days" in _errors(response)
    assert 'href="#id_work_days_0"' in response.content.decode()


def test_law_flags_are_shown_after_saving(client, manage_member, manage_form_data):
    client.force_login(manage_member)
    data = manage_form_data(
        title="생산직 (35세 이하 남성만)", preferred_qualifications="용모 단정한 분", description="부품 조립"
    )
    response = client.post(CREATE, data, follow=True)
    posting = JobPosting.objects.get()
    assert {f["topic"] for f in posting.law_flags} == {"연령 제한", "성별 제한", "용모·신체 조건"}
    html = response.content.decode()
    assert "법령 검토가 필요한 표현" in html
    assert "35세 이하" in html
    assert "남성만" in html
    assert "용모 단정" in html
    assert "연령 제한" in html and "성별 제한" in html
    assert "제4조의4" in html and "제7조" in html and "제4조의3" in html
    assert "고용상 연령차별금지 및 고령자고용촉진에 관한 법률" in html
    assert "구청 일자리센터가 검토합니다" in html  # the flash message
    assert "구청 일자리센터 직원이 검토한 뒤" in html


def test_the_form_offers_no_discriminating_fields(client, manage_member):
    form = JobPostingForm(user=manage_member)
    forbidden = (
        "age",
        "sex",
        "gender",
        "appearance",
        "height",
        "weight",
        "birthplace",
        "marital",
        "property",
        "family",
    )
    for name in form.fields:
        assert not set(name.split("_")) & set(forbidden), name
    client.force_login(manage_member)
    html = client.get(CREATE).content.decode()
    labels = " ".join(re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", html, re.S))
    assert "근무 요일" in labels
    for word in ("성별", "나이", "연령", "혼인", "결혼", "용모", "몸무게", "출신", "재산", "가족 사항", "부모"):
        assert word not in labels, word
    assert "우대(환영)하는 분" in html
    assert "다른 분의 지원을 막는 조건이 아닙니다" in html


def test_employer_of_several_picks_one_and_foreign_pk_is_refused(client, manage_form_data):
    membership = EmployerMemberFactory()
    user = membership.user
    second = EmployerMemberFactory(user=user).employer
    foreign = EmployerFactory()
    client.force_login(user)

    page = client.get(CREATE, {"employer": second.pk})
    assert page.context["form"]["employer"].value() == second.pk
    choices = {e.pk for e in page.context["form"].fields["employer"].queryset}
    assert choices == {membership.employer.pk, second.pk}

    page = client.get(CREATE, {"employer": foreign.pk})  # ignored
    assert page.status_code == 200
    assert page.context["form"]["employer"].value() is None

    errors = _errors(client.post(CREATE, manage_form_data(employer=str(foreign.pk))))
    assert "고를 수 없는 기업입니다" in errors["employer"][0]
    errors = _errors(client.post(CREATE, manage_form_data()))
    assert errors["employer"] == ["기업을 골라 주세요."]

    assert client.post(CREATE, manage_form_data(employer=str(second.pk))).status_code == 302
    assert JobPosting.objects.get().employer == second


def test_centre_staff_enter_a_phone_posting_for_any_registered_employer(client, manage_centre_staff, manage_form_data):
    employer = EmployerFactory()
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    client.force_login(manage_centre_staff)
    page = client.get(CREATE)
    form = page.context["form"]
    assert employer in form.fields["employer"].queryset
    assert external not in form.fields["employer"].queryset
    assert [value for value, _label in form.fields["entry_channel"].choices] == ["phone", "paper"]

    data = manage_form_data(employer=str(employer.pk), entry_channel="paper")
    assert client.post(CREATE, data).status_code == 302
    posting = JobPosting.objects.get()
    assert posting.entry_channel == EntryChannel.PAPER
    assert posting.centre == manage_centre_staff.staff_centre
    assert posting.employer == employer


def test_member_who_is_also_staff_chooses_the_channel(client, manage_centre_staff, manage_form_data):
    own = EmployerMemberFactory(user=manage_centre_staff).employer
    other = EmployerFactory()
    client.force_login(manage_centre_staff)
    form = client.get(CREATE).context["form"]
    assert [value for value, _label in form.fields["entry_channel"].choices] == ["employer", "phone", "paper"]

    # as a member of their own employer
    assert client.post(CREATE, manage_form_data(employer=str(own.pk), entry_channel="employer")).status_code == 302
    assert JobPosting.objects.get().entry_channel == EntryChannel.EMPLOYER
    # "기업 직접 등록" for an employer they do not belong to is refused on the form
    errors = _errors(client.post(CREATE, manage_form_data(employer=str(other.pk), entry_channel="employer")))
    assert "담당자가 아닙니다" in errors["employer"][0]
    assert JobPosting.objects.count() == 1


def test_a_service_refusal_is_put_back_on_the_form(client, manage_member, manage_form_data, monkeypatch):
    """Without the form's own check, the service's minimum-wage refusal lands on ``wage_min``
    with the figure compared, and the page keeps what was typed."""
    monkeypatch.setattr("jobs.forms.cleaning.minimum_wage_shortfall", lambda **kwargs: None)
    client.force_login(manage_member)
    data = manage_form_data(wage_type="HOUR", wage_min="10,000", wage_max="", title="시간제 포장원")
    response = client.post(CREATE, data)
    errors = _errors(response)
    assert "10,320" in errors["wage_min"][0]
    html = response.content.decode()
    assert 'value="10,000"' in html
    assert 'value="시간제 포장원"' in html
    assert not JobPosting.objects.exists()
