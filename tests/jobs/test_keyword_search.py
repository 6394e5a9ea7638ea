"""Korean keyword search through the public page /jobs/?q=… (DESIGN.md "Korean text search":
bigram GIN index re-checked with LIKE; particles attached to words; two-syllable words)."""

import datetime

import pytest

from jobs.choices import PostingStatus
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def search(client, q, **params) -> list:
    response = client.get("/jobs/", {"q": q, **params})
    assert response.status_code == 200
    return list(response.context["postings"])


def test_word_with_a_particle_attached_in_the_text_is_found(client):
    hit = JobPostingFactory(title="재가센터 직원", description="요양보호사를 모집합니다")
    JobPostingFactory(title="용접공", description="금속 용접")
    assert search(client, "요양보호사") == [hit]


@pytest.mark.parametrize(
    ("query", "title", "description"),
    [
        ("경비", "아파트 경비원 모집", "24시간 격일 근무"),
        ("청소", "사무실 청소", "미화 업무"),
        ("요양", "요양원 조리원", "식사 준비"),
        ("간호", "의원 직원", "간호조무사 자격 필요"),
    ],
)
def test_two_syllable_words_are_found(client, query, title, description):
    hit = JobPostingFactory(title=title, description=description)
    JobPostingFactory(title="지게차 운전원", description="물류 창고 상하차")
    assert search(client, query) == [hit]


def test_substring_of_a_word_is_found(client):
    hit = JobPostingFactory(title="방문 요양보호사", description="어르신 댁 방문")
    JobPostingFactory(title="보호구역 안내", description="주차 관리")  # 보호 but not 보호사
    assert search(client, "보호사") == [hit]


@pytest.mark.parametrize("query", ["경비를", "경비가", "경비는", "경비에서"])
def test_particles_on_the_query_are_stripped(client, query):
    hit = JobPostingFactory(title="아파트 경비원 모집", description="주간 근무")
    JobPostingFactory(title="사무 보조", description="서류 정리")
    assert search(client, query) == [hit]


def test_title_matches_rank_above_description_matches_even_when_older(client):
    in_text_new = JobPostingFactory(
        title="직원 모집", description="요양 시설 근무", date_posted=datetime.date(2026, 6, 1)
    )
    in_title_old = JobPostingFactory(
        title="요양원 조리원", description="식사 준비", date_posted=datetime.date(2026, 1, 1)
    )
    in_title_new = JobPostingFactory(title="요양 보호 인력", description="", date_posted=datetime.date(2026, 5, 1))
    assert search(client, "요양") == [in_title_new, in_title_old, in_text_new]


def test_employer_name_is_searched(client):
    employer = EmployerFactory(name="늘푸른요양원")
    hit = JobPostingFactory(title="사무 보조", description="서류 정리", employer=employer)
    JobPostingFactory(title="사무 보조", description="서류 정리")
    assert search(client, "늘푸른") == [hit]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("CNC", "CNC 선반 가공원 모집"),
        ("cnc 가공", "CNC 선반 가공원 모집"),
        ("엑셀 2급", "컴퓨터활용능력 2급, 엑셀 가능자"),
        ("5톤", "5톤 화물차 운전"),
        ("Excel", "엑셀(excel) 가능자 우대"),
        ("ＣＮＣ", "CNC 선반 가공원 모집"),
    ],
)
def test_mixed_korean_english_and_digits(client, query, text):
    hit = JobPostingFactory(title="생산 직원", description=text)
    JobPostingFactory(title="사무 보조", description="서류 정리 2명")
    assert search(client, query) == [hit]


def test_every_word_must_appear(client):
    a = JobPostingFactory(title="지게차 운전원", description="물류 창고")
    JobPostingFactory(title="지게차 정비", description="정비 공장")
    assert search(client, "지게차 물류") == [a]


@pytest.mark.parametrize(
    "status", [PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.REJECTED, PostingStatus.CLOSED]
)
def test_unpublished_and_closed_postings_are_not_found(client, status):
    JobPostingFactory(title="경비원 모집", status=status)
    assert search(client, "경비") == []


def test_expired_postings_are_not_found_unless_closed_ones_are_asked_for(client):
    expired = JobPostingFactory(title="경비원 모집", deadline=datetime.date(2026, 1, 5))
    draft = JobPostingFactory(title="경비원 초안", status=PostingStatus.DRAFT)
    assert search(client, "경비") == []
    found = search(client, "경비", closed="1")
    assert found == [expired] and draft not in found


def test_sql_and_like_wildcards_in_the_keyword_are_plain_text(client):
    JobPostingFactory(title="경비원 모집")
    for q in ("' OR 1=1 --", "%", "_", "경비%", "경비' --", "경_비"):
        response = client.get("/jobs/", {"q": q})
        assert response.status_code == 200
    assert search(client, "경비' --") == search(client, "경비")
    assert search(client, "경_비") == search(client, "경 비")  # punctuation separates words
    assert search(client, "원%경") == search(client, "원 경")


def test_html_in_the_keyword_is_escaped(client):
    JobPostingFactory(title="경비원 모집")
    html = client.get("/jobs/", {"q": "<b>경비</b>"}).content.decode()
    assert "<b>경비</b>" not in html
    assert "&lt;b&gt;경비&lt;/b&gt;" in html


def test_very_long_keyword_is_cut_with_a_notice(client):
    JobPostingFactory(title="경비원 모집")
    response = client.get("/jobs/", {"q": "경비 " + "가" * 10_000})
    assert response.status_code == 200
    assert "검색어가 너무 길어 앞의 100자만 사용했습니다." in response.context["notices"]


def test_an_emoji_in_the_keyword_is_left_out_with_a_notice(client):
    """Review of issue 7: ``한😀`` searched for 한 without a word about the emoji."""
    posting = JobPostingFactory(title="한식 조리원")
    response = client.get("/jobs/", {"q": "한식😀"})
    assert [p.pk for p in response.context["postings"]] == [posting.pk]
    assert "검색어의 그림 문자(이모지 등)는 빼고 찾았습니다." in response.context["notices"]
    tone = client.get("/jobs/", {"q": "한식\U0001f3fb"})  # a skin-tone modifier alone (review 2)
    assert "검색어의 그림 문자(이모지 등)는 빼고 찾았습니다." in tone.context["notices"]
    plain = client.get("/jobs/", {"q": "한식 (주간)"})
    assert not any("그림 문자" in n for n in plain.context["notices"])  # ordinary punctuation says nothing
