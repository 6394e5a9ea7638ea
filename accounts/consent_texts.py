"""The texts shown when asking for each consent (개인정보 보호법 §15②, §17②, §22, §23):
purpose, items, retention period, the right to refuse and what refusing means.

``CONSENT_VERSION`` names the text; a consent row stores the version it was given with.
Change the version whenever a text changes (old rows keep the old version)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import ConsentPurpose

#: Version of the texts below (stored on every :class:`accounts.models.Consent`).
CONSENT_VERSION = "2026-11-v1"
#: Retention of a seeker's record with no activity (DESIGN.md "Privacy": two years).
RETENTION_YEARS = 2


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    title: str
    required: bool
    use: str
    items: str
    retention: str
    refusal: str


CONSENT_TEXTS: dict[str, ConsentText] = {
    ConsentPurpose.COLLECTION: ConsentText(
        purpose=ConsentPurpose.COLLECTION,
        title=_("개인정보 수집·이용 동의 (필수)"),
        required=True,
        use=_("구직 등록, 일자리 검색·지원, 지원 결과 안내, 취업 상담과 알선"),
        items=_(
            "이름, 출생 연도, 휴대전화번호, 이메일, 거주 행정동, 희망 근무 조건, 학력, 경력, 자격·면허, "
            "가능 언어, 자기소개, 이력서 파일"
        ),
        retention=_("마지막 이용일로부터 2년 (탈퇴하면 바로 파기)"),
        refusal=_("동의하지 않을 수 있습니다. 동의하지 않으면 회원 가입과 온라인 지원을 할 수 없습니다."),
    ),
    ConsentPurpose.PROVISION: ConsentText(
        purpose=ConsentPurpose.PROVISION,
        title=_("지원·알선 기업에 개인정보 제공 동의 (선택)"),
        required=False,
        use=_("지원하거나 알선받은 기업의 채용 심사와 연락"),
        items=_(
            "이름, 출생 연도, 휴대전화번호, 이메일, 거주 행정동, 학력, 경력, 자격·면허, 가능 언어, 자기소개, 이력서 파일"
        ),
        retention=_("받는 기업: 채용 절차가 끝날 때까지 (채용절차법 §11에 따라 반환·파기)"),
        refusal=_(
            "동의하지 않을 수 있습니다. 동의하지 않으면 온라인 지원과 센터 알선을 할 수 없고, "
            "검색과 알림은 그대로 이용할 수 있습니다."
        ),
    ),
    ConsentPurpose.SENSITIVE: ConsentText(
        purpose=ConsentPurpose.SENSITIVE,
        title=_("민감정보 처리 동의 (선택)"),
        required=False,
        use=_(
            "장애인·경력단절여성·다문화가족·북한이탈주민 우대 공고 추천과, 본인이 원할 때 지원 기업에 우대 대상임을 알림"
        ),
        items=_("장애 여부 등 본인이 신고한 취약계층 해당 여부"),
        retention=_("동의를 철회하거나 탈퇴할 때까지 (철회하면 바로 삭제)"),
        refusal=_(
            "동의하지 않을 수 있습니다. 동의하지 않으면 우대 공고 추천을 받을 수 없고, 다른 서비스는 그대로 이용할 수 있습니다."
        ),
    ),
    ConsentPurpose.NOTIFICATIONS: ConsentText(
        purpose=ConsentPurpose.NOTIFICATIONS,
        title=_("일자리 알림 수신 동의 (선택)"),
        required=False,
        use=_("희망 조건에 맞는 새 공고를 이메일·문자·사이트 알림함으로 안내"),
        items=_("이름, 휴대전화번호, 이메일, 희망 근무 조건"),
        retention=_("동의를 철회하거나 탈퇴할 때까지"),
        refusal=_(
            "동의하지 않을 수 있습니다. 동의하지 않으면 맞춤 일자리 알림을 받을 수 없습니다. 지원 결과 안내는 그대로 받습니다."
        ),
    ),
}
