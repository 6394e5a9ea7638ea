"""Codes read from the reference tables, with the weighted draws the generator makes over them.

:class:`Reference` reads occupations (KECO minor codes and their middle groups), dongs (with
their nearest neighbours), community centres and the minimum wage once; the generator, the
postings, the candidates count and the naive loop all use it. The weights of occupations and
dongs among seekers are assumptions of the benchmark, not official figures.
"""

import bisect
import random

from django.utils import timezone

from namdong_jobs.reference.models import CommunityCentre, Dong, MinimumWage, Occupation

#: Relative weight of KECO minor codes among wanted occupations; codes not listed weigh 1.
#: Namdong-gu has the Namdong industrial complex: production work, cleaning, food service,
#: care, security and driving are what job-bank seekers ask for most.
OCCUPATION_WEIGHTS = {
    "890": 200,  # 제조 단순 종사자
    "561": 40,  # 청소·방역 및 가사 서비스원
    "532": 30,  # 식당 서비스원
    "550": 30,  # 돌봄 서비스 종사자
    "542": 25,  # 경비원
    "622": 22,  # 자동차 운전원
    "624": 18,  # 택배원 및 기타 운송 종사자
    "531": 15,  # 주방장 및 조리사
    "026": 14,  # 경영지원 사무원
    "029": 14,  # 안내·고객상담·사무보조
    "615": 12,  # 판매 종사자
    "562": 12,  # 검침·주차관리 및 기타 서비스 단순 종사자
    "616": 10,  # 매장계산원
    "824": 10,  # 용접원
    "623": 10,  # 물품이동장비 조작원 (지게차)
    "816": 9,  # 기계 조립원
    "836": 9,  # 전기·전자 부품·제품 조립원
    "852": 8,  # 고무·플라스틱 제품 생산기계 조작원
    "706": 8,  # 건설·채굴 단순 종사자
    "813": 7,  # 금형원 및 공작기계 조작원
    "821": 7,  # 금속관련 기계·설비 조작원
    "028": 6,  # 무역·운송·생산·품질 사무원
    "027": 6,  # 회계·경리 사무원
    "232": 6,  # 보육교사 및 기타 사회복지 종사자
    "873": 6,  # 식품 가공 기계 조작원
    "825": 5,  # 도장원 및 도금원
    "815": 5,  # 자동조립라인·산업용로봇 조작원
    "231": 4,  # 사회복지사 및 상담사
    "307": 4,  # 보건·의료 종사자
    "811": 4,  # 기계장비 설치·정비원
    "812": 4,  # 운송장비 정비원
    "831": 4,  # 전기공
    "872": 4,  # 식품 가공 기능원
    "304": 3,  # 간호사
    "862": 3,  # 재봉사
    "881": 3,  # 인쇄기계 조작원
    "511": 3,  # 미용 서비스원
    "523": 3,  # 숙박시설 서비스원
}

#: Rough relative sizes of the dongs (large apartment areas heavier); not census figures.
DONG_WEIGHTS = {
    "구월1동": 40,
    "서창2동": 45,
    "논현1동": 40,
    "논현2동": 35,
    "논현고잔동": 40,
    "만수1동": 33,
    "만수3동": 25,
}
DEFAULT_DONG_WEIGHT = 20


class Weighted:
    """Draw from ``values`` with relative ``weights`` using one uniform number."""

    def __init__(self, values, weights):
        self.values = list(values)
        self.cum = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.total)]

    def draw(self, rng: random.Random, k: int) -> list:
        """``k`` draws at once (much faster than ``k`` calls of :meth:`pick`)."""
        return rng.choices(self.values, cum_weights=self.cum, k=k)


class Reference:
    """Codes read from the reference tables."""

    def __init__(self):
        minors = list(Occupation.objects.filter(level=Occupation.Level.MINOR).values_list("code", "parent_id"))
        if not minors:
            raise SystemExit("reference_occupation is empty: run `manage.py migrate` on this database first.")
        self.middle_of = dict(minors)
        self.occupations = Weighted([c for c, _ in minors], [OCCUPATION_WEIGHTS.get(c, 1) for c, _ in minors])
        # a code's relatives: its middle group's other codes, or its major group's when alone.
        self.related: dict[str, Weighted] = {}
        for code, middle in minors:
            codes = [c for c, m in minors if m == middle and c != code]
            codes = codes or [c for c, m in minors if m[0] == middle[0] and c != code] or [code]
            self.related[code] = Weighted(codes, [OCCUPATION_WEIGHTS.get(c, 1) for c in codes])
        dongs = list(Dong.objects.all())
        self.dong_codes = [d.code for d in dongs]
        self.dongs = Weighted(self.dong_codes, [DONG_WEIGHTS.get(d.name, DEFAULT_DONG_WEIGHT) for d in dongs])
        self.near = {d.code: [o.code for o in sorted(dongs, key=d.distance_m) if o.code != d.code][:5] for d in dongs}
        centres = list(CommunityCentre.objects.all())
        self.centre_of_dong = {c.dong_id: c.id for c in centres if c.dong_id}
        self.district_centre = next(c.id for c in centres if c.is_district)
        self.centre_ids = [c.id for c in centres]
        self.minimum_wage = MinimumWage.objects.for_date(timezone.localdate()).hourly_krw


def group_codes(ref: Reference, occupation: str) -> list[str]:
    """The minor codes of ``occupation``'s KECO middle group (itself included), from ``Occupation``."""
    middle = ref.middle_of[occupation]
    return sorted(code for code, parent in ref.middle_of.items() if parent == middle)
