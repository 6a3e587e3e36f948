"""Tests for build_tools.text.decode: encoding detection, newline normalisation and decode errors."""

from __future__ import annotations

import codecs
import logging
import random
from pathlib import Path

import pytest

from build_tools.text import decode
from build_tools.text.corpus import load_collection, parse_bytes
from build_tools.text.decode import Decoded, DecodeError, Implausible, decode_bytes, read_source

TRADITIONAL = "第一篇:全縣脫貧攻堅講話\n同志們:\n今天,我們隆重召開大會。\n"
SIMPLIFIED = "第一篇:全县脱贫攻坚讲话\n同志们:\n今天,我们隆重召开大会。\n"
SEED = Path(__file__).resolve().parents[2] / "sources" / "000_a0dc2aa1bc4bc1e3.txt"
SPANISH = "El niño y el señor\n"
JAPANESE = "日本は東アジアに位置する島国である。首都は東京で、人口はおよそ一億二千万人である。\n"
KOREAN = (
    "대한민국은 동아시아의 한반도 남부에 위치한 민주공화국이다. 수도는 서울특별시이며, "
    "국기는 태극기, 국가는 애국가이다.\n한국어를 공용어로 사용하며 한글을 문자로 쓴다.\n"
)
RUSSIAN = "Привет, как дела? Это текст на русском языке.\n"

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


class NoAnswer:
    """Stands in for ``charset_normalizer.from_bytes`` finding nothing."""

    def best(self) -> None:
        return None

    def __iter__(self):
        return iter(())


# "縣講話" in Big5 is "郡量杠" in GB18030: common characters either way, so only
# charset_normalizer can choose.
BOTH_PLAUSIBLE = "縣講話\n"


def test_tie_break_by_charset_normalizer_when_both_legacy_decodes_are_plausible() -> None:
    data = BOTH_PLAUSIBLE.encode("big5")
    assert decode.implausibility(data.decode("gb18030")) is None

    assert decode_bytes(data, "a.txt") == Decoded(BOTH_PLAUSIBLE, "big5")


def test_tie_break_falls_back_to_gb18030_when_charset_normalizer_has_no_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(decode, "from_bytes", lambda *args, **kwargs: NoAnswer())
    data = BOTH_PLAUSIBLE.encode("big5")

    result = decode_bytes(data, "a.txt")

    assert result == Decoded(text="郡量杠\n", encoding="gb18030")


def test_implausible_gb18030_reading_of_big5_loses_before_any_tie_break(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(decode, "from_bytes", lambda *args, **kwargs: NoAnswer())
    data = TRADITIONAL.encode("big5")
    as_gb18030 = data.decode("gb18030")  # decodes, but into private-use and rare characters

    verdict = decode.implausibility(as_gb18030)

    assert verdict is not None and "non-ASCII characters are rare or not Chinese" in verdict.reason
    assert decode_bytes(data, "a.txt") == Decoded(TRADITIONAL, "big5")


def test_simplified_sample_in_gb18030() -> None:
    result = decode_bytes(SIMPLIFIED.encode("gb18030"), "a.txt")
    assert result == Decoded(text=SIMPLIFIED, encoding="gb18030")


def test_invalid_bytes_report_line_offset_and_hint() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"abc\n\xff\xff\xff\n", "sources/a.txt")

    err = info.value
    assert (err.path, err.line, err.byte_offset) == ("sources/a.txt", 2, 4)
    assert str(err).startswith(
        "sources/a.txt:2: cannot decode byte 0xff at byte offset 4: not UTF-8, GB18030 or Big5; "
    )
    assert "name the encoding with --encoding" in str(err)
    assert "\n" not in str(err)


def test_undecodable_bytes_name_the_codec_charset_normalizer_finds() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(RUSSIAN.encode("cp1251"), "ru.txt")

    assert str(info.value) == (
        "ru.txt:1: cannot decode byte 0xcf at byte offset 0: not UTF-8, GB18030 or Big5; "
        "looks like cp1251; name the encoding with --encoding cp1251 if that is right"
    )


def test_undecodable_bytes_without_a_guess_keep_the_plain_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(decode, "from_bytes", lambda *args, **kwargs: NoAnswer())
    with pytest.raises(DecodeError) as info:
        decode_bytes(RUSSIAN.encode("cp1251"), "ru.txt")
    assert str(info.value).endswith("not UTF-8, GB18030 or Big5; name the encoding with --encoding")


# ---------------------------------------------------------- legacy decodes that are not Chinese


def test_cp1252_text_read_as_gb18030_is_refused_naming_cp1252() -> None:
    data = SPANISH.encode("cp1252")  # decodes strictly as GB18030 and as Big5 too

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "sources/es.txt")

    err = info.value
    assert str(err) == (
        "sources/es.txt:1: not Chinese text when read as gb18030: 2 of 2 non-ASCII characters "
        "are rare or not Chinese (first U+99C9 駉); "
        "looks like cp1252; name the encoding with --encoding cp1252 if that is right"
    )
    assert (err.line, err.byte_offset) == (1, 5)
    assert data[err.byte_offset] == 0xF1  # the ñ that became the first mojibake


def test_latin_text_read_as_big5_is_refused_for_its_few_han_letters() -> None:
    as_big5 = SPANISH.encode("cp1252").decode("big5")  # "El ni隳 y el se隳r": common Han

    assert decode.implausibility(as_big5) == Implausible(
        "only 2 of 12 letters are Chinese characters", as_big5.index("隳")
    )


def test_pinyin_readings_do_not_count_against_the_han_share_of_letters() -> None:
    annotated = "堅(jiān)決(jué)戰(zhàn)勝(shèng)\n"  # 4 Han, 17 pinyin letters

    assert decode.implausibility(annotated) is None
    assert decode.implausibility(annotated.replace("(", "[").replace(")", "]")) is not None


def test_explicit_cp1252_is_trusted() -> None:
    data = SPANISH.encode("cp1252")
    assert decode_bytes(data, "es.txt", encoding="cp1252") == Decoded(SPANISH, "cp1252")


def test_shift_jis_text_is_refused_naming_cp932() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(JAPANESE.encode("shift_jis"), "ja.txt")

    message = str(info.value)
    assert message.startswith("ja.txt:1: not Chinese text when read as gb18030: ")
    assert "31 of 41 non-ASCII characters are rare or not Chinese" in message
    assert message.endswith(
        "looks like cp932; name the encoding with --encoding cp932 if that is right"
    )


def test_euc_kr_text_is_refused_for_lacking_frequent_characters() -> None:
    data = KOREAN.encode("euc_kr")
    as_gb18030 = data.decode("gb18030")  # every character a common one: only frequency tells
    assert not decode._unexpected_characters(as_gb18030)

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "ko.txt")

    assert str(info.value) == (
        "ko.txt:1: not Chinese text when read as gb18030: only 0 of 70 Chinese characters "
        "are among the 100 most frequent; "
        "looks like cp949; name the encoding with --encoding cp949 if that is right"
    )


def test_frequency_is_not_judged_on_fewer_than_50_han() -> None:
    few = "郡量杠" * 16  # 48 common characters, none of them frequent
    assert decode.implausibility(few) is None
    assert decode.implausibility(few + "郡量") == Implausible(
        "only 0 of 50 Chinese characters are among the 100 most frequent", 0
    )


def test_legacy_text_without_han_is_refused() -> None:
    text = "abc ︰ ︰\n"  # two full-width presentation forms, no Han at all
    assert decode.implausibility(text) == Implausible("no Chinese characters", 4)


def test_random_bytes_that_happen_to_decode_are_refused() -> None:
    rng = random.Random(20240601)
    decodable = []
    while len(decodable) < 20:
        data = bytes(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x100)))
                     for _ in range(32))
        if any(decode._try_decode(data, codec) is not None for codec in decode.LEGACY_CANDIDATES):
            decodable.append(data)

    for data in decodable:
        with pytest.raises(DecodeError, match="not Chinese text when read as"):
            decode_bytes(data, "random.bin")


# ------------------------------------------------------------------------------ binary files


def test_png_header_is_not_a_text_file() -> None:
    data = bytes.fromhex("89504e470d0a1a0a0000000d49484452")

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.png")

    assert str(info.value) == (
        "a.png:2: not a text file: byte 0x1a at byte offset 6; "
        "if it is text, name the encoding with --encoding"
    )


def test_nul_in_otherwise_chinese_text_is_not_a_text_file() -> None:
    data = "講話\n同志們\x00\n".encode("gb18030")

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt")

    assert (info.value.line, info.value.byte_offset) == (2, 11)
    assert "not a text file: byte 0x00 at byte offset 11" in str(info.value)


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
    assert str(info.value) == (
        "a.txt:1: not a text file: byte 0x00 at byte offset 1; "
        "if it is text, name the encoding with --encoding"
    )


def test_control_character_position_is_in_bytes_of_the_source_encoding() -> None:
    data = "講話\r\n同志\x01們\n".encode("gb18030")  # 4 + 2 + 4 bytes before the control

    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt", encoding="gb18030")  # named: the binary check is skipped

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
    with caplog.at_level(logging.DEBUG, logger="build_tools.text.decode"):
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


def test_seed_file_survives_big5() -> None:
    text = read_source(SEED).text
    # Big5 has no tone-marked pinyin letters and few simplified characters: a converter
    # writes "?" for those, as here.
    big5_text = text.encode("big5", errors="replace").decode("big5")
    assert 3000 < big5_text.count("?") - text.count("?") < 5000  # the seed really was cut

    assert decode_bytes(big5_text.encode("big5"), "seed-big5.txt") == Decoded(big5_text, "big5")


# ------------------------------------------------------------ what loading records about it


def test_collection_records_the_codec_and_keeps_the_source(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))

    collection = load_collection(path)

    assert collection.encoding == "big5"
    assert collection.source == TRADITIONAL
    assert parse_bytes(SIMPLIFIED.encode("gb18030"), "s.txt").encoding == "gb18030"
    assert parse_bytes(SIMPLIFIED.encode("utf-8"), "s.txt").encoding == "utf-8"
    assert parse_bytes(SPANISH.encode("cp1252"), "es.txt", "cp1252").encoding == "cp1252"


def test_text_without_han_loads_with_a_warning() -> None:
    text = "Speech one\nThank you all for coming today.\n"

    collection = parse_bytes(text.encode("utf-8"), "sources/en.txt")

    assert collection.source == text
    assert str(collection.warnings[0]) == "sources/en.txt:1:1: no Chinese characters in this file"


def test_chinese_text_has_no_han_warning() -> None:
    collection = parse_bytes(TRADITIONAL.encode("utf-8"), "sources/zh.txt")
    assert not any("no Chinese characters" in str(w) for w in collection.warnings)
