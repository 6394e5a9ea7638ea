"""Normalisation of the identifiers a person logs in with: email addresses and Korean
mobile numbers (E.164, via the phonenumbers library)."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext


def normalize_email(value: str) -> str:
    """Return ``value`` stripped and lower-cased (addresses are compared case-insensitively).

    Raises ``ValidationError`` (Korean message) when it is not an email address.
    """
    value = (value or "").strip().lower()
    validate_email(value)
    return value


def normalize_mobile(value: str) -> str:
    """Return a Korean mobile number in E.164 form, e.g. ``"010-1234-5678"`` →
    ``"+821012345678"``.

    Accepts the usual spellings (spaces, dashes, ``+82``). Raises ``ValidationError`` with a
    Korean message when the number is not a valid Korean mobile number (010, 011, 016–019).
    """
    raw = (value or "").strip()
    try:
        number = phonenumbers.parse(raw, "KR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("휴대전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678", code="invalid_phone") from exc
    if (
        number.country_code != 82
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise ValidationError("올바른 휴대전화번호가 아닙니다. 예: 010-1234-5678", code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mobile_number_clean(value: str) -> str:
    """A Korean mobile number in E.164 (``"+821012345678"``), or ``ValidationError`` with a
    Korean message that says what is wrong: a landline, an internet or business number, a
    foreign number, or the wrong number of digits."""
    raw = (value or "").strip()
    example = gettext("010-1234-5678 처럼 입력해 주세요.")
    try:
        number = phonenumbers.parse(raw, "KR")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            gettext("휴대전화번호는 숫자로 입력해 주세요.") + " " + example, code="invalid_phone"
        ) from None
    if number.country_code != 82:
        raise ValidationError(gettext("국내 휴대전화번호만 쓸 수 있습니다.") + " " + example, code="invalid_phone")
    kind = phonenumbers.number_type(number)
    if phonenumbers.is_valid_number(number) and kind != phonenumbers.PhoneNumberType.MOBILE:
        if kind == phonenumbers.PhoneNumberType.FIXED_LINE:
            message = gettext(
                "집이나 사무실 전화(유선 전화) 번호는 쓸 수 없습니다. 문자를 받을 수 있는 휴대전화번호를 입력해 주세요."
            )
        else:
            message = gettext(
                "인터넷 전화나 대표 번호는 쓸 수 없습니다. 문자를 받을 수 있는 휴대전화번호를 입력해 주세요."
            )
        raise ValidationError(message + " " + example, code="not_mobile")
    national = str(number.national_number)
    if not phonenumbers.is_valid_number(number) and national.startswith("1"):
        raise ValidationError(
            gettext("휴대전화번호의 자릿수가 맞지 않습니다. 010으로 시작하는 11자리 번호를 확인해 주세요.")
            + " "
            + example,
            code="invalid_phone",
        )
    return normalize_mobile(raw)


def format_mobile(e164: str) -> str:
    """Format an E.164 Korean number for display: ``"+821012345678"`` → ``"010-1234-5678"``."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "KR")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def mask_mobile(e164: str) -> str:
    """Mask a number for lists (DESIGN.md privacy): ``"+821012345678"`` → ``"010-****-5678"``."""
    national = format_mobile(e164)
    parts = national.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    return "*" * max(len(national) - 4, 0) + national[-4:]


def is_email(identifier: str) -> bool:
    """True if a login identifier looks like an email address (contains ``@``)."""
    return "@" in (identifier or "")


def axes_username(request, credentials: dict | None) -> str:
    """django-axes ``AXES_USERNAME_CALLABLE``: the key that login failures are counted under.

    For an existing account it is ``"account:<id>"``, so wrong passwords typed with the
    account's email and with its phone number count together (5 per account and IP, not 5
    per spelling), and the security log holds an id rather than a copy of the identifier.
    For an unknown identifier it is the normalised identifier. Returns ``""`` when none was
    given; never raises.
    """
    from .models import User  # models import this module

    raw = ""
    if credentials:
        raw = credentials.get("username") or ""
    elif request is not None:
        raw = request.POST.get("username", "")
    raw = str(raw).strip()
    if not raw:
        return ""
    try:
        return f"account:{User.objects.get_by_natural_key(raw).pk}"
    except User.DoesNotExist:
        pass
    try:
        return normalize_email(raw) if is_email(raw) else normalize_mobile(raw)
    except ValidationError:
        return raw.lower()[:254]
