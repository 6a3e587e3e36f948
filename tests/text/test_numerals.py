"""Chinese and Arabic numerals as speech headers and headings write them."""

from __future__ import annotations

import pytest

from build_tools.text.numerals import parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("兩千", 2000),
        ("一萬二千", 12000),
        ("二〇二〇", 2020),
        ("12", 12),
        ("１２", 12),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_not_a_numeral_raises_value_error_naming_the_text() -> None:
    with pytest.raises(ValueError, match="'abc'"):
        parse_number("abc")
