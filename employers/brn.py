"""사업자등록번호 (business registration number, ``brn``) checks and company-name
normalisation used to find an employer again."""

import re
import unicodedata

from django.core.exceptions import ValidationError

_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def brn_digits(value: str) -> str:
    """Full-width digits made plain (NFKC), dashes of any kind and spaces stripped:
    ``"123-45-67890"``, ``"１２３–４５–６７８９０"`` → ``"1234567890"``."""
    text = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63]", "", text)


def brn_is_valid(value: str) -> bool:
    """True if ``value`` (dashes allowed) is a 10-digit brn whose check digit is right.

    National Tax Service rule: weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus
    ⌊5·d9/10⌋; the check digit is (10 − sum mod 10) mod 10. python-stdnum's ``kr.brn``
    checks the format only. The 3-digit tax office code and the 2-digit type code that open
    the number are never all zeros.
    """
    digits = brn_digits(value)
    if not re.fullmatch(r"[0-9]{10}", digits):
        return False
    if digits[:3] == "000" or digits[3:5] == "00":
        return False  # no tax office 000 and no type code 00, yet "0000000000" passes the sum
    return brn_check_digit(digits[:9]) == digits[9]


def brn_check_digit(first9: str) -> str:
    """The check digit (one character) for the first nine digits of a brn, by the National Tax
    Service rule in :func:`brn_is_valid`. Raises ``ValueError`` unless given nine digits."""
    if not re.fullmatch(r"[0-9]{9}", first9 or ""):
        raise ValueError("nine digits expected")
    d = [int(c) for c in first9]
    total = sum(w * x for w, x in zip(_BRN_WEIGHTS, d, strict=True)) + (5 * d[8]) // 10
    return str((10 - total % 10) % 10)


def validate_brn(value: str) -> None:
    """Django validator: raises ``ValidationError`` (Korean) for a wrong brn."""
    if not brn_is_valid(value):
        raise ValidationError(
            "사업자등록번호가 올바르지 않습니다. 10자리 숫자(예: 123-45-67890)와 검증번호를 확인해 주세요.",
            code="invalid_brn",
        )


def format_brn(value: str) -> str:
    """``"1234567890"`` → ``"123-45-67890"``."""
    d = brn_digits(value)
    return f"{d[:3]}-{d[3:5]}-{d[5:]}" if len(d) == 10 else value


_COMPANY_FORMS = re.compile(
    r"\(\s*주\s*\)|（\s*주\s*）|㈜|주식\s*회사|\(\s*유\s*\)|㈲|유한\s*회사|\(\s*재\s*\)|재단\s*법인|\(\s*사\s*\)|사단\s*법인"
)


def normalize_company_name(name: str) -> str:
    """A key to find an employer by name: company forms ((주), ㈜, 주식회사, (유), 유한회사 …)
    removed, spaces and punctuation dropped, Latin letters lower-cased.

    ``"(주)프티스"``, ``"㈜프티스"`` and ``"주식회사 프티스"`` all give ``"프티스"``.
    """
    # NFKC first: full-width brackets and ㈜ become "(" and "(주)", so mixed forms match.
    text = _COMPANY_FORMS.sub("", unicodedata.normalize("NFKC", name or ""))
    text = re.sub(r"[\s\.\,\-_·&'\"()\[\]]", "", text)
    return text.lower()
