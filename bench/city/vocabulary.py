"""Korean job vocabulary for the city generator, and particles attached as in real text.

Where the words come from:

* KECO 2018 minor-group names from ``reference_occupation`` (split into the job nouns they
  contain: "회계·경리 사무원" gives 회계 사무원 and 경리 사무원), and for the occupations
  job-bank seekers ask for most, the words postings really use (:data:`JOB_WORDS`: 미화원,
  요양보호사, 지게차 기사…);
* the demo roles of ``seed_demo`` (:mod:`jobs.demo.roles`: titles, duties, qualifications,
  preferences and working schedules written for Namdong-gu);
* the real listings in ``NJ_SHARED_DATA`` (default ``../shared/data``), read at run time and
  never copied: ``wanted_postings_food_commerce.json`` (titles, company names, the lines of
  duties, qualifications, preferences and benefits) and
  ``work24_listings_gangnam_2026-08.csv`` (titles, company names, the free-text wage, career,
  education and working-condition strings of imported listings).

Particles (조사) follow the last syllable as in written Korean (요양보호사를, 경비원을,
지게차 기사가, 주방에서): :func:`josa`.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from jobs.demo.roles import ROLES, SCHEDULES
from namdong_jobs.reference.models import Dong, Occupation

#: The words postings use for the occupations job-bank seekers ask for most (KECO minor code
#: → job nouns). Other codes take the nouns in their KECO name.
JOB_WORDS: dict[str, tuple[str, ...]] = {
    "890": ("생산직", "생산직 사원", "포장원", "검사원", "단순 조립원", "생산 보조원", "제품 포장 작업자"),
    "561": ("청소원", "미화원", "환경미화원", "건물 청소원", "방역원", "가사도우미", "사무실 청소원"),
    "532": ("홀서빙", "홀 직원", "주방 보조", "식당 서빙원", "설거지 담당"),
    "550": ("요양보호사", "간병인", "장애인 활동지원사", "방문요양보호사", "돌봄 선생님", "아이돌보미"),
    "542": ("경비원", "아파트 경비원", "건물 경비원", "주차 경비원"),
    "622": ("운전기사", "통근버스 기사", "화물차 운전원", "배송 기사", "수행 기사", "마을버스 기사"),
    "624": ("택배원", "배송원", "택배 상하차", "물류 상하차", "퀵 배송원"),
    "531": ("조리사", "조리원", "주방장", "한식 조리사", "급식 조리원", "중식 조리사"),
    "026": ("사무원", "총무 사무원", "인사 담당", "경영지원 담당"),
    "029": ("사무보조", "안내원", "고객상담원", "콜센터 상담원", "비서", "데이터 입력원"),
    "615": ("판매원", "매장 판매원", "마트 판매원", "매장 직원"),
    "562": ("주차관리원", "검침원", "주차 요원", "시설 관리원"),
    "616": ("계산원", "캐셔", "매표원", "마트 계산원"),
    "824": ("용접공", "용접원", "CO2 용접사", "알곤 용접사"),
    "623": ("지게차 운전원", "지게차 기사", "크레인 기사", "리치 지게차 기사"),
    "816": ("기계 조립원", "조립공", "설비 조립원"),
    "836": ("전자 부품 조립원", "PCB 조립원", "전자제품 조립원"),
    "852": ("사출 성형원", "사출기 오퍼레이터", "플라스틱 조립원"),
    "706": ("건설 일용직", "건설 현장 보조", "철거 보조원"),
    "813": ("CNC 가공원", "MCT 가공원", "선반 가공원", "금형 가공원", "밀링 가공원"),
    "821": ("프레스 작업원", "금속 가공원", "열처리 작업원"),
    "028": ("생산관리 사무원", "품질관리 담당", "무역 사무원", "물류 사무원"),
    "027": ("경리", "회계 사무원", "경리 사무원"),
    "232": ("보육교사", "사회복지 보조원", "어린이집 교사"),
    "873": ("식품 가공원", "식품 포장원", "식품 생산직"),
    "825": ("도장공", "도금공", "도장 작업원"),
    "815": ("로봇 조작원", "자동화 라인 오퍼레이터"),
    "231": ("사회복지사", "상담사", "직업상담사"),
    "307": ("간호조무사", "병원 코디네이터", "원무 담당"),
    "811": ("설비 보전원", "기계 정비원", "설비 정비원"),
    "812": ("자동차 정비원", "정비사", "타이어 정비원"),
    "831": ("전기기사", "전기공", "전기 보조원"),
    "872": ("식품 가공원", "반찬 제조원", "김치 제조원"),
    "304": ("간호사", "요양병원 간호사"),
    "862": ("재봉사", "미싱사", "재단사"),
    "881": ("인쇄기 조작원", "인쇄 보조원"),
    "511": ("미용사", "네일 아티스트", "피부관리사"),
    "523": ("객실 청소원", "호텔 프론트 직원", "룸메이드"),
    "871": ("제빵사", "떡 제조원", "제과 보조원"),
}

#: What a posting's text says about a licence (the portal reads the licences from the text).
LICENCE_SENTENCES: dict[str, tuple[str, ...]] = {
    "550": ("요양보호사 자격증 소지자", "요양보호사 자격 필수"),
    "623": ("지게차 면허 소지자", "지게차운전기능사 자격 우대"),
    "824": ("용접기능사 자격 우대", "용접 자격 소지자"),
    "531": ("한식조리기능사 자격 우대", "조리사 면허 소지자"),
    "622": ("운전면허 1종 보통 소지자", "1종 대형 면허 우대"),
    "624": ("운전면허 1종 보통 소지자", "2종 보통 면허 이상"),
}

PLACES = (
    "남동공단", "남동인더스파크", "남동산단 2단지", "구월동 아파트단지", "논현동 물류센터", "만수동 요양원",
    "서창동 상가", "간석동 병원", "소래포구 식당", "인천시청 인근", "구월 로데오거리", "논현 에코메트로",
    "장수동 주민센터 인근", "남촌동 농수산물센터", "도림동 공장", "고잔동 물류창고", "모래내시장",
)  # fmt: skip
STATIONS = (
    "인천지하철 1호선 예술회관역", "인천지하철 2호선 인천시청역", "수인분당선 소래포구역", "인천지하철 2호선 만수역",
    "수인분당선 인천논현역", "인천지하철 2호선 남동구청역", "인천지하철 1호선 간석오거리역", "수인분당선 호구포역",
)  # fmt: skip
TITLE_NOTES = (
    "주간", "야간", "주 5일", "4대보험", "초보 가능", "경력 우대", "신입 가능", "60세 이상 가능", "당일 출근",
    "통근버스 운행", "중식 제공", "정규직", "계약직", "시간제", "오전", "오후", "격일제", "교대 근무", "주말",
    "장기근무", "인근 거주자 우대", "기숙사 제공",
)  # fmt: skip
PRIORITY_SENTENCES = {
    "older": ("고령자 환영", "60세 이상 어르신도 지원 가능합니다"),
    "disabled": ("장애인 채용 우대", "장애인 근로자 환영"),
    "career_break": ("경력단절여성 환영", "경력이 끊긴 여성분도 환영합니다"),
    "multicultural": ("다문화가족 환영", "결혼이민자 지원 가능"),
    "defector": ("북한이탈주민 환영",),
    "youth": ("청년 우대", "사회초년생 환영"),
}
BENEFIT_WORDS = {
    "insurance": "4대보험 가입",
    "severance": "퇴직금 지급",
    "meals": "중식 제공",
    "shuttle": "통근버스 운행",
    "dormitory": "기숙사 제공",
}
CLOSINGS = (
    "관심 있는 분의 많은 지원 바랍니다.", "자세한 내용은 전화로 문의해 주세요.", "인근 거주자를 우대합니다.",
    "면접 후 바로 근무할 수 있습니다.", "성실하고 책임감 있는 분을 찾습니다.", "초보자도 친절히 교육해 드립니다.",
    "행정복지센터에서도 지원서를 받습니다.", "채용 시 마감될 수 있습니다.",
)  # fmt: skip

COMPANY_HEADS = (
    "남동", "한빛", "대성", "신영", "동양", "새한", "우성", "삼정", "태광", "한결", "세진", "대한", "서해", "인천",
    "소래", "만수", "구월", "논현", "진성", "광명", "미래", "푸른", "늘푸른", "햇살", "행복", "하나", "성원", "동진",
    "유진", "영진", "청솔", "은하", "금강", "한울", "다온", "새솔", "보람", "참좋은", "바른", "으뜸",
)  # fmt: skip
COMPANY_TRADES = (
    "정밀", "기계", "산업", "금속", "전자", "테크", "물류", "식품", "케미칼", "플라스틱", "산전", "기공", "요양원",
    "재가복지센터", "병원", "의원", "식당", "마트", "종합관리", "개발", "건설", "어린이집", "푸드", "포장", "도금",
    "사출", "인쇄", "운수", "택배", "유통", "에프앤비", "메디컬", "복지관", "시스템", "엔지니어링",
)  # fmt: skip
COMPANY_FORMS = ("(주){}", "㈜{}", "주식회사 {}", "{}(주)", "{}", "{}", "{}")
INDUSTRIES = (
    "자동차 부품 제조업", "금속 가공업", "플라스틱 제품 제조업", "식품 제조업", "물류·창고업", "노인 요양 서비스업",
    "사업시설 관리업", "음식점업", "소매업", "건설업", "전자부품 제조업", "인쇄업", "사회복지 서비스업",
)  # fmt: skip
ROADS = (
    "남동대로", "인주대로", "구월로", "예술로", "석정로", "만수로", "장승로", "서창남순환로", "논현로", "에코중앙로",
    "남동서로", "남동동로", "고잔로", "앵고개로", "소래로", "호구포로", "용천로", "수현로", "백범로", "인하로",
)  # fmt: skip

_BULLET = re.compile(r"^[\s•ㆍ·\-\*■□▶▷○●◆◇※>0-9.)]+")
_LATIN_BATCHIM = set("lmnr")  # el, em, en, ar: pronounced with a final consonant
_DIGIT_BATCHIM = set("013678")  # 영 일 삼 육 칠 팔


def has_batchim(word: str) -> bool:
    """True when ``word`` ends in a final consonant as read aloud (경비원 yes, 요양보호사 no;
    a trailing parenthesis is skipped; Latin letters and digits by their Korean names)."""
    word = re.sub(r"\s*\([^)]*\)\s*$", "", word).rstrip()
    if not word:
        return False
    last = word[-1]
    if "\uac00" <= last <= "\ud7a3":
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isdigit():
        return last in _DIGIT_BATCHIM
    return last.lower() in _LATIN_BATCHIM


def josa(word: str, pair: str) -> str:
    """``word`` with the particle of ``pair`` that fits it: ``pair`` is one of 을/를, 이/가,
    은/는, 과/와, 으로/로.

    >>> josa("경비원", "을/를"), josa("요양보호사", "을/를"), josa("주방", "으로/로")
    ('경비원을', '요양보호사를', '주방으로')
    """
    after_consonant, after_vowel = pair.split("/")
    if pair == "으로/로" and word and "\uac00" <= word[-1] <= "\ud7a3" and (ord(word[-1]) - 0xAC00) % 28 == 8:
        return word + "로"  # ㄹ 받침: 서울로, 물류센터로
    return word + (after_consonant if has_batchim(word) else after_vowel)


def clean_line(line: str) -> str:
    """A line of a real posting without its bullet and surrounding spaces."""
    return _BULLET.sub("", line).strip()


def keco_nouns(name: str) -> list[str]:
    """The job nouns in a KECO minor-group name: ``"회계·경리 사무원"`` → ``["회계 사무원",
    "경리 사무원"]``; ``"청소·방역 및 가사 서비스원"`` → ``["청소", "방역", "가사 서비스원"]``."""
    name = re.sub(r"\([^)]*\)", "", name)
    nouns: list[str] = []
    for part in re.split(r" 및 |, ", name):
        tokens = part.split()
        if len(tokens) >= 2 and "·" in " ".join(tokens[:-1]):
            suffix = tokens[-1]
            nouns += [f"{head} {suffix}".strip() for head in " ".join(tokens[:-1]).split("·")]
        else:
            nouns += [p.strip() for p in part.split("·")] if len(tokens) == 1 else [part.strip()]
    return [n for n in dict.fromkeys(nouns) if n]


def shared_data_dir() -> Path:
    path = Path(settings.NJ_SHARED_DATA)
    if not path.is_dir():
        raise SystemExit(f"NJ_SHARED_DATA folder not found: {path} (the generator reads its listings at run time)")
    return path


@dataclass
class Vocabulary:
    """Everything the postings and employers are written from (lists of strings)."""

    job_nouns: dict[str, list[str]] = field(default_factory=dict)  # KECO minor code → job nouns
    works: dict[str, list[str]] = field(default_factory=dict)  # code → pieces of work ("청소", "방역")
    real_titles: list[str] = field(default_factory=list)
    role_titles: dict[str, list[str]] = field(default_factory=dict)  # code → demo role titles
    duties: list[str] = field(default_factory=list)
    role_duties: dict[str, list[str]] = field(default_factory=dict)
    qualifications: list[str] = field(default_factory=list)
    preferences: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    introductions: list[str] = field(default_factory=list)  # lines of companies' introductions
    company_names: list[str] = field(default_factory=list)
    work24_rows: list[dict] = field(default_factory=list)
    schedule_texts: list[str] = field(default_factory=list)
    dong_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        vocab = cls()
        folder = shared_data_dir()
        for code, name in Occupation.objects.filter(level=Occupation.Level.MINOR).values_list("code", "name"):
            nouns = keco_nouns(name)
            vocab.works[code] = nouns
            vocab.job_nouns[code] = list(JOB_WORDS.get(code, ())) + [n for n in nouns if " " in n or len(n) > 2]
            if not vocab.job_nouns[code]:
                vocab.job_nouns[code] = [name]
        for role in ROLES.values():
            vocab.role_titles.setdefault(role.occupation, []).append(role.title)
            vocab.role_duties.setdefault(role.occupation, []).extend(role.duties)
            vocab.qualifications.extend(role.quals)
            vocab.preferences.extend(role.prefs)
        vocab.schedule_texts = [s.text for s in SCHEDULES.values() if s.text]
        postings = json.loads((folder / "wanted_postings_food_commerce.json").read_text(encoding="utf-8"))
        for p in postings:
            vocab.real_titles.append(p["TITLE"].strip())
            vocab.company_names.append(p["COMPANY"].strip())
            for key, target in (
                ("MAINDUTIES", vocab.duties),
                ("QUALIFICATION", vocab.qualifications),
                ("PREFERENTIAL", vocab.preferences),
                ("BENEFITS", vocab.benefits),
                ("GROUP_INTRO", vocab.introductions),
            ):
                for line in (p.get(key) or "").splitlines():
                    line = clean_line(line)
                    if 6 <= len(line) <= 80:
                        target.append(line)
        with (folder / "work24_listings_gangnam_2026-08.csv").open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                vocab.real_titles.append(row["position_title"].strip())
                vocab.company_names.append(row["company_name"].strip())
                vocab.work24_rows.append(row)
        vocab.company_names = list(dict.fromkeys(n for n in vocab.company_names if n))
        vocab.dong_names = dict(Dong.objects.values_list("code", "name"))
        return vocab

    # ---- writing ------------------------------------------------------------------------

    def company_name(self, rng: random.Random) -> str:
        if rng.random() < 0.08:
            return rng.choice(self.company_names)
        base = rng.choice(COMPANY_HEADS) + rng.choice(COMPANY_TRADES)
        return rng.choice(COMPANY_FORMS).format(base)

    def job(self, rng: random.Random, code: str) -> str:
        return rng.choice(self.job_nouns[code])

    def title(self, rng: random.Random, code: str, job: str, dong: str, employer_short: str) -> str:
        r = rng.random()
        if r < 0.05:
            return rng.choice(self.real_titles)
        if r < 0.15 and code in self.role_titles:
            return rng.choice(self.role_titles[code])
        note = rng.choice(TITLE_NOTES)
        templates = (
            f"{job} 모집",
            f"{job} 채용",
            f"{job} 구인",
            f"{job} 구합니다",
            f"{josa(job, '을/를')} 모집합니다",
            f"[{dong}] {job} 모집",
            f"{rng.choice(PLACES)} {job} 채용",
            f"{job} ({note})",
            f"{job} 모집 ({note}, {rng.choice(TITLE_NOTES)})",
            f"급구 {job} ({note})",
            f"{employer_short} {job} 채용 공고",
            f"{job} 정규직 채용 (신입·경력)",
            f"{job}({note}) 구인",
            f"{josa(job, '을/를')} 찾습니다",
        )
        return rng.choice(templates)

    def description(
        self,
        rng: random.Random,
        *,
        code: str,
        job: str,
        employer: str,
        dong: str,
        priority: list[str],
        benefits: list[str],
        licence_hint: bool,
        schedule_text: str = "",
        wage_text: str = "",
    ) -> tuple[str, str]:
        """(description, preferred qualifications) of a posting, sentences with particles."""
        work = rng.choice(self.works[code])
        lines = [
            rng.choice(
                (
                    f"{employer}에서 {josa(job, '을/를')} 모집합니다.",
                    f"함께 일할 {josa(job, '을/를')} 찾습니다.",
                    f"{josa(job, '을/를')} 구합니다. {josa(employer, '은/는')} {dong}에 있습니다.",
                    f"{dong} {rng.choice(PLACES)}에서 근무할 {josa(job, '을/를')} 채용합니다.",
                )
            )
        ]
        duties = self.role_duties.get(code, []) if rng.random() < 0.6 else []
        for line in rng.sample(duties, k=min(len(duties), rng.randint(1, 3))) if duties else []:
            lines.append(f"- {line}")
        if not duties:
            lines.append(f"주요 업무: {work} 및 관련 업무")
        for line in rng.sample(self.duties, k=rng.choice((0, 0, 1, 2, 3))):
            lines.append(f"- {line}")
        lines.append(
            rng.choice(
                (
                    f"근무지는 {dong}이며 {rng.choice(STATIONS)}에서 가깝습니다.",
                    f"{josa(job, '은/는')} {rng.choice(('주간', '교대', '격일', '오전', '오후'))} 근무입니다.",
                    f"{rng.choice(self.schedule_texts)}.",
                    f"근무 장소: 인천 남동구 {dong} {rng.choice(ROADS)} 일대",
                )
            )
        )
        if schedule_text:
            lines.append(f"근무시간: {schedule_text}")
        if wage_text:
            lines.append(
                f"급여: {wage_text}"
                + rng.choice(("", " (수습 3개월 90%)", ", 연장·야간 수당 별도", " (경력에 따라 협의)"))
            )
        quals = [rng.choice(self.qualifications) for _ in range(rng.randint(0, 3))]
        if quals:
            lines.append("자격요건: " + ", ".join(quals))
        if benefits:
            lines.append("복리후생: " + ", ".join(BENEFIT_WORDS[b] for b in benefits))
        for line in rng.sample(self.benefits, k=rng.choice((0, 0, 1, 2))):
            lines.append(f"- {line}")
        for group in priority:
            lines.append(f"{rng.choice(PRIORITY_SENTENCES[group])}.")
        if rng.random() < 0.1:  # a long posting: the company introduces itself
            lines.append("[회사 소개]")
            lines += rng.sample(self.introductions, k=min(len(self.introductions), rng.randint(3, 12)))
        lines.append(rng.choice(CLOSINGS))
        prefs = []
        if licence_hint and code in LICENCE_SENTENCES:
            prefs.append(rng.choice(LICENCE_SENTENCES[code]))
        if rng.random() < 0.5:
            prefs.append(rng.choice(self.preferences))
        if rng.random() < 0.3:
            prefs.append(f"{job} 경력자")
        return "\n".join(lines), ", ".join(prefs)
