"""Vocabulary of the demo data (``seed_demo``). Every company, person, number and address is invented;
사업자등록번호 get their National Tax Service check digit from the seeder, phones use 010-7xxx, email
addresses the reserved-looking domain ``namdong.example``. Codes follow ``jobs.choices`` and KECO 2018
minor groups. Dates are offsets in days from the seed date, so a designation expires relative to it.
"""
# ruff: noqa: E501 - a table of Korean text, one record per line (Hangul counts double width)

from dataclasses import dataclass

from .roles import ALL7, DAY, ROLES, SCHEDULES, WEEK5, Role, Schedule

__all__ = ["ROLES", "SCHEDULES", "Role", "Schedule"]  # re-exported for the seeder

#: One password for every demo account; ``seed_demo`` refuses to run with DEBUG off without --force.
DEMO_PASSWORD = "namdong-demo-2026!"  # noqa: S105 - published on purpose, demo only
DEMO_DOMAIN = "namdong.example"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
ADMIN_NAME = "남동구 일자리센터 관리자"

#: Romanisation (국어의 로마자 표기법) of each dong, for staff logins: staff.<roman>@namdong.example
DONG_ROMAN = {
    "구월1동": "guwol1",
    "구월2동": "guwol2",
    "구월3동": "guwol3",
    "구월4동": "guwol4",
    "간석1동": "ganseok1",
    "간석2동": "ganseok2",
    "간석3동": "ganseok3",
    "간석4동": "ganseok4",
    "만수1동": "mansu1",
    "만수2동": "mansu2",
    "만수3동": "mansu3",
    "만수4동": "mansu4",
    "만수5동": "mansu5",
    "만수6동": "mansu6",
    "장수서창동": "jangsuseochang",
    "서창2동": "seochang2",
    "남촌도림동": "namchondorim",
    "논현1동": "nonhyeon1",
    "논현2동": "nonhyeon2",
    "논현고잔동": "nonhyeongojan",
}

#: Staff names: surname i + given name (i * 7) mod 20, in dong-code order.
STAFF_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
STAFF_GIVEN = (
    "민준",
    "서연",
    "지훈",
    "수빈",
    "현우",
    "지은",
    "도윤",
    "하은",
    "성민",
    "예린",
    "준호",
    "미경",
    "태희",
    "은정",
    "상철",
    "유진",
    "동현",
    "소영",
    "재훈",
    "혜진",
)


@dataclass(frozen=True)
class Site:
    """A workplace other than the employer's office (apartment complexes, client homes…)."""

    dong: str
    address: str
    label: str


SITES = {
    "mansu6_apt": Site("만수6동", "인천광역시 남동구 수현로 118 (만수 푸른마을아파트)", "만수 푸른마을아파트"),
    "guwol4_apt": Site("구월4동", "인천광역시 남동구 용천로 76 (구월 햇살아파트)", "구월 햇살아파트"),
    "seochang2_apt": Site("서창2동", "인천광역시 남동구 서창남순환로 215 (서창 호수마을아파트)", "서창 호수마을아파트"),
    "nonhyeon1_apt": Site("논현1동", "인천광역시 남동구 논현로 190 (논현 바다마을아파트)", "논현 바다마을아파트"),
    "nonhyeon2_mall": Site("논현2동", "인천광역시 남동구 에코중앙로 45 (논현 중앙상가)", "논현 중앙상가"),
    "guwol3_office": Site("구월3동", "인천광역시 남동구 인하로 501 (구월 업무빌딩)", "구월 업무빌딩"),
    "ganseok1_clinic": Site("간석1동", "인천광역시 남동구 석정로 470 (간석 메디컬빌딩)", "간석 메디컬빌딩"),
    "mansu2_hall": Site("만수2동", "인천광역시 남동구 장승로 22 (만수 복지회관)", "만수 복지회관"),
    "mansu3_homes": Site("만수3동", "인천광역시 남동구 만수로 일대 (수급자 가정)", "만수3동 수급자 가정"),
    "mansu4_homes": Site("만수4동", "인천광역시 남동구 만수동 일대 (수급자 가정)", "만수4동 수급자 가정"),
    "mansu5_homes": Site("만수5동", "인천광역시 남동구 호구포로 일대 (수급자 가정)", "만수5동 수급자 가정"),
}

#: (Certification.Type, number, valid_from, valid_until) with dates as days from the seed date.
Cert = tuple[str, str, int, int | None]


@dataclass(frozen=True)
class EmployerSpec:
    """A demo employer. ``brn9``: the first nine digits of its 사업자등록번호; ``jobs``: its
    postings as ``role[@site][!status]`` words (status ``draft`` or ``submitted``)."""

    key: str
    name: str
    short: str
    brn9: str
    representative: str
    dong: str
    address: str
    industry: str
    headcount: int
    phone: str
    certs: tuple[Cert, ...]
    jobs: str
    pending: bool = False


def _park(n: str) -> Cert:
    return ("induspark", f"남동산단-입주-{n}", -2900, None)


def _sme(n: str) -> Cert:
    return ("sme", f"0012-2026-{n}", -120, 245)


E = EmployerSpec
EMPLOYERS = (
    E(
        "precision",
        "남동정밀(주)",
        "남동정밀",
        "131819201",
        "강태수",
        "논현고잔동",
        "인천광역시 남동구 남동서로 236번길 31",
        "금형 제조 (사출금형)",
        38,
        "032-7000-0101",
        (_sme("710301"), _park("0412")),
        "mold_cnc production qc forklift",
    ),
    E(
        "hanbit",
        "(주)한빛표면처리",
        "한빛표면처리",
        "131819202",
        "오정희",
        "남촌도림동",
        "인천광역시 남동구 앵고개로 612",
        "도금 및 표면처리",
        52,
        "032-7000-0102",
        (_sme("710302"), _park("0187")),
        "plating production qc driver",
    ),
    E(
        "gojan",
        "고잔오토텍(주)",
        "고잔오토텍",
        "131819203",
        "문성호",
        "논현고잔동",
        "인천광역시 남동구 능허대로 577",
        "자동차 부품 제조",
        120,
        "032-7000-0103",
        (_sme("710303"), _park("0933")),
        "assembly welding forklift qc",
    ),
    E(
        "dorim",
        "(주)도림전자",
        "도림전자",
        "131819204",
        "한지영",
        "남촌도림동",
        "인천광역시 남동구 은봉로 88",
        "전자부품 (PCB 실장)",
        74,
        "032-7000-0104",
        (_sme("710304"), _park("1120")),
        "smt electronics_pt production office_assist",
    ),
    E(
        "sorae_food",
        "소래푸드(주)",
        "소래푸드",
        "131819205",
        "배경민",
        "논현고잔동",
        "인천광역시 남동구 청능대로 289",
        "식품 제조 (반찬·소스)",
        45,
        "032-7000-0105",
        (_sme("710305"), _park("1277")),
        "food_machine food_pack cleaner driver",
    ),
    E(
        "indus_logis",
        "인더스물류(주)",
        "인더스물류",
        "131819206",
        "노승현",
        "남촌도림동",
        "인천광역시 남동구 남동대로 215",
        "창고 및 물류",
        63,
        "032-7000-0106",
        (_park("1302"),),
        "forklift picking loader driver",
    ),
    E(
        "guwol_silver",
        "구월실버요양원",
        "구월실버요양원",
        "131829207",
        "윤미란",
        "구월2동",
        "인천광역시 남동구 예술로 152",
        "노인요양시설",
        41,
        "032-7000-0107",
        (),
        "care_facility care_night nurse nurse_aide cook social_worker",
    ),
    E(
        "mansu_care",
        "사회적협동조합 만수돌봄 재가복지센터",
        "만수돌봄",
        "131829208",
        "정순옥",
        "만수3동",
        "인천광역시 남동구 만수로 37",
        "재가 노인복지 (방문요양)",
        58,
        "032-7000-0108",
        (("social", "제2021-0147호", -1800, None), ("coop", "인천-사협-2019-012", -2500, None)),
        "home_care@mansu3_homes home_care@mansu4_homes home_care@mansu5_homes social_worker",
    ),
    E(
        "ganseok_daycare",
        "간석해맑은어린이집",
        "해맑은어린이집",
        "131909209",
        "서은주",
        "간석1동",
        "인천광역시 남동구 간석로 63",
        "보육 (국공립 위탁 어린이집)",
        14,
        "032-7000-0109",
        (),
        "daycare_teacher daycare_assistant cook",
    ),
    E(
        "moraenae",
        "모래내한식뷔페",
        "모래내한식뷔페",
        "131259210",
        "장두식",
        "구월1동",
        "인천광역시 남동구 구월남로 101",
        "한식 음식점",
        12,
        "032-7000-0110",
        (),
        "cook kitchen_helper hall",
    ),
    E(
        "cafe_sorae",
        "카페 소래바람",
        "카페 소래바람",
        "131269211",
        "유다인",
        "논현1동",
        "인천광역시 남동구 소래역로 30",
        "카페",
        4,
        "032-7000-0111",
        (),
        "barista!submitted hall_weekend!draft",
        pending=True,
    ),
    E(
        "gukbap",
        "간석옛날국밥",
        "간석옛날국밥",
        "131279212",
        "임춘배",
        "간석4동",
        "인천광역시 남동구 경원대로 890",
        "한식 음식점",
        7,
        "032-7000-0112",
        (),
        "kitchen_helper hall_weekend",
    ),
    E(
        "facility",
        "(주)남동시설관리",
        "남동시설관리",
        "131819213",
        "황보철",
        "간석2동",
        "인천광역시 남동구 석정로 388",
        "건물 경비·청소 용역",
        210,
        "032-7000-0113",
        (_sme("710313"),),
        "apt_guard@mansu6_apt apt_guard@guwol4_apt apt_guard@seochang2_apt apt_guard@nonhyeon1_apt "
        "night_guard@nonhyeon2_mall cleaner@guwol3_office cleaner@ganseok1_clinic",
    ),
    E(
        "neulpureun",
        "늘푸른환경 자활기업",
        "늘푸른환경",
        "131829214",
        "송기철",
        "만수1동",
        "인천광역시 남동구 수현로 12",
        "방역·청소 (자활기업)",
        16,
        "032-7000-0114",
        (("self_suff", "인천-자활-2020-008", -2100, None),),
        "disinfection cleaner@mansu2_hall recycle_sort",
    ),
    E(
        "dure",
        "장수두레마을 협동조합",
        "장수두레마을",
        "131829215",
        "조영자",
        "장수서창동",
        "인천광역시 남동구 무네미로 120",
        "반찬 제조·판매 (마을기업)",
        9,
        "032-7000-0115",
        (("village", "인천-남동-마을-2020-02", -2000, None), ("coop", "인천-협-2019-0231", -2400, None)),
        "kitchen_helper shop_sales driver",
    ),
    # 예비사회적기업 지정 (3년) has expired; the 사회적기업 certification that followed is in force.
    E(
        "hamkke",
        "(주)함께일터",
        "함께일터",
        "131819216",
        "신동욱",
        "간석3동",
        "인천광역시 남동구 간석로 215",
        "재활용·업사이클 (사회적기업)",
        27,
        "032-7000-0116",
        (("pre_social", "2020-예비-인천-031", -1500, -405), ("social", "제2023-0288호", -400, None)),
        "recycle_sort office_assist sewing",
    ),
)

#: Employer member (owner) accounts: (email local part, employer key, name).
MEMBERS = (
    ("employer1", "precision", "강민수"),
    ("employer2", "guwol_silver", "윤정아"),
    ("employer3", "moraenae", "장수진"),
    ("employer4", "cafe_sorae", "유다인"),
    ("employer5", "facility", "황보영"),
)


@dataclass(frozen=True)
class SeekerSpec:
    """A job seeker. ``login`` is the email local part, empty for a walk-in resident registered at
    ``centre_dong``'s centre by its staff. Wanted conditions are codes as in ``SeekerProfile``."""

    login: str
    name: str
    birth_year: int
    phone: str
    home_dong: str
    occupations: tuple[str, ...]
    dongs: tuple[str, ...]
    employment_types: tuple[str, ...]
    shifts: tuple[str, ...]
    days: tuple[str, ...]
    min_hourly: int | None
    centre_dong: str = ""


S = SeekerSpec
SEEKERS = (
    S(
        "seeker1",
        "김순자",
        1959,
        "010-7100-0001",
        "만수3동",
        ("550", "561"),
        ("만수3동", "만수4동", "만수5동"),
        ("part_time", "regular"),
        DAY,
        WEEK5,
        12_000,
    ),
    S(
        "seeker2",
        "이정훈",
        1999,
        "010-7100-0002",
        "논현1동",
        ("813", "890", "623"),
        ("논현고잔동", "남촌도림동", "논현1동"),
        ("regular",),
        ("day", "rotating"),
        WEEK5,
        12_500,
    ),
    S(
        "seeker3",
        "박미경",
        1983,
        "010-7100-0003",
        "구월2동",
        ("232", "029", "532"),
        (),
        ("part_time",),
        DAY,
        WEEK5,
        11_000,
    ),
    S(
        "seeker4",
        "최영호",
        1961,
        "010-7100-0004",
        "간석3동",
        ("542", "561"),
        (),
        ("contract", "regular"),
        ("day", "night"),
        ALL7,
        10_320,
    ),
    S(
        "seeker5",
        "정하늘",
        1996,
        "010-7100-0005",
        "서창2동",
        ("026", "027", "028"),
        (),
        ("regular",),
        DAY,
        WEEK5,
        13_000,
    ),
    S(
        "",
        "한옥순",
        1954,
        "010-7200-0001",
        "만수1동",
        ("561", "532"),
        ("만수1동", "만수2동"),
        ("part_time",),
        DAY,
        WEEK5,
        None,
        "만수1동",
    ),
    S(
        "",
        "오춘식",
        1957,
        "010-7200-0002",
        "간석4동",
        ("542", "890"),
        (),
        ("contract",),
        ("day", "night"),
        ALL7,
        None,
        "간석4동",
    ),
    S(
        "",
        "응우옌 티 란",
        1990,
        "010-7200-0003",
        "논현고잔동",
        ("890", "836", "872"),
        ("논현고잔동", "남촌도림동"),
        ("regular", "part_time"),
        DAY,
        WEEK5,
        10_320,
        "논현고잔동",
    ),
)


#: Profile details of the demo seekers beyond wanted conditions, by name: education, licences
#: (codes of ``namdong_jobs.reference.codes.Licence``), languages and a short introduction.
SEEKER_DETAILS = {
    "김순자": ("high", ("care_worker",), ("ko",), "요양원에서 5년 일했습니다. 어르신 돌봄에 자신 있습니다."),
    "이정훈": ("college", ("forklift", "driving_1"), ("ko", "en"), "지게차 자격이 있고 교대 근무도 가능합니다."),
    "박미경": ("university", ("driving_2",), ("ko",), "아이를 키우느라 쉬었다가 다시 일을 찾고 있습니다."),
    "최영호": ("high", ("driving_1",), ("ko",), "경비와 시설 관리 경력 20년입니다."),
    "정하늘": ("university", (), ("ko", "en"), "웹 개발과 데이터 분석을 공부했습니다."),
    "한옥순": ("middle", (), ("ko",), ""),
    "오춘식": ("high", ("driving_1",), ("ko",), ""),
    "응우옌 티 란": ("high", ("cook",), ("ko", "vi"), ""),
}


#: Demo applications: (seeker login, the n-th open online-applicable posting that fits them,
#: the employer's last step: "" (just submitted), "viewed" or "interview"), and the message.
DEMO_APPLICATIONS = (
    ("seeker1", 0, "viewed", "요양보호사 자격증이 있고 주간 근무를 원합니다."),
    ("seeker2", 0, "interview", "지게차 운전 가능합니다. 교대 근무도 괜찮습니다."),
    ("seeker3", 0, "", ""),
)
