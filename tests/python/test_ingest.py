"""Ingestion: readers, cleaning, metadata, dates, structure, errors, and the seeds' gold annotation."""
from __future__ import annotations

import csv
import doctest
import gzip
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

import framelens
from framelens import Corpus
from framelens.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
FIXTURES = ROOT / "tests" / "fixtures"


def inspect_json(*args: str) -> list[dict]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["inspect", "--format", "json", *args]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


# -- the seeds: exactly what gold.json says -----------------------------------------------------
def test_inspect_matches_seed_gold(seeds):
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))["articles"]
    got = {Path(item["file"]).name: item for item in inspect_json(*[str(seeds / a["file"]) for a in gold])}
    assert len(got) == len(gold)
    for article in gold:
        item = got[article["file"]]
        assert item["outlet"] == article["outlet"]
        assert item["title"] == article["title"]
        assert item["date"] == article["published"]
        assert item["author"] == article["author"]
        assert item["dateline"] == article["dateline"]
        assert item["boilerplate"] == article["boilerplate"]
    # the body survives cleaning: every quoted statement of the gold is still in the text
    corpus = framelens.read([seeds / a["file"] for a in gold])
    for doc, article in zip(corpus, gold):
        for line in article["boilerplate"]:
            assert line not in doc.text
        for st in article["statements"]:
            if st["kind"] in ("direct", "partial"):
                assert st["quote"] in doc.text


def test_inspect_table_output_names_rules(seeds):
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["inspect", str(seeds / "000_ce9979a848292ed9.txt")]) == 0
    table = out.getvalue()
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))["articles"]
    first = next(a for a in gold if a["file"] == "000_ce9979a848292ed9.txt")
    assert f"outlet    {first['outlet']}" in table
    assert "masthead" in table and "byline" in table


# -- original fixtures: several fictional outlets -----------------------------------------------
EXPECTED = {
    "courier-ferry.txt": ("Harbour Courier", "Ferry operator cuts winter timetable", "2021-01-12T08:30:00Z",
                          "Marta Lindqvist", "Portsmouth"),
    "courier-bridge.txt": ("Harbour Courier", "Bridge repairs to start in spring", "2021-02-03", "Tom Okafor", None),
    "courier-library.txt": ("Harbour Courier", "Library reopens after flood", "2021-02-19T16:15:00",
                            "Marta Lindqvist", None),
    "ledger-water.txt": ("The Valley Ledger", "Water bills set to rise by nine per cent",
                         "2021-03-04T17:45:00+01:00", None, "RIVERTON"),
    "ledger-school.txt": ("The Valley Ledger", "School meals contract goes to local firm",
                          "2021-03-09T09:05:00+01:00", None, None),
    "gazette-market.txt": ("millbrook-gazette.example", "Market hall to stay open on Sundays", None, None, None),
    "wire-summit.txt": ("Northern Wire", "Leaders agree to meet again after tense summit",
                        "2021-03-16T14:20:00+01:00", "Kaito Mori and Sara Lind", "Oslo"),
}


@pytest.fixture(scope="module")
def pages() -> dict[str, framelens.Document]:
    corpus = framelens.read(PAGES)
    return {Path(d.metadata["file"]).name: d for d in corpus}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metadata(pages, name):
    d = pages[name]
    outlet, title, date, author, dateline = EXPECTED[name]
    assert (d.outlet, d.title, d.metadata.get("date"), d.metadata.get("author"), d.metadata.get("dateline")) == (
        outlet, title, date, author, dateline)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_boilerplate_removed_and_body_kept(pages, name):
    d = pages[name]
    raw_lines = [ln.strip() for ln in (PAGES / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    removed = {r["text"] for r in d.removed}
    kept = set(raw_lines) - removed
    # furniture of every kind is gone
    furniture = ("Home", "News", "Sport", "Share this article", "Facebook Twitter Email", "Accept all",
                 "Skip to main content", "Related stories", "Follow us on Twitter", "Tweet", "Share on Facebook",
                 "Back to top", "Advertisement", "Drought warning lifted", "Teachers vote on new timetable")
    for line in furniture:
        assert line not in kept, f"{name}: {line!r} was kept"
    assert not any(ln.startswith(("We use cookies", "©", "Menu |", "HC -", "NW |")) for ln in kept)
    # every sentence-like body line is kept, short ones included
    for ln in raw_lines:
        if ln.endswith((".", "”", '"')) and "cookies" not in ln and not ln.startswith(("©", "Harbour Courier is")):
            assert ln in kept or ln in d.text, f"{name}: body line {ln!r} was removed"
    # every kept line is in the text, every removed line is not
    for ln in kept:
        assert ln in d.text
    for r in d.removed:
        assert r["rule"] and r["line"] >= 1


def test_german_page_furniture_removed_and_body_kept(pages):
    """German menus, cookie banners, share bars, ad labels and link lines go; every body line stays."""
    d = pages["anzeiger-hallenbad.txt"]
    assert (d.outlet, d.title, d.metadata.get("author")) == (
        "Rheinfelder Anzeiger", "Hallenbad öffnet nach Sanierung früher als geplant", "Lena Voss")
    rules = {r["text"]: r["rule"] for r in d.removed}
    kept_lines = {ln.strip() for ln in d.text.splitlines()}
    for line in ("Zum Inhalt springen", "Alle akzeptieren", "Ablehnen", "Artikel teilen", "Anzeige",
                 "Lesen Sie auch: Freibad-Saison beginnt im Mai", "Mehr zum Thema", "Kommentare (4)",
                 "Folgen Sie uns auf Facebook", "Impressum | Datenschutz | Kontakt | AGB",
                 "© 2025 Rheinfelder Anzeiger. Alle Rechte vorbehalten."):
        assert line in rules and line not in kept_lines, line
    assert any(t.startswith("Wir verwenden Cookies") and r == "cookie" for t, r in rules.items())
    for body in ("Er bestätigte das.", "Die Kosten stiegen dennoch um rund 400.000 Euro.",
                 "Anzeigen wegen Vandalismus am Bauzaun hatte die Polizei bereits im Winter aufgenommen.",
                 "„Wir freuen uns, dass die Schwimmvereine endlich wieder trainieren können“, sagte Sportamtsleiter Erik Brandt."):
        assert body in d.text, body


# Header patterns common on the web: a masthead set as a name with a tagline, a headline that opens
# with a quotation, "Posted <date> by <name>", "<date> | By <name>", staff bylines, German
# "Von <name> | <date> Uhr", and a subheadline under the headline.
HEADERS = {
    "lantern-skaters.txt": ("The Lakeside Lantern", "“The ice just opened under us”: two skaters pulled from Lake Orrin",
                            "2024-01-23", "Published 23/01/2024", "Peter Sand"),
    "lantern-market.txt": ("The Lakeside Lantern", "Saturday market moves to the harbour car park", "2024-02-02",
                           "Posted 02/02/2024", None),
    "lantern-school.txt": ("The Lakeside Lantern", "Westby school gets a new roof after winter leaks", "2024-02-14",
                           "14/02/2024", "Rosa Lind"),
    "bote-bruecke.txt": ("Marktheider Bote", "Neue Brücke über die Sander bleibt gesperrt", "2024-11-04T18:30:00",
                         "04.11.2024, 18:30 Uhr", "Jonas Ehlers"),
    "post-tram.txt": ("Evening Post", "City council approves tram line to the airport", "2024-01-09", "Jan. 9, 2024",
                      "Nora Quist"),
    "gazette-garden.txt": ("Millfield Gazette", "Community garden wins county prize", None, None, "Owen Price"),
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_patterns(pages, name):
    d = pages[name]
    outlet, title, date, date_raw, author = HEADERS[name]
    md = d.metadata
    assert (d.outlet, d.title, md.get("date"), md.get("date_raw"), md.get("author")) == (
        outlet, title, date, date_raw, author)
    rules = {r["text"]: r["rule"] for r in d.removed}
    kept_lines = {ln.strip() for ln in d.text.splitlines()}
    raw = [ln.strip() for ln in (PAGES / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    # the first line is the masthead, the headline is the title line, the byline line is metadata
    assert rules[raw[0]] == "masthead"
    assert rules[title] == "title"
    assert not any(r["rule"] == "page-start" for r in d.removed)
    # the body is kept whole: every line after the header that ends like a sentence is in the text
    body = [ln for ln in raw if ln.endswith((".", "”", '"')) and len(ln.split()) > 8]
    assert body and all(ln in d.text for ln in body)
    assert d.text.split("\n")[0] == body[0]


def test_sample_corpus_headers():
    """The project's own sample: every outlet, headline, author and date is read from the page."""
    sample = Path(framelens.__file__).parent / "data" / "sample"
    manifest = json.loads((sample / "manifest.json").read_text(encoding="utf-8"))
    docs = {Path(d.metadata["file"]).name: d for d in framelens.read(str(sample / "*.txt"))}
    assert len(docs) == len(manifest["documents"]) == 16
    for entry in manifest["documents"]:
        d = docs[entry["file"]]
        raw = (sample / entry["file"]).read_text(encoding="utf-8").splitlines()
        assert d.outlet == entry["outlet"], entry["file"]
        # the title is a line of the page above the byline, and no headline-like line went to page-start
        assert d.title in raw and d.metadata.get("date", "").startswith("2025-03"), entry["file"]
        assert not [r for r in d.removed if r["rule"] == "page-start" and "›" not in r["text"]], entry["file"]
    c = docs["courier_floods.txt"]
    assert (c.metadata["author"], c.metadata["date"]) == ("Ellen Marsh", "2025-03-19")
    assert c.title.startswith("“We thought the boat would capsize”")
    assert "courier_strait.txt" in docs and "author" not in docs["courier_strait.txt"].metadata  # "Courier Staff"
    assert docs["courier_rates.txt"].metadata["date"] == "2025-03-11"  # 11/03 read like the outlet's 19/03
    assert docs["courier_rates.txt"].metadata["date_order"].startswith("day-first")
    r = docs["rundschau_windpark.txt"]
    assert (r.title, r.metadata["author"], r.metadata["date"]) == (
        "Streit um Windpark vor Helmsand", "Katrin Voss", "2025-03-20T07:45:00")
    for name in ("sentinel_floods.txt", "sentinel_rates.txt", "sentinel_strait.txt"):
        raw = [ln for ln in (sample / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
        by = next(i for i, ln in enumerate(raw) if ln.startswith("By "))
        assert (docs[name].title, docs[name].metadata["subtitle"]) == (raw[by - 2], raw[by - 1])


def test_tagline_under_a_name_masthead_is_removed(pages):
    d = pages["lantern-skaters.txt"]
    assert [r["text"] for r in d.removed if r["rule"] == "tagline"] == ["Small town. Big stories."]
    assert "Small town" not in d.text
    # the tagline is boilerplate, not metadata
    assert not next(r for r in d.removed if r["rule"] == "tagline")["metadata"]


def test_subheadline_is_metadata_not_the_title(pages):
    d = pages["post-tram.txt"]
    sub = "Construction could start next year, but the cost is still disputed"
    assert d.metadata["subtitle"] == sub
    assert [r["text"] for r in d.removed if r["rule"] == "subtitle"] == [sub]
    assert next(r for r in d.removed if r["rule"] == "subtitle")["metadata"]
    assert sub not in d.text
    out = inspect_json(str(PAGES / "post-tram.txt"))
    assert out[0]["subtitle"] == sub and sub not in out[0]["boilerplate"]


def test_ambiguous_numeric_byline_date_keeps_only_the_raw_text(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("The Lakeside Lantern\nSmall town. Big stories.\nHome | Town | Lake | Sport\n"
                    "Ferry timetable changes for spring\nPosted 04/03/2024 by Peter Sand\n\n"
                    "The spring timetable starts next week with two more crossings a day on weekends.\n",
                    encoding="utf-8")
    d = framelens.read(page)[0]
    assert d.metadata["author"] == "Peter Sand" and d.metadata["date_raw"] == "Posted 04/03/2024"
    assert "date" not in d.metadata
    d = framelens.read(page, day_first=True)[0]
    assert d.metadata["date"] == "2024-03-04" and d.metadata["author"] == "Peter Sand"


def test_url_line_is_metadata_and_names_the_outlet_last(pages):
    d = pages["gazette-market.txt"]
    assert d.metadata["url"] == "https://www.millbrook-gazette.example/news/2021/04/market-hall"
    assert [(r["rule"], r["metadata"]) for r in d.removed] == [("url", True), ("title", True)]
    assert "outlet_detected" not in pages["courier-ferry.txt"].metadata


def test_short_paragraphs_and_one_line_quotes_are_kept(pages):
    assert "He declined." in pages["courier-ferry.txt"].text
    assert "“It is long overdue.”" in pages["courier-bridge.txt"].text
    water = pages["ledger-water.txt"]
    assert "\n\nNo.\n\n" in water.text
    paragraphs = [water.text[a:b] for a, b in water.paragraphs]
    assert "No." in paragraphs


def test_repeated_footer_rule_needs_the_same_outlet(pages):
    footer = "Harbour Courier is published by Quayside Media Ltd. Registered in England."
    for name in ("courier-ferry.txt", "courier-bridge.txt", "courier-library.txt"):
        assert [r["rule"] for r in pages[name].removed if r["text"] == footer] == ["repeated"]
    # a single page keeps the footer: the rule is about repetition, not about the words
    single = framelens.read(PAGES / "courier-ferry.txt")[0]
    assert footer in single.text


def test_user_outlet_always_wins():
    d = framelens.read(PAGES / "wire-summit.txt", outlet="My Outlet")[0]
    assert d.outlet == "My Outlet" and d.metadata["outlet_detected"] == "Northern Wire"


def test_keep_rules_override():
    d = framelens.read(PAGES / "wire-summit.txt", keep_rules=["share", "navigation"])[0]
    assert "Tweet" in d.text and "Back to top" in d.text
    assert {r["rule"] for r in d.removed} == {"masthead", "title", "byline", "date"}
    footer = "Harbour Courier is published by Quayside Media Ltd. Registered in England."
    kept = framelens.read(str(PAGES / "courier-*.txt"), keep_rules=["repeated"])
    assert all(footer in d.text for d in kept)
    out = inspect_json("--keep", "share", str(PAGES / "wire-summit.txt"))
    assert "Tweet" not in out[0]["boilerplate"] and "Back to top" in out[0]["boilerplate"]


def test_no_clean_keeps_every_line():
    d = framelens.read(PAGES / "wire-summit.txt", clean=False)[0]
    assert d.removed == [] and "Back to top" in d.text


# -- structure and offsets ------------------------------------------------------------------------
def test_sentences_and_paragraphs_are_string_offsets(tmp_path):
    text = ("Korea’s “pact” was signed.\r\n\r\n東京で会談した。合意はなかった。\r\n\r\n"
            "Cafe\u0301 owners cheered 😀. Mr. Kim said so.\r\n")
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": text, "outlet": "X"}) + "\n", encoding="utf-8")
    d = framelens.read(p, clean=False)[0]
    sentences = [d.text[a:b] for a, b in d.sentences]
    assert sentences == ["Korea’s “pact” was signed.", "東京で会談した。", "合意はなかった。",
                         "Cafe\u0301 owners cheered 😀.", "Mr. Kim said so."]
    assert [d.text[a:b] for a, b in d.paragraphs][1] == "東京で会談した。合意はなかった。"


# -- readers --------------------------------------------------------------------------------------
def test_jsonl_field_mapping_dotted_paths_and_gzip(tmp_path):
    rows = [
        {"ID": "a1", "content": "Dockers voted to return to work.\n\nHe declined.", "meta": {"publisher": "Port News",
         "publication_date": "March 3, 2021"}, "authors": ["Ana Ruiz", "Li Wei"], "bias": 1},
        {"ID": "a2", "content": "Second article text.", "meta": {"publisher": "Port News", "publication_date": "03/04/2021"}},
    ]
    p = tmp_path / "arts.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    c = Corpus.from_jsonl(p)
    assert [d.id for d in c] == ["a1", "a2"]
    assert c.outlets == ["Port News"]
    m = c[0].metadata
    assert m["date"] == "2021-03-03" and m["date_raw"] == "March 3, 2021"
    assert m["author"] == "Ana Ruiz; Li Wei" and m["bias"] == "1"
    assert c[0].text == "Dockers voted to return to work.\n\nHe declined."
    # an ambiguous date keeps only the raw text
    assert "date" not in c[1].metadata and c[1].metadata["date_raw"] == "03/04/2021"
    assert framelens.read(p, day_first=True)[1].metadata["date"] == "2021-04-03"
    # the user's outlet wins over the record's
    assert framelens.read(p, outlet="Mine").outlets == ["Mine"]


def test_jsonl_errors_name_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "ok"}\n{"text": "broken\n', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"bad\.jsonl: line 2 is not valid JSON"):
        framelens.read(p)
    q = tmp_path / "notext.jsonl"
    q.write_text('{"body_html": "x", "headline": "y"}\n', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match=r"no text field 'text' \(fields: body_html, headline\)"):
        framelens.read(q)


def test_csv_quoting_multiline_and_crlf(tmp_path):
    p = tmp_path / "arts.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "outlet", "title", "date", "body"])
        w.writerow(["x1", "Outlet A", "Pact", "24 Nov 2016", 'He said, "no."\n\nThen, he left.'])
        w.writerow(["x2", "Outlet B", "Other", "", "Plain text."])
    c = Corpus.from_csv(p, text="body")
    assert [d.id for d in c] == ["x1", "x2"] and c.outlets == ["Outlet A", "Outlet B"]
    assert c[0].text == 'He said, "no."\n\nThen, he left.'
    assert c[0].metadata["date"] == "2016-11-24"
    assert [c[0].text[a:b] for a, b in c[0].sentences] == ['He said, "no."', "Then, he left."]
    bad = tmp_path / "bad.csv"
    bad.write_text('text,outlet\n"never closed,A\n', encoding="utf-8")
    with pytest.raises(framelens.FormatError, match="line 2 is never closed"):
        framelens.read(bad)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("text,outlet\none,A,extra\n", encoding="utf-8")
    with pytest.raises(framelens.FormatError, match="line 2 has 3 fields, the header has 2"):
        framelens.read(ragged)


def test_directory_and_glob(tmp_path):
    assert len(framelens.read(PAGES)) == len(EXPECTED) + len(HEADERS) + 1  # + the German furniture page
    assert len(framelens.read(str(PAGES / "courier-*.txt"))) == 3
    with pytest.raises(framelens.MissingFileError, match="no file matches"):
        framelens.read(str(tmp_path / "*.txt"))


def test_from_pandas_clean_option():
    df = pd.DataFrame({"text": ["Port strike ends\n\nAdvertisement\n\nDockers voted to return. He declined."],
                       "title": ["Port strike ends"], "outlet": ["A"], "date": ["Nov. 24, 2016"]})
    d = Corpus.from_pandas(df, clean=True)[0]
    assert d.text == "Dockers voted to return. He declined."
    assert [r["rule"] for r in d.removed] == ["title", "navigation"]
    assert d.metadata["date"] == "2016-11-24" and len(d.sentences) == 2
    assert Corpus.from_pandas(df)[0].text.startswith("Port strike ends")  # default: untouched


def test_read_html_uses_the_extractor():
    pytest.importorskip("trafilatura")
    d = framelens.read(FIXTURES / "html" / "ledger-tram.html")[0]
    assert d.outlet == "The Valley Ledger" and d.title == "Tram line extension approved"
    assert d.metadata["date"] == "2021-04-02T10:00:00+01:00" and d.metadata["author"] == "Ines Duarte"
    assert d.metadata["url"] == "https://valley-ledger.example/news/tram-line-extension"
    assert "He declined." in d.text
    assert "cookies" not in d.text and "Home" not in d.text and "All rights reserved" not in d.text


def test_read_html_missing_extra_message():
    code = ("import sys; sys.modules['trafilatura'] = None\nimport framelens\n"
            "try:\n    framelens.read_html('<html></html>')\nexcept ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ), check=True).stdout
    assert "pip install 'framelens[html]'" in out


# -- bad input: clear errors, nothing lost, no crash -------------------------------------------------
def test_invalid_utf8_raises_with_file_and_offset():
    path = FIXTURES / "encoding" / "broken-latin1.txt"
    with pytest.raises(framelens.EncodingError, match=r"broken-latin1\.txt: invalid UTF-8 at byte 20.*errors='replace'"):
        framelens.read(path)


def test_invalid_utf8_replaced_on_request_with_count():
    path = FIXTURES / "encoding" / "broken-latin1.txt"
    with pytest.warns(UnicodeWarning, match=r"replaced 2 invalid UTF-8 sequence\(s\)"):
        d = framelens.read(path, errors="replace")[0]
    assert d.metadata["replaced"] == "2"
    assert d.title == "Caf\ufffd owners protest parking fees"
    assert "caf\ufffds on the quay" in d.text


def test_invalid_utf8_in_jsonl_names_the_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9"}\n')
    with pytest.raises(framelens.EncodingError, match=r"x\.jsonl: invalid UTF-8 at byte 30 \(line 2\)"):
        framelens.read(p)
    with pytest.warns(UnicodeWarning):
        assert framelens.read(p, errors="replace")[1].text == "caf\ufffd"


def test_bom_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffHeadline of the day\n\nThe council met on Monday.\n".encode("utf-8"))
    d = framelens.read(p)[0]
    assert d.title == "Headline of the day" and d.text == "The council met on Monday."


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"  \n\n \t\n", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"binary file \(NUL byte at byte 8\)"),
        ("UTF-16 text".encode("utf-16"), "UTF-16"),
    ],
)
def test_empty_binary_and_utf16_files_are_format_errors(tmp_path, content, message):
    p = tmp_path / "page.txt"
    p.write_bytes(content)
    with pytest.raises(framelens.FormatError, match=message) as info:
        framelens.read(p)
    assert "page.txt" in str(info.value)


def test_missing_file():
    with pytest.raises(framelens.MissingFileError, match="no such file"):
        framelens.read("/nonexistent/article.txt")
    with pytest.raises(FileNotFoundError):
        Corpus.from_jsonl("/nonexistent/a.jsonl")


def test_huge_text_file_is_refused_clearly(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:  # a sparse 500 MB file: no disk or memory is used
        f.truncate(500 * 1000 * 1000)
    with pytest.raises(framelens.FormatError, match=r"huge\.txt: is 500\.0 MB, more than the 268\.4 MB allowed for one article"):
        framelens.read(p)


def test_damaged_gzip_is_a_format_error(tmp_path):
    good = gzip.compress(b'{"text": "a"}\n' * 1000)
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(good[: len(good) // 2])
    with pytest.raises(framelens.FormatError, match="damaged or truncated"):
        framelens.read(p)


def test_cli_reports_errors_without_traceback(tmp_path, capsys):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert cli_main(["inspect", str(p)]) == 2
    err = capsys.readouterr().err
    assert "empty.txt: is empty" in err and "Traceback" not in err


# -- dates: parity with dateutil on the formats both read unambiguously ------------------------------
@pytest.mark.parametrize(
    "text",
    ["2016-11-24", "2016-11-24T10:11:00Z", "2016-11-24T10:11:00+09:00", "24 November 2016", "November 24, 2016",
     "Nov 24, 2016", "Thu, 24 Nov 2016 10:11:00 +0000", "Thu, 24 Nov 2016 10:11:00 GMT", "24 Nov 2016 10:11 UTC",
     "Thursday, November 24, 2016", "2016/11/24", "24-Nov-2016", "November 24, 2016 10:11 PM"],
)
def test_parse_date_agrees_with_dateutil(text):
    from dateutil import parser as du

    ours = framelens.parse_date(text)["iso"]
    theirs = du.parse(text)
    if theirs.tzinfo is not None:
        expected = theirs.isoformat().replace("+00:00", "Z")
    elif len(ours) > 10:
        expected = theirs.isoformat()
    else:
        expected = theirs.date().isoformat()
    assert ours == expected


def test_module_doctests():
    import framelens.ingest

    result = doctest.testmod(framelens.ingest, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


# -- the shared corpora ------------------------------------------------------------------------------------
def test_basil_body_paragraphs(shared):
    c = framelens.read(shared / "corpora" / "basil" / "articles")
    assert len(c) == 300
    assert {o.lower() for o in c.outlets} == {"nyt", "fox", "hpo"}
    d = c[0]
    assert d.title and len(d.paragraphs) > 3 and len(d.sentences) >= len(d.paragraphs)
    dates = [x.metadata.get("date", "") for x in c]
    assert all(len(x) == 10 and x[4] == "-" for x in dates)
    assert all(x.metadata.get("url", "").startswith("http") for x in c)


def test_polnear_with_metadata_and_exact_text(shared):
    path = shared / "quotes" / "polnear" / "dev.jsonl"
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    c = framelens.read(path, clean=False)  # quote offsets refer to the text as given
    assert len(c) == len(raw)
    assert c.outlets == list(dict.fromkeys(r["meta"]["publisher"] for r in raw))
    assert [d.text for d in c] == [r["text"] for r in raw]
    assert all(d.metadata["date"] == r["meta"]["publication_date"] for d, r in zip(c, raw))
    assert all(d.title == r["meta"]["title"] for d, r in zip(c, raw))


@pytest.mark.slow
def test_article_bias_streams(shared):
    path = shared / "corpora" / "article-bias" / "articles.jsonl.gz"
    c = framelens.read(path)
    assert len(c) == 37554
    assert len(c.outlets) == 491
    d = c[0]
    assert d.outlet and d.title and d.metadata["url"].startswith("http")
    assert sum(1 for x in c if x.metadata.get("date")) > 30000


def test_crlf_and_gzip_pages_read_like_the_original(tmp_path):
    original = framelens.read(PAGES / "courier-ferry.txt")[0]
    raw = (PAGES / "courier-ferry.txt").read_bytes()
    (tmp_path / "crlf.txt").write_bytes(raw.replace(b"\n", b"\r\n"))
    (tmp_path / "packed.txt.gz").write_bytes(gzip.compress(raw))
    for name in ("crlf.txt", "packed.txt.gz"):
        d = framelens.read(tmp_path / name)[0]
        assert (d.outlet, d.title, d.text, d.metadata["date"]) == (
            original.outlet, original.title, original.text, original.metadata["date"])
        assert [r["text"] for r in d.removed] == [r["text"] for r in original.removed]
        assert "\r" not in d.text
    assert framelens.read(tmp_path / "packed.txt.gz")[0].id == "packed"


def test_read_names_the_outlets_of_pages_by_folder(tmp_path):
    # One folder per outlet: the folder's name wins over what a page names (a syndicate's copyright line);
    # the pages of a single folder keep what they name; records keep their own field. Every text is invented.
    def page(folder, name, footer=""):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(f"Crane vote\n\nThe harbour board approved a second crane on Monday.\n\n"
                                              f"{footer}\n", encoding="utf-8")

    page("ledger", "a.txt")
    page("ledger", "b.txt", "Copyright 2021 Harbour Features Syndicate. All rights reserved.")
    page("courier", "c.txt")
    (tmp_path / "courier" / "d.jsonl").write_text('{"text": "Talks resume.", "source": "Wire B"}\n', encoding="utf-8")
    got = {(d.get("file") or "record").rsplit("/", 1)[-1]: d.outlet for d in framelens.read(tmp_path)}
    assert got == {"a.txt": "ledger", "b.txt": "ledger", "c.txt": "courier", "record": "Wire B"}
    on_page = {(d.get("file") or "record").rsplit("/", 1)[-1]: d.outlet
               for d in framelens.read(tmp_path, outlets_by_folder=False)}
    assert on_page == {"a.txt": "", "b.txt": "Harbour Features Syndicate", "c.txt": "", "record": "Wire B"}
    one = framelens.read(tmp_path / "ledger")
    assert sorted(d.outlet for d in one) == ["", "Harbour Features Syndicate"]
    assert {d.outlet for d in framelens.read(tmp_path / "ledger", outlets_by_folder=True)} == {"ledger"}
    assert {d.outlet for d in framelens.read(tmp_path, outlet="Mine", outlets_by_folder=True) if d.get("file")} == {"Mine"}


def test_read_cleans_each_folder_outlet_together_in_any_order_of_the_files(tmp_path):
    # Files of two outlet folders listed alternately: each outlet's footer, in all three of its pages, is still
    # its repeated furniture (they were read in runs of one file, each cleaned alone), and the documents keep
    # the order of the files. Every text is invented.
    files = []
    for k in range(3):
        for folder, footer in (("ledger", "The Valley Ledger is printed by Quarry Press, Mill Lane, Dunmore."),
                               ("courier", "Harbour Courier: independent news for the island ports since 1921.")):
            (tmp_path / folder).mkdir(exist_ok=True)
            path = tmp_path / folder / f"{folder}-{k}.txt"
            path.write_text(f"Vote number {k}\n\nThe board met on day {k} and approved crane number {k}.\n\n{footer}\n",
                            encoding="utf-8")
            files.append(path)
    corpus = framelens.read(files)
    assert [d.get("file") for d in corpus] == [str(f) for f in files]
    assert [d.outlet for d in corpus] == ["ledger", "courier"] * 3
    for d in corpus:
        assert [r["rule"] for r in d.removed if r["text"].startswith(("The Valley", "Harbour Courier"))] == ["repeated"]
        assert "crane number" in d.text
    by_file = framelens.ingest.read_text(files, outlets=["ledger", ""] * 3)  # "": the page's own (none here)
    assert [d.outlet for d in by_file] == ["ledger", ""] * 3
    with pytest.raises(framelens.InvalidArgumentError, match="2 outlets for 6 files"):
        framelens.ingest.read_text(files, outlets=["ledger", "courier"])


def test_read_names_outlets_by_the_first_folder_that_is_no_date(tmp_path):
    # articles/<outlet>/<year>/… and articles/<year>/<outlet>/…: the outlet folder, not the year; one outlet's
    # year folders are no two outlets. Every text is invented.
    def page(*parts):
        path = tmp_path.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Crane vote\n\nThe harbour board approved a second crane on Monday.\n\n"
                        "Copyright 2021 Harbour Features Syndicate. All rights reserved.\n", encoding="utf-8")

    page("by-outlet", "ledger", "2020", "a.txt")
    page("by-outlet", "ledger", "2021-05", "b.txt")
    page("by-outlet", "courier", "2021", "c.txt")
    assert sorted(d.outlet for d in framelens.read(tmp_path / "by-outlet")) == ["courier", "ledger", "ledger"]
    page("by-year", "2020", "ledger", "a.txt")
    page("by-year", "2021", "courier", "b.txt")
    assert sorted(d.outlet for d in framelens.read(tmp_path / "by-year")) == ["courier", "ledger"]
    # one outlet's years: the pages keep what they name
    one = framelens.read(tmp_path / "by-outlet" / "ledger")
    assert {d.outlet for d in one} == {"Harbour Features Syndicate"}
    assert {d.outlet for d in framelens.read(tmp_path / "by-outlet" / "ledger", outlets_by_folder=True)} == {"ledger"}
