"""Vocabulary of the demo data (``seed_demo``). Every company, person, number and address is invented;
사업자등록번호 get their National Tax Service check digit from the seeder, phones use 010-7xxx, email
addresses the reserved-looking domain ``namdong.example``. Codes follow ``jobs.choices`` and KECO 2018
minor groups. Dates are offsets in days from the seed date, so a designation expires relative to it.
"""
# ruff: noqa: E501 - a table of Korean text, one record per line (Hangul counts double width)

from dataclasses import dataclass

#: One password for every demo account; ``seed_demo`` refuses to run with DEBUG off without --force.
DEMO_PASSWORD = "namdong-demo-2026!"  # noqa: S105 - published on purpose, demo only
DEMO_DOMAIN = "namdong.example"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
ADMIN_NAME = "남동구 일자리센터 관리자"

#: Romanisation (국어의 로마자 표기법) of each dong, for staff logins: staff.<roman>@namdong.example
DONG_ROMAN = {
    "구월1동": "guwol1", "구월2동": "guwol2", "구월3동": "guwol3", "구월4동": "guwol4", "간석1동": "ganseok1",
    "간석2동": "ganseok2", "간석3동": "ganseok3", "간석4동": "ganseok4", "만수1동": "mansu1", "만수2동": "mansu2",
    "만수3동": "mansu3", "만수4동": "mansu4", "만수5동": "mansu5", "만수6동": "mansu6", "장수서창동": "jangsuseochang",
    "서창2동": "seochang2", "남촌도림동": "namchondorim", "논현1동": "nonhyeon1", "논현2동": "nonhyeon2", "논현고잔동": "nonhyeongojan",
}

#: Staff names: surname i + given name (i * 7) mod 20, in dong-code order.
STAFF_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
STAFF_GIVEN = ("민준", "서연", "지훈", "수빈", "현우", "지은", "도윤", "하은", "성민", "예린",
               "준호", "미경", "태희", "은정", "상철", "유진", "동현", "소영", "재훈", "혜진")


@dataclass(frozen=True)
class Schedule:
    """Working time: weekday and shift codes, ``HH:MM`` start/end, daily hours (Decimal text), weekly
    hours, days per week when fewer than the listed days (rotas), and a note."""

    days: tuple[str, ...]
    shifts: tuple[str, ...]
    start: str
    end: str
    hours: str
    week_hours: int
    per_week: int | None = None
    text: str = ""


WEEK5 = ("MON", "TUE", "WED", "THU", "FRI")
WEEK6 = (*WEEK5, "SAT")
ALL7 = (*WEEK6, "SUN")
DAY = ("day",)

SCHEDULES = {
    "weekday": Schedule(WEEK5, DAY, "08:30", "17:30", "8", 40, text="점심시간 1시간"),
    "weekday_early": Schedule(WEEK5, DAY, "07:00", "16:00", "8", 40, text="점심시간 1시간"),
    "two_shift": Schedule(WEEK5, ("rotating",), "08:00", "17:00", "8", 40, text="주야 2교대 (주간 08:00~17:00 / 야간 20:00~05:00), 주 단위 교대"),
    "three_shift": Schedule(ALL7, ("rotating",), "07:00", "15:00", "8", 40, 5, "3교대 (07~15시 / 15~23시 / 23~07시), 근무표에 따라 주 5일"),
    "night": Schedule(WEEK5, ("night",), "22:00", "07:00", "8", 40, text="야간 고정, 휴게 1시간, 야간근로수당 별도"),
    "guard_day": Schedule(WEEK5, DAY, "07:00", "17:00", "8", 40, text="휴게 2시간 (별도 휴게실)"),
    "daycare": Schedule(WEEK5, DAY, "07:30", "16:30", "8", 40, text="점심시간 1시간"),
    "morning": Schedule(WEEK5, DAY, "09:00", "13:00", "4", 20),
    "afternoon": Schedule(WEEK5, DAY, "13:00", "17:00", "4", 20),
    "home_visit": Schedule(WEEK5, DAY, "09:00", "12:00", "3", 15, text="수급자 1가정 방문, 시간대 협의 가능"),
    "early_clean": Schedule(WEEK5, DAY, "06:00", "10:00", "4", 20),
    "lunch": Schedule(WEEK6, DAY, "10:30", "14:30", "4", 24),
    "weekend": Schedule(("SAT", "SUN"), DAY, "10:00", "19:00", "8", 16, text="휴게 1시간"),
    "cafe_open": Schedule(WEEK5, DAY, "07:30", "12:30", "5", 25),
}


@dataclass(frozen=True)
class Role:
    """A kind of vacancy: title, KECO minor code, ``EmploymentType``, (``WageType``, min, max or None),
    schedule key, ``Education``, (``CareerType``, min years), benefits, priority groups welcome,
    duties, 자격요건, 우대사항."""

    title: str
    occupation: str
    employment: str
    wage: tuple[str, int, int | None]
    schedule: str
    education: str
    career: tuple[str, int | None]
    benefits: tuple[str, ...]
    groups: tuple[str, ...]
    duties: tuple[str, ...]
    quals: tuple[str, ...]
    prefs: tuple[str, ...]

    @property
    def noun(self) -> str:
        """The title without its parenthesised note, for "…을/를 모집합니다"."""
        return self.title.split(" (")[0]


FULL = ("insurance", "severance")
MEAL = (*FULL, "meals")
PLANT = (*MEAL, "shuttle")
PT = ("insurance",)
ANY = ("any", None)
EITHER = ("either", None)

R = Role
ROLES = {
    "mold_cnc": R("CNC·MCT 금형 가공원", "813", "regular", ("MONTH", 3_200_000, 3_800_000),
        "weekday", "high", ("experienced", 2), PLANT, ("youth",),
        ("사출금형 부품 CNC·MCT 가공", "가공 프로그램 수정과 공구 세팅", "가공품 치수 측정과 작업일지 기록"),
        ("금형 가공 경력 2년 이상", "도면을 읽을 수 있는 분"), ("컴퓨터응용가공산업기사 또는 기능사", "CAM 프로그램 사용 가능자")),
    "production": R("생산직 사원 (검사·포장)", "890", "regular", ("MONTH", 2_400_000, 2_700_000),
        "weekday", "any", ANY, PLANT, ("older", "career_break", "multicultural"),
        ("완제품 외관 검사와 포장", "라인에 부품 공급 및 작업장 정리", "출하 제품 적재 보조"),
        ("학력·경력 무관 (입사 후 교육)", "주 5일 근무 가능한 분"), ("인근 거주자", "제조업 근무 경험자")),
    "qc": R("품질검사원 (치수·외관 검사)", "028", "regular", ("MONTH", 2_600_000, 3_000_000),
        "weekday", "high", EITHER, PLANT, ("youth",),
        ("입고 자재와 완제품 치수·외관 검사", "검사 성적서 작성과 불량 이력 관리", "고객사 품질 요구사항 대응 보조"),
        ("측정기(버니어캘리퍼스 등) 사용 가능자", "엑셀 기본 사용 가능자"), ("품질경영산업기사 소지자", "ISO 9001 실무 경험")),
    "plating": R("도금 라인 작업자 (주야 2교대)", "825", "regular", ("MONTH", 3_000_000, 3_400_000),
        "two_shift", "any", ANY, (*PLANT, "dormitory"), ("youth", "defector"),
        ("아연·니켈 도금 라인 제품 투입과 취출", "도금액 농도·온도 점검 (교육 제공)", "도금품 외관 검사와 포장"),
        ("주야 교대 근무 가능한 분", "보호구 착용 등 안전수칙 준수"), ("표면처리·도금 경력자", "유해화학물질 취급 교육 이수자")),
    "forklift": R("지게차 운전원 (자재 입출고)", "623", "regular", ("MONTH", 2_900_000, 3_300_000),
        "weekday", "any", ("experienced", 1), PLANT, ("older",),
        ("지게차를 이용한 원자재·완제품 상하차", "창고 적재 위치 관리와 재고 정리", "입출고 수량 확인과 전산 입력"),
        ("지게차운전기능사 자격증 소지자", "지게차 운전 경력 1년 이상"), ("3톤 이상 지게차 운전 경험", "물류센터 근무 경험")),
    "assembly": R("자동차부품 조립 생산직", "817", "regular", ("MONTH", 2_700_000, 3_100_000),
        "two_shift", "any", ANY, PLANT, ("youth", "multicultural"),
        ("자동차 시트·도어 부품 조립 라인 작업", "조립품 체결 상태 점검", "라인 정리와 5S 활동"),
        ("주야 교대 근무 가능한 분", "학력·경력 무관"), ("자동차부품 조립 경력자", "통근버스 노선 인근 거주자")),
    "welding": R("CO2 용접원 (자동차 부품)", "824", "regular", ("MONTH", 3_400_000, 4_000_000),
        "weekday", "any", ("experienced", 3), PLANT, (),
        ("자동차 프레임 부품 CO2·스폿 용접", "용접 지그 세팅과 비드 상태 점검", "용접 불량 수정 작업"),
        ("CO2 용접 경력 3년 이상",), ("용접기능사 이상 자격증 소지자", "로봇 용접 티칭 가능자")),
    "smt": R("SMT 장비 오퍼레이터", "835", "regular", ("MONTH", 2_800_000, 3_200_000),
        "two_shift", "high", EITHER, PLANT, ("youth",),
        ("SMT 마운터·리플로우 장비 운전", "부품 릴 교체와 자재 관리", "AOI 검사 결과 확인과 보고"),
        ("교대 근무 가능한 분",), ("전자·전기 계열 전공자", "SMT 장비 운용 경력자")),
    "electronics_pt": R("전자부품 조립원 (오전 시간제)", "836", "part_time", ("HOUR", 10_800, None),
        "morning", "any", ANY, PT, ("career_break", "older", "disabled"),
        ("소형 전자부품 수작업 조립", "조립품 외관 검사와 포장", "작업대 정리"),
        ("오전 4시간 근무 가능한 분",), ("손작업이 꼼꼼한 분", "조립 작업 경험자")),
    "food_machine": R("식품 제조 라인 기계 조작원", "873", "regular", ("MONTH", 2_500_000, 2_800_000),
        "weekday_early", "any", ANY, PLANT, ("older", "multicultural"),
        ("반찬·소스 제조 설비(혼합기·충진기) 운전", "원료 계량과 투입", "설비 세척과 위생 점검표 작성"),
        ("건강진단결과서(보건증) 제출 가능자", "위생 수칙을 지킬 수 있는 분"), ("HACCP 인증 공장 근무 경험", "식품위생 교육 이수자")),
    "food_pack": R("식품 포장원 (오전 시간제)", "890", "part_time", ("HOUR", 10_500, None),
        "morning", "any", ANY, (*PT, "meals"), ("career_break", "older"),
        ("완제품 계량과 용기 포장", "라벨 부착과 박스 적재", "포장실 정리"),
        ("건강진단결과서(보건증) 제출 가능자",), ("식품 공장 근무 경험자",)),
    "picking": R("물류센터 입출고·피킹 사원", "624", "regular", ("MONTH", 2_500_000, 2_800_000),
        "weekday", "any", ANY, PLANT, ("youth", "older"),
        ("PDA로 주문 상품 피킹과 검수", "출고 상품 포장과 분류", "입고 상품 적치"),
        ("학력·경력 무관",), ("물류센터 근무 경험", "지게차 자격증 소지자")),
    "loader": R("상하차 일용직 (당일 지급)", "624", "daily", ("DAY", 120_000, None),
        "weekday", "any", ANY, ("meals",), ("youth",),
        ("화물차 상하차와 팔레트 적재", "출고 물량 분류"),
        ("당일 근무 가능한 분", "안전화 착용 (현장 대여 가능)"), ("상하차 경험자",)),
    "driver": R("1톤 냉장탑차 납품 기사", "622", "regular", ("MONTH", 3_000_000, 3_500_000),
        "weekday_early", "any", ("experienced", 1), MEAL, (),
        ("인천·경기 거래처 납품 운전 (1톤 냉장탑차)", "납품 물량 상하차와 인수증 관리", "차량 일상 점검"),
        ("1종 보통 운전면허 소지자", "운전 경력 1년 이상"), ("화물운송종사 자격 소지자", "인천 지리에 밝은 분")),
    "care_facility": R("요양보호사 (3교대)", "550", "regular", ("MONTH", 2_450_000, 2_700_000),
        "three_shift", "any", ANY, MEAL, ("older", "career_break", "multicultural"),
        ("어르신 식사·배설·목욕·이동 등 일상생활 지원", "체위 변경과 건강 상태 관찰·기록", "여가 프로그램 활동 보조"),
        ("요양보호사 자격증 소지자 (필수)",), ("노인요양시설 근무 경력자", "치매전문교육 이수자")),
    "care_night": R("야간 요양보호사 (주 5일)", "550", "regular", ("MONTH", 2_650_000, 2_900_000),
        "night", "any", ANY, MEAL, ("older", "career_break"),
        ("야간 어르신 안전 확인과 순회", "야간 배설 돌봄과 체위 변경", "야간 근무일지 작성과 인수인계"),
        ("요양보호사 자격증 소지자 (필수)", "야간 고정 근무 가능한 분"), ("요양시설 야간 근무 경험자",)),
    "nurse": R("간호사 (요양원 상근)", "304", "regular", ("MONTH", 3_300_000, 3_800_000),
        "weekday", "college", EITHER, MEAL, ("career_break",),
        ("입소 어르신 투약과 건강 관리", "촉탁의 진료 보조와 간호 기록 작성", "요양보호사 간호 업무 지도"),
        ("간호사 면허 소지자",), ("노인요양시설 또는 병동 근무 경력", "경력 공백 후 복귀하는 간호사 환영")),
    "nurse_aide": R("간호조무사 (주간 상근)", "307", "regular", ("MONTH", 2_500_000, 2_800_000),
        "weekday", "high", EITHER, MEAL, ("career_break",),
        ("활력징후 측정과 투약 보조", "간호 기록 입력 보조", "의료 물품 재고 관리"),
        ("간호조무사 자격증 소지자",), ("요양병원·요양원 근무 경험",)),
    "social_worker": R("사회복지사 (프로그램 담당)", "231", "regular", ("MONTH", 2_700_000, 3_000_000),
        "weekday", "college", EITHER, MEAL, ("youth",),
        ("어르신 여가·인지 프로그램 기획과 운영", "보호자 상담과 사례 관리", "장기요양 급여 서류 작성"),
        ("사회복지사 2급 이상 자격증 소지자",), ("노인복지 분야 경력자", "운전 가능자")),
    "home_care": R("재가 요양보호사 (방문요양)", "550", "part_time", ("HOUR", 12_500, 13_500),
        "home_visit", "any", ANY, PT, ("older", "career_break"),
        ("수급자 가정을 방문하여 신체활동·가사 지원", "병원 동행과 외출 지원", "서비스 제공 기록 작성 (스마트폰 앱)"),
        ("요양보호사 자격증 소지자",), ("근무지 인근 거주자 (도보 이동 가능)", "치매교육 이수자")),
    "daycare_teacher": R("보육교사 (만 2세반 담임)", "232", "regular", ("MONTH", 2_600_000, 2_900_000),
        "daycare", "college", EITHER, MEAL, ("career_break", "youth"),
        ("만 2세반 영아 보육과 놀이 활동 운영", "관찰 기록과 부모 상담", "보육일지 작성과 교실 환경 구성"),
        ("보육교사 2급 이상 자격증 소지자",), ("영아반 담임 경력자", "장기 근무 가능자")),
    "daycare_assistant": R("보육 보조교사 (오후 시간제)", "232", "part_time", ("HOUR", 11_000, None),
        "afternoon", "any", ANY, PT, ("career_break", "older"),
        ("오후 시간 담임교사 보육 보조", "낮잠 후 정리와 귀가 지도 지원", "교재·교구 정리"),
        ("보육교사 자격증 소지자",), ("어린이집 근무 경험자",)),
    "cook": R("조리사 (단체급식·한식)", "531", "regular", ("MONTH", 2_600_000, 3_000_000),
        "weekday_early", "any", ("experienced", 1), MEAL, ("older", "career_break"),
        ("식단에 따른 한식 조리 (하루 약 80식)", "식재료 검수와 위생 관리", "주방 정리와 소독"),
        ("조리 경력 1년 이상", "건강진단결과서(보건증) 제출 가능자"), ("한식조리기능사 소지자", "단체급식 경험자")),
    "kitchen_helper": R("주방 보조 (점심 시간제)", "532", "part_time", ("HOUR", 11_000, None),
        "lunch", "any", ANY, ("meals",), ("older", "career_break", "multicultural"),
        ("채소 손질 등 식재료 준비", "설거지와 식기 정리", "주방 정리정돈"),
        ("학력·경력 무관",), ("음식점 근무 경험자",)),
    "hall": R("홀 서빙 직원 (점심 시간제)", "532", "part_time", ("HOUR", 10_800, None),
        "lunch", "any", ANY, ("meals",), ("youth", "career_break"),
        ("손님 안내와 주문 응대", "음식 서빙과 테이블 정리", "계산 보조"),
        ("주 6일 점심 시간 근무 가능한 분",), ("서빙 경험자", "인근 거주자")),
    "hall_weekend": R("주말 홀 서빙 아르바이트", "532", "part_time", ("HOUR", 11_000, None),
        "weekend", "any", ANY, ("meals",), ("youth",),
        ("주말 손님 안내와 서빙", "테이블 정리와 식기 회수", "마감 청소 보조"),
        ("토·일 근무 가능한 분",), ("서빙 경험자",)),
    "barista": R("바리스타 (오픈 시간제)", "532", "part_time", ("HOUR", 10_500, 11_000),
        "cafe_open", "any", ANY, PT, ("youth", "career_break"),
        ("에스프레소 음료 제조", "오픈 준비와 원두·재고 관리", "매장 정리와 고객 응대"),
        ("오전 7시 30분 출근 가능한 분",), ("바리스타 자격증 소지자", "카페 근무 경험자")),
    "apt_guard": R("아파트 경비원 (주간)", "542", "contract", ("MONTH", 2_300_000, 2_450_000),
        "guard_day", "any", ANY, FULL, ("older", "disabled"),
        ("단지 출입 관리와 순찰", "택배 보관과 주민 안내", "분리수거장 정리 지원"),
        ("경비원 신임교육 이수자 (미이수 시 채용 후 교육 지원)",), ("경비 경력자", "인근 거주자")),
    "night_guard": R("야간 경비원 (상가 건물)", "542", "contract", ("MONTH", 2_600_000, 2_800_000),
        "night", "any", ANY, FULL, ("older",),
        ("야간 건물 순찰과 출입 통제", "CCTV 모니터링", "방범·화재 이상 시 신고와 보고"),
        ("경비원 신임교육 이수자", "야간 고정 근무 가능한 분"), ("시설 경비 경력자", "소방안전관리자 자격 소지자")),
    "cleaner": R("건물 청소원 (오전 시간제)", "561", "part_time", ("HOUR", 10_500, 10_800),
        "early_clean", "any", ANY, PT, ("older", "disabled", "career_break"),
        ("사무실·복도·화장실 청소", "분리수거와 쓰레기 배출", "청소 용품 관리"),
        ("학력·경력 무관", "오전 6시 출근 가능한 분"), ("건물 미화 경력자", "근무지 인근 거주자")),
    "disinfection": R("방역·소독원", "561", "contract", ("MONTH", 2_350_000, 2_550_000),
        "weekday", "any", ANY, FULL, ("older", "disabled", "defector"),
        ("공동주택·공공시설 방역과 소독", "방제 약품 준비와 장비 관리", "작업 일지 작성"),
        ("보호구 착용 등 안전수칙 준수",), ("소독업 종사자 위생교육 이수자", "2종 보통 운전면허 소지자")),
    "recycle_sort": R("재활용 선별원", "890", "regular", ("MONTH", 2_300_000, 2_400_000),
        "weekday", "any", ANY, MEAL, ("older", "disabled", "defector"),
        ("수거된 재활용품 품목별 선별", "선별품 압축과 적재", "작업장 정리"),
        ("학력·경력 무관",), ("장기 근무 가능자",)),
    "office_assist": R("사무보조 (장애인 우대)", "029", "regular", ("MONTH", 2_250_000, 2_400_000),
        "weekday", "high", ANY, FULL, ("disabled",),
        ("문서 정리와 전산 입력", "우편물 접수·발송", "전화 응대와 비품 관리"),
        ("한글·엑셀 기본 사용 가능자",), ("장애인 구직자 환영 (근로지원인 연계)", "컴퓨터활용능력 자격 소지자")),
    "sewing": R("업사이클 봉제원", "862", "regular", ("MONTH", 2_400_000, 2_700_000),
        "weekday", "any", EITHER, MEAL, ("career_break", "multicultural"),
        ("폐현수막·청바지를 활용한 가방·소품 봉제", "재단 보조와 완성품 검수", "재봉틀 일상 관리"),
        ("공업용 재봉틀 사용 가능자",), ("봉제 경력자", "디자인에 관심 있는 분")),
    "shop_sales": R("반찬가게 판매원 (오후 시간제)", "615", "part_time", ("HOUR", 10_500, None),
        "afternoon", "any", ANY, PT, ("older", "career_break"),
        ("반찬 진열과 판매", "포장과 계산", "매장 정리와 마감"),
        ("오후 4시간 근무 가능한 분",), ("판매 경험자", "마을 주민")),
}


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
    E("precision", "남동정밀(주)", "남동정밀", "131819201", "강태수", "논현고잔동", "인천광역시 남동구 남동서로 236번길 31", "금형 제조 (사출금형)", 38, "032-7000-0101",
      (_sme("710301"), _park("0412")), "mold_cnc production qc forklift"),
    E("hanbit", "(주)한빛표면처리", "한빛표면처리", "131819202", "오정희", "남촌도림동", "인천광역시 남동구 앵고개로 612", "도금 및 표면처리", 52, "032-7000-0102",
      (_sme("710302"), _park("0187")), "plating production qc driver"),
    E("gojan", "고잔오토텍(주)", "고잔오토텍", "131819203", "문성호", "논현고잔동", "인천광역시 남동구 능허대로 577", "자동차 부품 제조", 120, "032-7000-0103",
      (_sme("710303"), _park("0933")), "assembly welding forklift qc"),
    E("dorim", "(주)도림전자", "도림전자", "131819204", "한지영", "남촌도림동", "인천광역시 남동구 은봉로 88", "전자부품 (PCB 실장)", 74, "032-7000-0104",
      (_sme("710304"), _park("1120")), "smt electronics_pt production office_assist"),
    E("sorae_food", "소래푸드(주)", "소래푸드", "131819205", "배경민", "논현고잔동", "인천광역시 남동구 청능대로 289", "식품 제조 (반찬·소스)", 45, "032-7000-0105",
      (_sme("710305"), _park("1277")), "food_machine food_pack cleaner driver"),
    E("indus_logis", "인더스물류(주)", "인더스물류", "131819206", "노승현", "남촌도림동", "인천광역시 남동구 남동대로 215", "창고 및 물류", 63, "032-7000-0106",
      (_park("1302"),), "forklift picking loader driver"),
    E("guwol_silver", "구월실버요양원", "구월실버요양원", "131829207", "윤미란", "구월2동", "인천광역시 남동구 예술로 152", "노인요양시설", 41, "032-7000-0107",
      (), "care_facility care_night nurse nurse_aide cook social_worker"),
    E("mansu_care", "사회적협동조합 만수돌봄 재가복지센터", "만수돌봄", "131829208", "정순옥", "만수3동", "인천광역시 남동구 만수로 37", "재가 노인복지 (방문요양)", 58, "032-7000-0108",
      (("social", "제2021-0147호", -1800, None), ("coop", "인천-사협-2019-012", -2500, None)),
      "home_care@mansu3_homes home_care@mansu4_homes home_care@mansu5_homes social_worker"),
    E("ganseok_daycare", "간석해맑은어린이집", "해맑은어린이집", "131909209", "서은주", "간석1동", "인천광역시 남동구 간석로 63", "보육 (국공립 위탁 어린이집)", 14, "032-7000-0109",
      (), "daycare_teacher daycare_assistant cook"),
    E("moraenae", "모래내한식뷔페", "모래내한식뷔페", "131259210", "장두식", "구월1동", "인천광역시 남동구 구월남로 101", "한식 음식점", 12, "032-7000-0110",
      (), "cook kitchen_helper hall"),
    E("cafe_sorae", "카페 소래바람", "카페 소래바람", "131269211", "유다인", "논현1동", "인천광역시 남동구 소래역로 30", "카페", 4, "032-7000-0111",
      (), "barista!submitted hall_weekend!draft", pending=True),
    E("gukbap", "간석옛날국밥", "간석옛날국밥", "131279212", "임춘배", "간석4동", "인천광역시 남동구 경원대로 890", "한식 음식점", 7, "032-7000-0112",
      (), "kitchen_helper hall_weekend"),
    E("facility", "(주)남동시설관리", "남동시설관리", "131819213", "황보철", "간석2동", "인천광역시 남동구 석정로 388", "건물 경비·청소 용역", 210, "032-7000-0113",
      (_sme("710313"),), "apt_guard@mansu6_apt apt_guard@guwol4_apt apt_guard@seochang2_apt apt_guard@nonhyeon1_apt "
                         "night_guard@nonhyeon2_mall cleaner@guwol3_office cleaner@ganseok1_clinic"),
    E("neulpureun", "늘푸른환경 자활기업", "늘푸른환경", "131829214", "송기철", "만수1동", "인천광역시 남동구 수현로 12", "방역·청소 (자활기업)", 16, "032-7000-0114",
      (("self_suff", "인천-자활-2020-008", -2100, None),), "disinfection cleaner@mansu2_hall recycle_sort"),
    E("dure", "장수두레마을 협동조합", "장수두레마을", "131829215", "조영자", "장수서창동", "인천광역시 남동구 무네미로 120", "반찬 제조·판매 (마을기업)", 9, "032-7000-0115",
      (("village", "인천-남동-마을-2020-02", -2000, None), ("coop", "인천-협-2019-0231", -2400, None)), "kitchen_helper shop_sales driver"),
    # 예비사회적기업 지정 (3년) has expired; the 사회적기업 certification that followed is in force.
    E("hamkke", "(주)함께일터", "함께일터", "131819216", "신동욱", "간석3동", "인천광역시 남동구 간석로 215", "재활용·업사이클 (사회적기업)", 27, "032-7000-0116",
      (("pre_social", "2020-예비-인천-031", -1500, -405), ("social", "제2023-0288호", -400, None)), "recycle_sort office_assist sewing"),
)

#: Employer member (owner) accounts: (email local part, employer key, name).
MEMBERS = (("employer1", "precision", "강민수"), ("employer2", "guwol_silver", "윤정아"), ("employer3", "moraenae", "장수진"),
           ("employer4", "cafe_sorae", "유다인"), ("employer5", "facility", "황보영"))


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
    S("seeker1", "김순자", 1959, "010-7100-0001", "만수3동", ("550", "561"), ("만수3동", "만수4동", "만수5동"), ("part_time", "regular"), DAY, WEEK5, 12_000),
    S("seeker2", "이정훈", 1999, "010-7100-0002", "논현1동", ("813", "890", "623"), ("논현고잔동", "남촌도림동", "논현1동"), ("regular",), ("day", "rotating"), WEEK5, 12_500),
    S("seeker3", "박미경", 1983, "010-7100-0003", "구월2동", ("232", "029", "532"), (), ("part_time",), DAY, WEEK5, 11_000),
    S("seeker4", "최영호", 1961, "010-7100-0004", "간석3동", ("542", "561"), (), ("contract", "regular"), ("day", "night"), ALL7, 10_320),
    S("seeker5", "정하늘", 1996, "010-7100-0005", "서창2동", ("026", "027", "028"), (), ("regular",), DAY, WEEK5, 13_000),
    S("", "한옥순", 1954, "010-7200-0001", "만수1동", ("561", "532"), ("만수1동", "만수2동"), ("part_time",), DAY, WEEK5, None, "만수1동"),
    S("", "오춘식", 1957, "010-7200-0002", "간석4동", ("542", "890"), (), ("contract",), ("day", "night"), ALL7, None, "간석4동"),
    S("", "응우옌 티 란", 1990, "010-7200-0003", "논현고잔동", ("890", "836", "872"), ("논현고잔동", "남촌도림동"), ("regular", "part_time"), DAY, WEEK5, 10_320, "논현고잔동"),
)
