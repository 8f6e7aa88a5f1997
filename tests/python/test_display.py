"""Rich display in Jupyter: escaped, complete HTML for corpora and documents."""
from framelens import Corpus
from framelens._html import highlight


def test_corpus_html_lists_outlets_and_documents():
    c = Corpus()
    c.add("Harbour talks stalled <again>.", outlet="Harbor Ledger", title="Talks", date="2025-03-03")
    c.add("Talks resumed.", outlet="Meridian Post")
    c.add("More talks.", outlet="Harbor Ledger")
    html = c._repr_html_()
    assert "3 documents, 2 outlets" in html
    assert "Harbor Ledger</td><td>2</td>" in html
    assert "&lt;again&gt;" in html and "<again>" not in html


def test_document_html_shows_metadata():
    c = Corpus()
    d = c.add("Line one.\n\nLine two.", outlet="A", title="T", author="R. Vance")
    html = d._repr_html_()
    assert "R. Vance" in html and "Line one.<br><br>Line two." in html


def test_highlight_wraps_spans_and_clips_overlaps():
    text = "He said “we will stay” and left."
    out = highlight(text, [(8, 22, "fl-q", "direct: He"), (10, 12, "fl-q", "overlap")])
    assert out.count("<span") == 1
    assert "<span class='fl-q' title='direct: He'>“we will stay”</span>" in out


def test_dtm_html_summarises_without_the_dense_matrix():
    c = Corpus()
    c.add("Tax cut tax <plan>.", outlet="A")
    c.add("Tax plan.", outlet="B")
    m = c.dtm()
    html = m._repr_html_()
    assert "2 rows × 3 terms, 5 non-zero (83.33%)" in html and "weighting <i>count</i>" in html
    assert "tax (3)" in html  # top terms overall, with their totals
    assert "<td>doc0</td><td>3</td><td>tax, cut, plan</td>" in html
    grouped = m.group("outlet").weight("tfidf")._repr_html_()
    assert "weighting <i>tfidf</i>" in grouped and "<td>A</td>" in grouped


def test_document_html_highlights_its_quotes():
    c = Corpus()
    d = c.add("“We stay,” Mayor Ana Ruiz said. A council source said the vote would fail.", outlet="A")
    q = d.quotes()
    assert q[["kind", "speaker"]].values.tolist() == [["direct", "Ana Ruiz"], ["indirect", "a council source"]]
    assert all(d.text[s:e] for s, e in zip(q["start"], q["end"]))
    html = d._repr_html_()
    assert "<span class='fl-q' title='direct: Ana Ruiz'>“We stay,”</span>" in html
    assert "class='fl-q-anon' title='indirect: a council source'" in html
