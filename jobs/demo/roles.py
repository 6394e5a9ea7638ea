"""Job roles and working schedules of the demo postings (``seed_demo``): titles, KECO minor
codes, wages that respect the 2026 minimum wage (10,320 KRW/h), duties and qualifications."""
# ruff: noqa: E501 - a table of Korean text, one record per line (Hangul counts double width)

from dataclasses import dataclass


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
