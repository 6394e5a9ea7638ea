"""Coded values of postings and wanted conditions. Codes are stored; Korean labels are shown.
Names follow the glossary of DESIGN.md; employment types map to schema.org values."""

from django.db import models


class EmploymentType(models.TextChoices):
    """고용형태. ``SCHEMA_ORG`` gives the schema.org ``employmentType`` for each."""

    REGULAR = "regular", "정규직"
    CONTRACT = "contract", "계약직"
    PART_TIME = "part_time", "시간제"
    DAILY = "daily", "일용직"
    DISPATCH = "dispatch", "파견"
    INTERN = "intern", "인턴"


EMPLOYMENT_TYPE_SCHEMA_ORG = {
    EmploymentType.REGULAR: "FULL_TIME",
    EmploymentType.CONTRACT: "TEMPORARY",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.DAILY: "PER_DIEM",
    EmploymentType.DISPATCH: "CONTRACTOR",
    EmploymentType.INTERN: "INTERN",
}


class WageType(models.TextChoices):
    """임금형태. ``WEEK`` exists only for imported amounts kept with their unit."""

    HOUR = "HOUR", "시급"
    DAY = "DAY", "일급"
    WEEK = "WEEK", "주급"
    MONTH = "MONTH", "월급"
    YEAR = "YEAR", "연봉"


class Shift(models.TextChoices):
    DAY = "day", "주간"
    NIGHT = "night", "야간"
    ROTATING = "rotating", "교대"


class Weekday(models.TextChoices):
    MON = "MON", "월"
    TUE = "TUE", "화"
    WED = "WED", "수"
    THU = "THU", "목"
    FRI = "FRI", "금"
    SAT = "SAT", "토"
    SUN = "SUN", "일"


class Education(models.TextChoices):
    """학력, in ascending order (``EDUCATION_RANK``)."""

    ANY = "any", "학력무관"
    MIDDLE = "middle", "중졸"
    HIGH = "high", "고졸"
    COLLEGE = "college", "대졸(2~3년)"
    UNIVERSITY = "university", "대졸(4년)"
    MASTER = "master", "석사"
    DOCTOR = "doctor", "박사"


EDUCATION_RANK = {code: rank for rank, code in enumerate(Education.values)}


class CareerType(models.TextChoices):
    ANY = "any", "경력무관"
    NEW = "new", "신입"
    EXPERIENCED = "experienced", "경력"
    EITHER = "either", "신입/경력"


class PriorityGroup(models.TextChoices):
    """취약계층 welcome on a posting (never a limit)."""

    OLDER = "older", "고령자"
    DISABLED = "disabled", "장애인"
    CAREER_BREAK = "career_break", "경력단절여성"
    MULTICULTURAL = "multicultural", "다문화가족"
    DEFECTOR = "defector", "북한이탈주민"
    YOUTH = "youth", "청년"


class Benefit(models.TextChoices):
    INSURANCE = "insurance", "4대보험"
    SEVERANCE = "severance", "퇴직금"
    MEALS = "meals", "식사 제공"
    SHUTTLE = "shuttle", "통근버스"
    DORMITORY = "dormitory", "기숙사"


class PostingStatus(models.TextChoices):
    """Posting lifecycle (DESIGN.md): draft → submitted → published → closed | filled | expired;
    rejected goes back to editable."""

    DRAFT = "draft", "작성 중"
    SUBMITTED = "submitted", "검토 중"
    PUBLISHED = "published", "게시 중"
    REJECTED = "rejected", "반려"
    CLOSED = "closed", "마감"
    FILLED = "filled", "채용 완료"
    EXPIRED = "expired", "기한 만료"


class PostingSource(models.TextChoices):
    DIRECT = "direct", "남동구 일자리인력은행"
    WORK24 = "work24", "고용24"
    JSONLD = "jsonld", "외부 공고 (schema.org)"
