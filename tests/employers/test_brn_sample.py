"""Real registered business registration numbers (``brn_registered_sample.txt`` in
``NJ_SHARED_DATA``) pass the National Tax Service check, with or without dashes; any single
changed digit fails."""

import pytest
from django.core.exceptions import ValidationError

from employers.brn import brn_is_valid, format_brn, validate_brn

pytestmark = pytest.mark.shared_data

BRN_MESSAGE = "사업자등록번호가 올바르지 않습니다. 10자리 숫자(예: 123-45-67890)와 검증번호를 확인해 주세요."


@pytest.fixture
def registered(shared_data) -> list[str]:
    lines = (shared_data / "brn_registered_sample.txt").read_text(encoding="utf-8").splitlines()
    numbers = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    assert numbers, "brn_registered_sample.txt has no numbers"
    return numbers


def _changed(number: str, position: int, digit: str) -> str:
    return number[:position] + digit + number[position + 1 :]


def test_sample_numbers_are_ten_digits(registered):
    assert all(len(n) == 10 and n.isdigit() for n in registered), [n for n in registered if len(n) != 10]


def test_every_registered_number_passes_without_dashes(registered):
    failing = [n for n in registered if not brn_is_valid(n)]
    assert failing == []
    for number in registered:
        validate_brn(number)  # no exception


def test_every_registered_number_passes_with_dashes(registered):
    dashed = [format_brn(n) for n in registered]
    assert all(d.count("-") == 2 and len(d) == 12 for d in dashed)
    assert [d for d in dashed if not brn_is_valid(d)] == []
    for number in dashed:
        validate_brn(number)
        validate_brn(f" {number} ".replace("-", " - "))  # spaces around dashes too


def test_changing_the_check_digit_fails(registered):
    for number in registered:
        for digit in "0123456789":
            if digit == number[9]:
                continue
            changed = _changed(number, 9, digit)
            assert not brn_is_valid(changed), changed
            assert not brn_is_valid(format_brn(changed)), changed


def test_changing_any_other_single_digit_fails(registered):
    """Every position, every other digit: the weights 1, 3, 7 and the ninth digit's
    5·d + ⌊5·d/10⌋ are all distinct modulo 10, so no single change keeps the check digit."""
    for number in registered:
        for position in range(9):
            for digit in "0123456789":
                if digit == number[position]:
                    continue
                changed = _changed(number, position, digit)
                assert not brn_is_valid(changed), (number, position, changed)


def test_validate_brn_refuses_a_changed_number_in_korean(registered):
    number = registered[0]
    changed = _changed(number, 4, str((int(number[4]) + 1) % 10))
    with pytest.raises(ValidationError) as info:
        validate_brn(format_brn(changed))
    assert info.value.messages == [BRN_MESSAGE]
    assert info.value.error_list[0].code == "invalid_brn"
