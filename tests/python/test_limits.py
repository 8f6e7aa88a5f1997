"""Bad input through Python (issue 11): every error is a framelens exception naming the file, the position
and what to do - never RuntimeError, IndexError, RecursionError, _csv.Error or a library's message."""
from __future__ import annotations

import gzip

import pytest

import framelens


def test_jsonl_number_out_of_range_is_a_format_error(tmp_path):
    p = tmp_path / "num.jsonl"
    p.write_text('{"text": "a"}\n{"text": "b", "n": 1e999}\n', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"num\.jsonl: line 2: the number '1e999' at byte 33 is out of range"):
        framelens.read(p)
    q = tmp_path / "first.jsonl"  # the first record: the field look-up fails the same way
    q.write_text('{"content": "b", "n": -1e999}\n', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"first\.jsonl: line 1: the number '-1e999' at byte 22"):
        framelens.read(q)
    j = tmp_path / "num.json"
    j.write_text('[{"content": "b", "n": 1E400}]', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"num\.json: the number '1E400' at byte 23"):
        framelens.read(j)


def test_deeply_nested_record_is_a_format_error_not_recursion(tmp_path):
    p = tmp_path / "deep.jsonl"
    p.write_text('{"text": "a", "x": ' + "[" * 200000 + "\n", encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"deep\.jsonl: line 1: JSON nested more than 256 levels deep .* at byte 274"):
        framelens.read(p)


def test_gzip_bomb_without_newlines_stops_at_the_document_limit(tmp_path):
    p = tmp_path / "bomb.jsonl.gz"
    with gzip.open(p, "wb", compresslevel=9) as f:
        for _ in range(8):
            f.write(b"a" * (1 << 20))
    with pytest.raises(framelens.FormatError, match=r"bomb\.jsonl\.gz: line 1 is longer than 1\.0 MB \(max_document_bytes"):
        framelens.read(p, max_document_bytes=1 << 20)
    with pytest.raises(framelens.FormatError, match=r"max_input_bytes, the limit for one input file"):
        framelens.read(p, max_input_bytes=4 << 20)
    t = tmp_path / "page.txt.gz"
    t.write_bytes(p.read_bytes())
    with pytest.raises(framelens.FormatError, match=r"page\.txt\.gz: decompresses to more than 1\.0 MB"):
        framelens.read(t, max_document_bytes=1 << 20)
    with pytest.raises(framelens.InvalidArgumentError, match="max_document_bytes must be a positive"):
        framelens.read(t, max_document_bytes=0)


def test_csv_wide_header_field_is_read(tmp_path):
    big = "h" * (128 << 10)
    p = tmp_path / "wide.csv"
    p.write_text(f"text,{big}\nhello,world\n", encoding="utf-8")
    c = framelens.read(p)
    assert c[0].text == "hello" and c[0].metadata[big] == "world"


@pytest.mark.parametrize(
    "row, shown",
    [('"x"\ry', r"'\\r' after the closing quote"), ('"a"b"c"', "'b' after the closing quote of a quoted field")],
)
def test_csv_text_after_closing_quote_is_reported(tmp_path, row, shown):
    p = tmp_path / "q.csv"
    p.write_bytes(f"text\n{row}\n".encode())
    with pytest.raises(framelens.FormatError, match=r"q\.csv: line 2, byte 8: " + shown + r".*must be doubled"):
        framelens.read(p)


def test_csv_crlf_after_quoted_field_is_a_line_end(tmp_path):
    p = tmp_path / "ok.csv"
    p.write_bytes(b'text,outlet\r\n"one ""two""",A\r\n"three\r\nfour",B\r\n')
    c = framelens.read(p, clean=False)
    assert [d.text for d in c] == ['one "two"', "three\r\nfour"]
    assert c.outlets == ["A", "B"]


@pytest.mark.parametrize(
    "text",
    ["24 Nov 2016 10:11 +9944", "24 Nov 2016 10:11 +19:00", "24 Nov 2016 10:11 GMT+18:30", "2016-11-00",
     "0000-11-24", "0 May 2016", "2016年11月0日", "24 Nov 2016 10:11:60"],
)
def test_impossible_dates_are_not_dates(text):
    assert framelens.parse_date(text) is None


def test_offsets_within_18_hours_are_kept():
    assert framelens.parse_date("24 Nov 2016 10:11 +1400")["iso"] == "2016-11-24T10:11:00+14:00"
    assert framelens.parse_date("24 Nov 2016 10:11 -12:00")["offset_minutes"] == -720


def test_html_gzip_bomb_and_damaged_gzip_are_format_errors(tmp_path):
    pytest.importorskip("trafilatura")
    bomb = tmp_path / "page.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * (4 << 20), compresslevel=9))
    with pytest.raises(framelens.FormatError, match=r"page\.html\.gz: is larger than 1\.0 MB \(max_document_bytes"):
        framelens.read(bomb, max_document_bytes=1 << 20)
    broken = tmp_path / "broken.html"
    broken.write_bytes(gzip.compress(b"<p>text</p>" * 100)[:30])
    with pytest.raises(framelens.FormatError, match=r"broken\.html: cannot decompress .*damaged or truncated"):
        framelens.read_html(broken)
