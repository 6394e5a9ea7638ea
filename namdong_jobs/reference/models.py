"""Reference data: administrative dongs, community centres, KECO 2018 occupations and the
minimum wage table. It imports no other app of the project."""

import datetime
import math

from django.db import models
from django.db.models import Q


class Dong(models.Model):
    """An administrative dong (행정동) of Namdong-gu.

    ``code`` is the 10-digit 행정기관코드 as a string (e.g. 구월1동 = ``"2820051000"``);
    ``x_m``/``y_m`` are the dong's centre in metres, EPSG:5179 (source:
    ``namdong_dong_centroids.tsv``).
    """

    code = models.CharField("행정동 코드", max_length=10, primary_key=True)
    name = models.CharField("행정동", max_length=20, unique=True)
    full_name = models.CharField("전체 이름", max_length=60)
    x_m = models.IntegerField("중심 X (EPSG:5179, m)")
    y_m = models.IntegerField("중심 Y (EPSG:5179, m)")

    class Meta:
        ordering = ["code"]
        verbose_name = "행정동"
        verbose_name_plural = "행정동"
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{10}$"), name="dong_code_10_digits"),
        ]

    def __str__(self):
        return self.name

    def distance_m(self, other: "Dong") -> float:
        """Distance in metres between this dong's centre and ``other``'s (EPSG:5179 is metric)."""
        return math.hypot(self.x_m - other.x_m, self.y_m - other.y_m)

    def near(self, within_m: float = 2000) -> list["Dong"]:
        """Dongs whose centre lies within ``within_m`` metres of this one's, itself included,
        nearest first. DESIGN.md: "near" is a distance between centres, e.g. under 2 km."""
        dongs = [d for d in Dong.objects.all() if self.distance_m(d) < within_m]
        return sorted(dongs, key=self.distance_m)


class CommunityCentre(models.Model):
    """A community centre (행정복지센터) of one dong, or the district job centre
    (구청 일자리센터), whose staff are district staff and see every centre."""

    class Kind(models.TextChoices):
        DONG = "dong", "행정복지센터"
        DISTRICT = "district", "구청 일자리센터"

    name = models.CharField("이름", max_length=60, unique=True)
    kind = models.CharField("구분", max_length=10, choices=Kind.choices, default=Kind.DONG)
    dong = models.OneToOneField(
        Dong,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centre",
        verbose_name="관할 행정동",
    )
    phone = models.CharField("전화번호", max_length=20, blank=True)
    address = models.CharField("주소", max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "행정복지센터"
        verbose_name_plural = "행정복지센터"
        constraints = [
            # one district job centre; every dong centre has a dong, the district one none.
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="district"), name="one_district_centre"),
            models.CheckConstraint(
                condition=(Q(kind="dong", dong__isnull=False) | Q(kind="district", dong__isnull=True)),
                name="centre_kind_matches_dong",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_district(self) -> bool:
        """True for the district job centre (its staff are district staff)."""
        return self.kind == self.Kind.DISTRICT


class Occupation(models.Model):
    """A KECO 2018 (한국고용직업분류) group: 10 major, 35 middle, 136 minor.

    Codes are strings and keep their leading zero (``"011"``); ``parent`` links minor →
    middle → major. Source: ``keco2018_groups.tsv``.
    """

    class Level(models.TextChoices):
        MAJOR = "major", "대분류"
        MIDDLE = "middle", "중분류"
        MINOR = "minor", "소분류"

    code = models.CharField("직업 코드", max_length=3, primary_key=True)
    level = models.CharField("분류 수준", max_length=6, choices=Level.choices)
    name = models.CharField("직업명", max_length=100)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = "직업 분류(KECO)"
        verbose_name_plural = "직업 분류(KECO)"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level="major", code__regex=r"^[0-9]$", parent__isnull=True)
                    | Q(level="middle", code__regex=r"^[0-9]{2}$", parent__isnull=False)
                    | Q(level="minor", code__regex=r"^[0-9]{3}$", parent__isnull=False)
                ),
                name="occupation_level_code_parent",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class MinimumWageQuerySet(models.QuerySet):
    def for_date(self, on: datetime.date) -> "MinimumWage":
        """The minimum wage in force on ``on``: the latest year not after ``on.year``.

        Raises ``MinimumWage.DoesNotExist`` when the table has no year at or before it.
        """
        found = self.filter(year__lte=on.year).order_by("-year").first()
        if found is None:
            raise self.model.DoesNotExist(f"최저임금 표에 {on.year}년 이전 자료가 없습니다.")
        return found


class MinimumWage(models.Model):
    """The statutory minimum wage for one calendar year, in KRW per hour.

    2025: 10,030 KRW/h; 2026: 10,320 KRW/h (최저임금위원회 고시, 고용노동부 고시
    제2024-44호 / 제2025-40호). District staff add later years in the admin.
    """

    year = models.PositiveSmallIntegerField("연도", unique=True)
    hourly_krw = models.PositiveIntegerField("시간급 (원)")
    source = models.CharField("근거", max_length=200, blank=True)

    objects = MinimumWageQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "최저임금"
        verbose_name_plural = "최저임금"
        constraints = [
            models.CheckConstraint(condition=Q(hourly_krw__gt=0), name="minimum_wage_positive"),
            models.CheckConstraint(condition=Q(year__gte=1988), name="minimum_wage_year_from_1988"),
        ]

    def __str__(self):
        return f"{self.year}년 {self.hourly_krw:,}원/시간"
