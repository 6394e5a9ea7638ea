import pytest

from employers.brn import brn_digits, brn_is_valid, format_brn, normalize_company_name, validate_brn


def test_every_real_registered_number_passes(shared_data):
    numbers = [
        line.strip()
        for line in (shared_data / "brn_registered_sample.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(numbers) >= 50
    assert all(brn_is_valid(n) for n in numbers), [n for n in numbers if not brn_is_valid(n)]


def test_one_changed_digit_fails(shared_data):
    number = (shared_data / "brn_registered_sample.txt").read_text().split()[0]
    for position in range(10):
        changed = number[:position] + str((int(number[position]) + 1) % 10) + number[position + 1 :]
        assert not brn_is_valid(changed), changed


@pytest.mark.parametrize("bad", ["", "123", "12345678901", "abcdefghij", "123-45-6789a"])
def test_malformed_numbers_fail(bad):
    assert not brn_is_valid(bad)


def test_dashes_are_accepted_and_formatted():
    assert brn_is_valid("101-81-32170") is brn_is_valid("1018132170")
    assert format_brn("1018132170") == "101-81-32170"


def test_validator_message_is_korean():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="사업자등록번호"):
        validate_brn("1234567890")


@pytest.mark.parametrize(
    "name",
    ["(주)프티스", "㈜프티스", "주식회사 프티스", "프티스(주)", "（주）프티스", "프티스 주식회사", "프티스(주）"],
)
def test_company_forms_normalise_to_one_key(name):
    assert normalize_company_name(name) == "프티스"


def test_zeros_and_unusual_spellings():
    """ "0000000000" passes the weighted sum but is no number; full-width digits and en dashes
    (pasted from word processors) are read as the plain number."""
    assert not brn_is_valid("0000000000")
    assert not brn_is_valid("000-81-00007")
    assert brn_is_valid("１３１–８１–９２０１２") == brn_is_valid("131-81-92012")
    assert brn_digits("１３１–８１–９２０１２") == "1318192012"
