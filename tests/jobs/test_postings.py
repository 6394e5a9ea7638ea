import datetime
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from jobs.choices import PostingSource, PostingStatus, WageType
from jobs.models import JobPosting
from jobs.services import postings_expire
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db
KST = zoneinfo.ZoneInfo("Asia/Seoul")


def test_deadline_boundary_in_kst():
    posting = JobPostingFactory(deadline=datetime.date(2026, 12, 10))
    with time_machine.travel(datetime.datetime(2026, 12, 10, 23, 59, 59, tzinfo=KST), tick=False):
        assert posting in JobPosting.objects.open()
        assert posting.is_open()
    with time_machine.travel(datetime.datetime(2026, 12, 11, 0, 0, 1, tzinfo=KST), tick=False):
        assert posting not in JobPosting.objects.open()
        assert not posting.is_open()
        assert posting in JobPosting.objects.public()  # its page stays reachable, as 마감


def test_no_deadline_means_until_filled():
    posting = JobPostingFactory(deadline=None)
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=KST)):
        assert posting in JobPosting.objects.open()
        assert posting.days_left() is None


def test_drafts_and_reviews_are_never_public():
    for status in (PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.REJECTED):
        posting = JobPostingFactory(status=status)
        assert posting not in JobPosting.objects.public()
        assert posting not in JobPosting.objects.open()


def test_expiry_service_records_status_only_after_the_deadline_day():
    today = datetime.date(2026, 11, 29)
    past = JobPostingFactory(deadline=today - datetime.timedelta(days=1))
    due_today = JobPostingFactory(deadline=today)
    assert postings_expire(today=today) == 1
    past.refresh_from_db()
    due_today.refresh_from_db()
    assert past.status == PostingStatus.EXPIRED and past.closed_at is not None
    assert due_today.status == PostingStatus.PUBLISHED
    assert postings_expire(today=today) == 0


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("요양보호사", "재가센터에서 요양보호사를 모집합니다"),  # particle attached
        ("요양보호사", "요양보호사는 주 5일 근무"),
        ("경비", "아파트 경비원 채용"),  # two syllables
        ("청소", "사무실 청소 및 미화"),
        ("간호", "간호조무사 구함"),
        ("보호사", "요양보호사를 모집합니다"),  # substring
        ("Excel", "엑셀(excel) 가능자 우대"),  # case-insensitive Latin
    ],
)
def test_korean_keyword_search(query, text):
    hit = JobPostingFactory(title="직원 모집", description=text)
    JobPostingFactory(title="용접공 모집", description="금속 용접 작업")
    assert list(JobPosting.objects.open().keyword(query)) == [hit]


def test_keyword_matches_employer_name_and_ranks_title_first():
    employer = EmployerFactory(name="늘푸른요양원")
    in_description = JobPostingFactory(
        title="주간 근무자 모집", description="요양 시설 근무", date_posted=datetime.date(2026, 11, 28)
    )
    in_title = JobPostingFactory(
        title="요양 시설 조리원", description="식사 준비", date_posted=datetime.date(2026, 11, 1)
    )
    by_employer = JobPostingFactory(
        title="사무 보조", description="서류 정리", employer=employer, date_posted=datetime.date(2026, 11, 20)
    )
    results = list(JobPosting.objects.open().keyword("요양").order_by("-title_rank", "-date_posted"))
    assert results[0] == in_title
    assert set(results) == {in_title, in_description, by_employer}


def test_every_word_must_match_and_single_characters_work():
    a = JobPostingFactory(title="지게차 운전원", description="물류 창고")
    JobPostingFactory(title="지게차 정비", description="정비 공장")
    assert list(JobPosting.objects.keyword("지게차 물류")) == [a]
    assert a in JobPosting.objects.keyword("창")


def test_search_index_is_used_by_the_planner():
    from django.db import connection

    JobPostingFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = JobPosting.objects.open().keyword("요양보호사").order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "posting_pub_bigrams_gin" in plan


def test_constraints_protect_invariants():
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(wage_min=3_000_000, wage_max=2_000_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(wage_type="", wage_min=10_000, wage_max=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(openings=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(days_per_week=8)
    JobPostingFactory(source=PostingSource.WORK24, external_id="abc")
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(source=PostingSource.WORK24, external_id="abc")


def test_display_in_plain_korean():
    p = JobPostingFactory.build(wage_type=WageType.YEAR, wage_min=30_000_000, wage_max=None)
    assert p.wage_display == "연봉 3,000만원 이상"
    p = JobPostingFactory.build(wage_type=WageType.HOUR, wage_min=10_320, wage_max=12_000)
    assert p.wage_display == "시급 10,320원 ~ 12,000원"
    assert p.hourly_wage_min == 10_320
    p = JobPostingFactory.build(
        work_days=["SAT", "MON", "TUE"], start_time=datetime.time(9), end_time=datetime.time(18)
    )
    assert p.working_time_display == "월·화·토 09:00 ~ 18:00"


def test_renaming_an_employer_refreshes_its_postings_search_text():
    employer = EmployerFactory(name="(주)남동시설관리")
    posting = JobPostingFactory(title="아파트 경비원", employer=employer)
    other = JobPostingFactory(title="사무 보조")
    employer.name = "(주)남동종합관리"
    employer.save()
    assert list(JobPosting.objects.keyword("남동종합관리")) == [posting]
    assert not JobPosting.objects.keyword("남동시설관리").exists()
    other.refresh_from_db()
    assert "남동종합관리" not in other.search_document


def test_queries_and_documents_are_unicode_normalised():
    import unicodedata

    hit = JobPostingFactory(title="요양보호사 모집")
    decomposed = unicodedata.normalize("NFD", "요양보호사")  # as pasted from macOS
    assert decomposed != "요양보호사"
    assert list(JobPosting.objects.keyword(decomposed)) == [hit]
    full_width = JobPostingFactory(title="ＣＮＣ 가공원")
    assert list(JobPosting.objects.keyword("cnc")) == [full_width]
    assert list(JobPosting.objects.keyword("ＣＮＣ")) == [full_width]


def test_array_conditions_hold_only_known_codes():
    from django.core.exceptions import ValidationError

    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(work_days=["MON", "월"])
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(shifts=["evening"])
    posting = JobPostingFactory.build(work_days=["MON", "mon"], employer=EmployerFactory())
    with pytest.raises(ValidationError) as exc:
        posting.full_clean()
    assert "work_days" in exc.value.message_dict


def test_display_ignores_unknown_codes_instead_of_failing():
    posting = JobPostingFactory.build(work_days=["TUE", "월", "MON"], shifts=["night", "evening"])
    assert posting.working_time_display.startswith("월·화")
    assert posting.shifts_display == "야간"


def test_constraint_messages_are_korean():
    from django.core.exceptions import ValidationError

    posting = JobPostingFactory.build(employer=EmployerFactory(), wage_min=3_000_000, wage_max=2_000_000)
    with pytest.raises(ValidationError) as exc:
        posting.full_clean()
    assert "최소 임금이 최대 임금보다 클 수 없습니다." in str(exc.value)


@pytest.mark.parametrize(
    ("query", "expected_terms"),
    [
        ("경비를", ["경비"]),
        ("요양보호사가", ["요양보호사"]),
        ("지게차를 운전할", ["지게차", "운전할"]),
        ("생산직을", ["생산직"]),
        ("경비", ["경비"]),  # two syllables stay
        ("통역가", ["통역"]),  # widening only: 통역가 still matches 통역
        ("CNC를", ["cnc"]),
        ("Excel", ["excel"]),  # Latin words are unchanged
        ("차를", ["차를"]),  # never below two characters
    ],
)
def test_particles_are_stripped_from_query_words(query, expected_terms):
    from jobs.search import query_terms

    assert query_terms(query) == expected_terms


def test_search_with_particles_finds_the_posting():
    hit = JobPostingFactory(title="아파트 경비원 모집", description="주간 근무")
    care = JobPostingFactory(title="재가 요양보호사", description="방문 요양")
    assert list(JobPosting.objects.keyword("경비를")) == [hit]
    assert list(JobPosting.objects.keyword("요양보호사가")) == [care]


def test_deadline_cannot_precede_the_posting_date_and_days_have_24_hours():
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(date_posted=datetime.date(2026, 11, 20), deadline=datetime.date(2026, 11, 19))
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(daily_hours=25)
    JobPostingFactory(date_posted=datetime.date(2026, 11, 20), deadline=datetime.date(2026, 11, 20))


def test_saving_an_employer_without_renaming_does_not_touch_its_postings(django_assert_num_queries):
    employer = EmployerFactory(name="(주)남동시설관리")
    JobPostingFactory.create_batch(3, employer=employer)
    employer = type(employer).objects.get(pk=employer.pk)
    employer.phone = "032-000-0000"
    with django_assert_num_queries(1):  # the UPDATE of the employer only
        employer.save()
