"""Codes shared by postings (``jobs``) and people's wanted conditions (``accounts``):
employment types, shifts, weekdays, education, priority groups, licences and languages.
Codes are stored (strings, DESIGN.md "Codes and units"); Korean labels are shown.

Labels are marked with ``gettext_noop``: pages translate them when shown."""

from django.db import models
from django.utils.translation import gettext_noop


class EmploymentType(models.TextChoices):
    """고용형태. ``SCHEMA_ORG`` gives the schema.org ``employmentType`` for each."""

    REGULAR = "regular", gettext_noop("정규직")
    CONTRACT = "contract", gettext_noop("계약직")
    PART_TIME = "part_time", gettext_noop("시간제")
    DAILY = "daily", gettext_noop("일용직")
    DISPATCH = "dispatch", gettext_noop("파견")
    INTERN = "intern", gettext_noop("인턴")


class Shift(models.TextChoices):
    DAY = "day", gettext_noop("주간")
    NIGHT = "night", gettext_noop("야간")
    ROTATING = "rotating", gettext_noop("교대")


class Weekday(models.TextChoices):
    MON = "MON", gettext_noop("월")
    TUE = "TUE", gettext_noop("화")
    WED = "WED", gettext_noop("수")
    THU = "THU", gettext_noop("목")
    FRI = "FRI", gettext_noop("금")
    SAT = "SAT", gettext_noop("토")
    SUN = "SUN", gettext_noop("일")


class Education(models.TextChoices):
    """학력, in ascending order (``EDUCATION_RANK``)."""

    ANY = "any", gettext_noop("학력무관")
    MIDDLE = "middle", gettext_noop("중졸")
    HIGH = "high", gettext_noop("고졸")
    COLLEGE = "college", gettext_noop("대졸(2~3년)")
    UNIVERSITY = "university", gettext_noop("대졸(4년)")
    MASTER = "master", gettext_noop("석사")
    DOCTOR = "doctor", gettext_noop("박사")


EDUCATION_RANK = {code: rank for rank, code in enumerate(Education.values)}


class PriorityGroup(models.TextChoices):
    """취약계층 welcome on a posting (never a limit)."""

    OLDER = "older", gettext_noop("고령자")
    DISABLED = "disabled", gettext_noop("장애인")
    CAREER_BREAK = "career_break", gettext_noop("경력단절여성")
    MULTICULTURAL = "multicultural", gettext_noop("다문화가족")
    DEFECTOR = "defector", gettext_noop("북한이탈주민")
    YOUTH = "youth", gettext_noop("청년")


#: Priority groups derived from birth year (DESIGN.md "People and roles"), never declared.
DERIVED_PRIORITY_GROUPS = (PriorityGroup.YOUTH, PriorityGroup.OLDER)
#: Priority groups a seeker declares; sensitive (kept only with the sensitive-data consent).
DECLARED_PRIORITY_GROUPS = (
    PriorityGroup.DISABLED,
    PriorityGroup.CAREER_BREAK,
    PriorityGroup.MULTICULTURAL,
    PriorityGroup.DEFECTOR,
)


class Licence(models.TextChoices):
    """Common licences and certificates (자격·면허) offered as ticks; others are free text.
    Names as issued (국가기술자격법, 도로교통법 §80, 노인복지법 §39의2)."""

    CARE_WORKER = "care_worker", gettext_noop("요양보호사")
    FORKLIFT = "forklift", gettext_noop("지게차운전기능사")
    DRIVING_1 = "driving_1", gettext_noop("운전면허 1종 보통")
    DRIVING_2 = "driving_2", gettext_noop("운전면허 2종 보통")
    COOK = "cook", gettext_noop("조리기능사")
    WELDER = "welder", gettext_noop("용접기능사")


class Language(models.TextChoices):
    """Languages a seeker can work in (besides the form's language)."""

    KO = "ko", gettext_noop("한국어")
    EN = "en", gettext_noop("영어")
    ZH = "zh", gettext_noop("중국어")
    VI = "vi", gettext_noop("베트남어")
    RU = "ru", gettext_noop("러시아어")
    UZ = "uz", gettext_noop("우즈베크어")
    TH = "th", gettext_noop("태국어")
    JA = "ja", gettext_noop("일본어")
    OTHER = "other", gettext_noop("기타")
