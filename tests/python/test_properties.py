"""Property tests (hypothesis) for untrusted text: every span of every quote lies inside the text and its
text is the slice; dates are never impossible; the record readers give back exactly what was written."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import framelens  # noqa: E402

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Arbitrary Unicode (no lone surrogates: a Python str holding one cannot be UTF-8), and text built from
# the pieces quote extraction reacts to, so that quotes are actually found.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
PIECES = ["\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", '"', "'", "\u2018", "\u2019", "said", "says", "told",
          "according to", "sagte", "laut", "he", "she", "Maria Lopez", "the minister", "a source", "Mr.", ",", ".",
          ":", " ", " ", "\n\n", "plan", "\U0001F600", "\u00e9", "\u4e2d", "\u0301"]
quote_text = st.lists(st.one_of(st.sampled_from(PIECES), any_text.map(lambda s: s[:8])), max_size=60).map("".join)


def _check_span(text: str, span) -> None:
    assert 0 <= span.start <= span.end <= len(text), (span, len(text))
    assert text[span.start:span.end] == span.text


@SETTINGS
@given(st.one_of(any_text, quote_text), st.sampled_from(["en", "de"]))
def test_quote_spans_are_slices_of_the_text(text, lang):
    for q in framelens.quotes(text, lang=lang):
        assert q.contents
        assert 0 <= q.start <= q.end <= len(text)
        assert q.start == q.contents[0].start and q.end == q.contents[-1].end
        assert q.text == " ".join(c.text for c in q.contents)
        for span in (*q.contents, *q.quoted, *(s for s in (q.cue, q.mention) if s is not None)):
            _check_span(text, span)
        for piece in q.quoted:  # every quotation lies inside one of the contents
            assert any(c.start <= piece.start and piece.end <= c.end for c in q.contents)
        if q.speaker is not None:
            for m in q.speaker.mentions:
                _check_span(text, m)


DATE_PIECES = ["2016", "1999", "24", "11", "03", "29", "31", "0", "Nov.", "February", "Mai", "Tuesday", ":", "/", "-",
               ".", ",", " ", "+", "09:00", "0530", "9944", "GMT", "UTC", "EST", "ET", "PT", "IST", "a.m.", "pm", "Uhr",
               "T", "年", "月", "日", "th", "Published:", "on"]
date_text = st.lists(st.sampled_from(DATE_PIECES), max_size=14).map("".join)


@SETTINGS
@given(st.one_of(any_text.map(lambda s: s[:120]), date_text), st.sampled_from([None, True, False]))
def test_dates_are_never_impossible(text, day_first):
    p = framelens.parse_date(text, day_first=day_first)
    if p is None:
        return
    assert 1 <= p["month"] <= 12
    assert abs(p["offset_minutes"]) <= 18 * 60
    assert p["ambiguous"] == (p["iso"] == "")
    iso = p["iso"]
    if p["year"] and p["day"]:
        dt.date(p["year"], p["month"], p["day"])  # raises for 30 February, day 0, ...
        if iso:
            assert iso[:10] == f"{p['year']:04d}-{p['month']:02d}-{p['day']:02d}"
            if p["has_time"]:
                dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))  # a real time and a real offset


record_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80)


@SETTINGS
@given(st.lists(st.tuples(record_text, record_text), min_size=1, max_size=8))
def test_jsonl_and_csv_readers_give_back_what_was_written(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("records")
    jsonl = folder / "r.jsonl"
    jsonl.write_text("".join(json.dumps({"id": f"r{i}", "text": t, "outlet": o}) + "\n" for i, (t, o) in enumerate(rows)),
                     encoding="utf-8")
    table = folder / "r.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "outlet"])
        for i, (t, o) in enumerate(rows):
            w.writerow([f"r{i}", t, o])
    for path in (jsonl, table):
        corpus = framelens.read(path, clean=False)
        assert [(d.id, d.text, d.outlet) for d in corpus] == [(f"r{i}", t, o) for i, (t, o) in enumerate(rows)], path.name
