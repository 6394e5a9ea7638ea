"""One-character keywords (issue 7: "may take its own path, but may not be refused"): they are
looked up in ``search_chars`` (a GIN index over the characters of the text), and every form
of the keyword condition — through the indexes, or row by row in an index walk — gives
exactly the rows of a plain ``LIKE`` on ``search_document``."""

import random

import pytest
from django.db.models import Q

from jobs import search
from jobs.models import JobPosting
from jobs.models.postings import keyword_match, title_match
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def found(client, q, **params) -> list:
    response = client.get("/jobs/", {"q": q, **params})
    assert response.status_code == 200
    assert "검색어 없이" not in response.content.decode()  # the keyword was not refused
    return list(response.context["postings"])


def test_one_syllable_finds_it_inside_words(client):
    forklift = JobPostingFactory(title="지게차 운전원", description="물류 창고")
    driver = JobPostingFactory(title="배송 기사", description="1톤 화물차 운전")
    JobPostingFactory(title="사무 보조", description="서류 정리")
    assert set(found(client, "차")) == {forklift, driver}


def test_one_syllable_found_nowhere(client):
    JobPostingFactory(title="사무 보조", description="서류 정리")
    assert found(client, "빵") == []


def test_one_syllable_in_the_employer_name(client):
    bakery = JobPostingFactory(title="판매 직원", description="매장 관리", employer=EmployerFactory(name="빵굽는마을"))
    JobPostingFactory(title="판매 직원", description="매장 관리")
    assert found(client, "빵") == [bakery]


@pytest.mark.parametrize(("q", "text"), [("c", "CNC 선반"), ("C", "cnc 선반"), ("5", "5톤 화물"), ("ｃ", "CNC 선반")])
def test_one_latin_letter_or_digit(client, q, text):
    employer = EmployerFactory(name="가나상사")  # the factory's names hold digits
    hit = JobPostingFactory(title="생산 직원", description=text, employer=employer)
    JobPostingFactory(title="사무 보조", description="서류 정리", employer=employer)
    assert found(client, q) == [hit]


def test_one_syllable_with_other_words(client):
    both = JobPostingFactory(title="아파트 경비원", description="주간 근무")
    JobPostingFactory(title="아파트 경비", description="주간 근무")  # 경비 without 원
    JobPostingFactory(title="미화원", description="주간 근무")  # 원 without 경비
    assert found(client, "경비 원") == [both]


def test_one_syllable_ranks_title_matches_first(client):
    in_text = JobPostingFactory(title="직원 모집", description="지게차 운전")
    in_title = JobPostingFactory(title="지게차 운전원", description="물류")
    assert found(client, "차") == [in_title, in_text]


def test_one_syllable_with_a_particle_is_not_stripped_to_nothing(client):
    hit = JobPostingFactory(title="차를 운전할 분", description="")
    assert found(client, "차를") == [hit]


def test_search_chars_follow_an_employer_rename(client):
    employer = EmployerFactory(name="남동정밀")
    posting = JobPostingFactory(title="사무 보조", description="서류", employer=employer)
    employer.name = "꽃길물산"
    employer.save()
    posting.refresh_from_db()
    assert "꽃" in posting.search_chars
    assert found(client, "꽃") == [posting]


def test_arrays_are_stored_as_the_model_computes_them():
    posting = JobPostingFactory(
        title="ＣＮＣ 가공원", description="요양보호사를 모집합니다", employer=EmployerFactory(name="빵집")
    )
    text = " ".join([posting.title, "빵집", posting.description])
    assert posting.search_chars == search.characters(text)
    assert posting.search_bigrams == search.bigrams(text)
    assert posting.search_title == "cnc 가공원"
    assert posting.title_grams == search.title_grams(posting.title)
    assert "c" in posting.title_grams and "cn" in posting.title_grams


WORDS = [
    "요양보호사",
    "경비원",
    "지게차",
    "운전",
    "모집",
    "주간",
    "야간",
    "CNC",
    "5톤",
    "청소",
    "미화원",
    "사무",
    "보조",
]


def test_every_form_of_the_condition_gives_the_like_rows():
    """Random texts and random queries of 1–10 characters: the indexed condition, the
    row-by-row one and plain LIKE agree, for the text and for the title."""
    rng = random.Random(7)
    for _ in range(40):
        words = rng.sample(WORDS, k=4)
        JobPostingFactory(
            title=" ".join(words[:2]) + rng.choice(["를 모집합니다", "", " (주간)"]),
            description=" ".join(words[2:]) + "은 필수",
        )
    pool = "".join(WORDS) + "을를은는 "
    for _ in range(120):
        query = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10))).strip() or "원"
        terms = search.query_terms(query)
        if not terms:
            continue
        like = Q()
        title_like = Q()
        for term in terms:
            like &= Q(search_document__contains=term)
            title_like &= Q(search_title__contains=term)
        oracle = set(JobPosting.objects.filter(like).values_list("pk", flat=True))
        for indexed in (True, False):
            assert set(
                JobPosting.objects.filter(keyword_match(terms, indexed=indexed)).values_list("pk", flat=True)
            ) == (oracle), (query, indexed)
        titles = set(JobPosting.objects.filter(title_like).values_list("pk", flat=True))
        for indexed in (True, False):
            assert set(JobPosting.objects.filter(title_match(terms, indexed=indexed)).values_list("pk", flat=True)) == (
                titles
            ), (query, indexed)


def test_one_character_keyword_uses_its_index():
    """Open postings are searched through the published part of the index; 마감 searches
    (``public()``) through both parts (jobs.0008)."""
    from django.db import connection

    JobPostingFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = JobPosting.objects.open().keyword("차").order_by().explain()
        closed = JobPosting.objects.public().keyword("차").order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "posting_pub_chars_gin" in plan and "posting_other_chars_gin" not in plan
    assert "posting_pub_chars_gin" in closed and "posting_other_chars_gin" in closed
