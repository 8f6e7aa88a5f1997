"""Bad input through Python (issue 11): every error is a framelens exception naming the file, the position
and what to do - never RuntimeError, IndexError, RecursionError, _csv.Error or a library's message."""
from __future__ import annotations

import gzip
import json

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


def test_quotes_jsonl_reads_gzip_and_names_the_line_of_bad_input(tmp_path, capsys):

    from framelens.cli import main as cli_main

    lines = [{"id": "a", "text": "“We are ready,” Mayor Ana Ruiz said."}, {"id": "b", "text": "Nobody spoke."}]
    body = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines).encode("utf-8")
    plain, packed = tmp_path / "in.jsonl", tmp_path / "in.jsonl.gz"
    plain.write_bytes(body)
    packed.write_bytes(gzip.compress(body))
    out_plain, out_packed = tmp_path / "plain.jsonl", tmp_path / "packed.jsonl"
    assert cli_main(["quotes", "--jsonl", str(plain), "-o", str(out_plain)]) == 0
    assert cli_main(["quotes", "--jsonl", str(packed), "-o", str(out_packed)]) == 0
    assert out_packed.read_bytes() == out_plain.read_bytes()
    assert json.loads(out_plain.read_text(encoding="utf-8").splitlines()[0])["quotes"][0]["sources"][0]["text"] == "Mayor Ana Ruiz"
    # a line that is not UTF-8: the file, the line and the byte are named, and nothing is written
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(body + b'{"id": "c", "text": "caf\xe9"}\n')
    with pytest.raises(framelens.EncodingError, match=r"bad\.jsonl, line 3, byte 25 of the line: not UTF-8"):
        framelens.quotes.quotes_jsonl(str(bad), str(tmp_path / "never.jsonl"))
    assert not (tmp_path / "never.jsonl").exists()
    assert cli_main(["quotes", "--jsonl", str(bad), "-o", str(tmp_path / "never.jsonl")]) == 2
    assert "line 3" in capsys.readouterr().err
    # a truncated gzip stream: the file is named with what to do
    cut = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(b"".join(json.dumps({"id": k, "text": f"Line {k} of {k * 7919 % 104729}."}).encode() + b"\n"
                                   for k in range(2000)))
    cut.write_bytes(whole[:len(whole) // 2])
    with pytest.raises(framelens.FormatError, match=r"cut\.jsonl\.gz: cannot decompress .*damaged or truncated"):
        framelens.quotes.quotes_jsonl(str(cut), str(tmp_path / "never.jsonl"))


def test_a_dense_dtm_too_large_for_memory_says_what_to_use_instead(monkeypatch):
    corpus = framelens.Corpus()
    corpus.add_texts(["Tax cut for the port.", "Flood warning for the port."], outlets=["A", "B"])
    m = corpus.dtm()

    def no_memory(*_a, **_k):
        raise MemoryError("Unable to allocate")

    monkeypatch.setattr(type(m.matrix), "toarray", no_memory)
    with pytest.raises(MemoryError, match=r"dense 2 x \d+ matrix needs .* GiB; use to_pandas\(sparse=True\)"):
        m.to_pandas()
    assert m.to_pandas(sparse=True).shape == m.shape


def test_jsonl_lines_stop_a_line_longer_than_the_document_limit(tmp_path):
    from framelens._readers import jsonl_lines

    packed = tmp_path / "bomb.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"text": "ok"}\n' + b"0" * 5000 + b"\n"))
    lines = jsonl_lines(str(packed), limit=1000)
    assert next(lines) == (1, '{"text": "ok"}\n')
    with pytest.raises(framelens.FormatError, match=r"bomb\.jsonl\.gz, line 2: longer than 0\.0 MB \(max_document_bytes"):
        next(lines)
    # a line of exactly the limit, its newline aside, is read whole
    exact = tmp_path / "exact.jsonl"
    exact.write_bytes(b"x" * 1000 + b"\n" + b"y" * 1000)
    assert [len(t) for _, t in jsonl_lines(str(exact), limit=1000)] == [1001, 1000]


def test_quotes_jsonl_names_a_lone_surrogate_escape(tmp_path):
    # "\ud800" alone is valid JSON but no Unicode text: a clear error naming the line, field and character
    # (it was a TypeError from the bindings), and nothing written.
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Ana said yes."}\n{"id": "b", "text": "He said \\ud800 no."}\n', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"bad\.jsonl, line 2: field 'text' holds a lone surrogate \\ud800 at "
                                                     r"character 8"):
        framelens.quotes.quotes_jsonl(str(bad), str(tmp_path / "never.jsonl"))
    assert not (tmp_path / "never.jsonl").exists()
    pair = tmp_path / "pair.jsonl"  # a whole pair is text
    pair.write_text('{"id": "c", "text": "\\u201cYes,\\u201d Ana said. \\ud83d\\ude00"}\n', encoding="utf-8")
    assert framelens.quotes.quotes_jsonl(str(pair), str(tmp_path / "ok.jsonl")) == 1
