"""Tests for build_tools.decode: encoding detection, newline normalisation and decode errors."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from build_tools import decode
from build_tools.decode import Decoded, DecodeError, decode_bytes, read_source

TRADITIONAL = "第一篇:全縣脫貧攻堅講話\n同志們:\n今天,我們隆重召開大會。\n"
SIMPLIFIED = "第一篇:全县脱贫攻坚讲话\n同志们:\n今天,我们隆重召开大会。\n"
SEED = Path(__file__).resolve().parent.parent / "sources" / "000_a0dc2aa1bc4bc1e3.txt"

# (how the bytes are made, encoding the rule must report)
ENCODERS = {
    "utf-8": (lambda s: s.encode("utf-8"), "utf-8"),
    "utf-8 with BOM": (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8-sig"),
    "gb18030": (lambda s: s.encode("gb18030"), "gb18030"),
    "big5": (lambda s: s.encode("big5"), "big5"),
    "utf-16 LE with BOM": (lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), "utf-16"),
    "utf-16 BE with BOM": (lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16"),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("label", list(ENCODERS))
def test_traditional_sample_round_trips(label: str, newline: str) -> None:
    encode, expected_encoding = ENCODERS[label]
    data = encode(TRADITIONAL.replace("\n", newline))

    result = decode_bytes(data, "sources/a.txt")

    assert result == Decoded(text=TRADITIONAL, encoding=expected_encoding)


def test_big5_sample_also_decodes_as_gb18030_so_the_tie_break_is_exercised() -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # both legacy codecs accept it: charset_normalizer must choose
    assert decode_bytes(data, "a.txt").encoding == "big5"


def test_tie_break_falls_back_to_gb18030_when_charset_normalizer_has_no_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NoAnswer:
        def best(self) -> None:
            return None

    monkeypatch.setattr(decode, "from_bytes", lambda *args, **kwargs: NoAnswer())
    data = TRADITIONAL.encode("big5")

    result = decode_bytes(data, "a.txt")

    assert result == Decoded(text=data.decode("gb18030"), encoding="gb18030")


def test_simplified_sample_in_gb18030() -> None:
    result = decode_bytes(SIMPLIFIED.encode("gb18030"), "a.txt")
    assert result == Decoded(text=SIMPLIFIED, encoding="gb18030")


def test_invalid_bytes_report_line_offset_and_hint() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"abc\n\xff\xff\xff\n", "sources/a.txt")

    err = info.value
    assert (err.path, err.line, err.byte_offset) == ("sources/a.txt", 2, 4)
    assert str(err) == (
        "sources/a.txt:2: cannot decode byte 0xff at byte offset 4: "
        "not UTF-8, GB18030 or Big5; name the encoding with --encoding"
    )
    assert "\n" not in str(err)


def test_invalid_byte_line_counts_crlf_and_lone_cr_as_one_break_each() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"a\r\nb\rc\n\xff", "a.txt")
    assert (info.value.line, info.value.byte_offset) == (4, 7)


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b" \r\n\t\n"])
def test_empty_file_is_an_error(data: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "empty.txt")
    assert (info.value.line, info.value.byte_offset) == (1, 0)
    assert str(info.value) == "empty.txt:1: empty file: expected speech text"


def test_utf16_without_bom_is_rejected_at_the_first_nul() -> None:
    data = "ab\ncd\n".encode("utf-16-le")  # ASCII in UTF-16 is valid UTF-8 full of NULs

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt")

    assert (info.value.line, info.value.byte_offset) == (1, 1)
    assert "U+0000" in str(info.value) and "--encoding" in str(info.value)


def test_control_character_position_is_in_bytes_of_the_source_encoding() -> None:
    data = "講話\r\n同志\x01們\n".encode("gb18030")  # 4 + 2 + 4 bytes before the control

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt")

    assert (info.value.line, info.value.byte_offset) == (2, 10)
    assert data[info.value.byte_offset] == 0x01


def test_control_character_offset_counts_the_bom() -> None:
    data = codecs.BOM_UTF16_LE + "a\nb\x00".encode("utf-16-le")

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt")

    assert (info.value.line, info.value.byte_offset) == (2, 8)


def test_control_character_offset_without_bom_under_explicit_utf16() -> None:
    data = "ab\x00".encode("utf-16-le")  # the utf-16 codec would add a BOM on re-encode

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt", encoding="utf-16")

    assert (info.value.line, info.value.byte_offset) == (1, 4)


def test_tab_is_allowed() -> None:
    assert decode_bytes(b"a\tb\n", "a.txt").text == "a\tb\n"


def test_explicit_encoding_overrides_detection() -> None:
    data = TRADITIONAL.encode("big5")
    as_gb18030 = decode_bytes(data, "a.txt", encoding="gb18030")
    assert as_gb18030.encoding == "gb18030"
    assert as_gb18030.text != TRADITIONAL

    assert decode_bytes(data, "a.txt", encoding="big5") == Decoded(TRADITIONAL, "big5")


def test_explicit_encoding_name_is_normalised_and_bom_removed() -> None:
    data = codecs.BOM_UTF8 + TRADITIONAL.replace("\n", "\r\n").encode("utf-8")
    assert decode_bytes(data, "a.txt", encoding="UTF8") == Decoded(TRADITIONAL, "utf-8")


def test_explicit_encoding_that_does_not_fit_is_an_error() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"ab\r\n\x80\n", "a.txt", encoding="big5")  # 0x80 is no Big5 lead byte
    assert (info.value.line, info.value.byte_offset) == (2, 4)
    assert "not valid big5" in str(info.value) and "--encoding" in str(info.value)


@pytest.mark.parametrize("name", ["no-such-codec", "base64"])
def test_unknown_encoding_name(name: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"abc\n", "a.txt", encoding=name)
    assert (info.value.line, info.value.byte_offset) == (0, 0)
    assert f"unknown encoding '{name}'" in str(info.value)


def test_read_source_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    path.write_bytes(TRADITIONAL.replace("\n", "\r\n").encode("big5"))

    assert read_source(path) == Decoded(TRADITIONAL, "big5")
    with pytest.raises(DecodeError) as info:
        read_source(path, encoding="no-such-codec")
    assert info.value.path == str(path)


def test_chosen_encoding_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="build_tools.decode"):
        decode_bytes(SIMPLIFIED.encode("gb18030"), "sources/s.txt")
    assert "sources/s.txt: decoded as gb18030" in caplog.text


def test_seed_file_decodes_as_utf8() -> None:
    result = read_source(SEED)

    assert result.encoding == "utf-8"
    assert result.text.startswith("第一篇:全縣脫貧攻堅")
    assert not result.text.endswith("\n")  # so the line count is newlines + 1
    assert result.text.count("\n") + 1 == 221
    assert len(result.text.splitlines()) == 221


def test_seed_file_survives_gb18030_with_crlf() -> None:
    text = read_source(SEED).text
    data = text.replace("\n", "\r\n").encode("gb18030")

    assert decode_bytes(data, "seed-gb.txt") == Decoded(text, "gb18030")
