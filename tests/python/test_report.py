"""The HTML report (issue 10): charts drawn by framelens.plot, the page from the packaged Jinja2 template,
and a screenshot in headless Chromium showing every chart whole."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import framelens
from framelens import datasets

TWO = ("The Meridian Herald", "Daily Sentinel")


@pytest.fixture(scope="module")
def two_outlets():
    sample = datasets.sample(lang="en")
    corpus = framelens.Corpus()
    for d in sample:
        if d.outlet in TWO:
            corpus._core.add_document(d._doc)
    return framelens.compare(corpus)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on PATH: the screenshot check needs Debian's chromium")


def _browser(url: str, *args: str) -> str:
    return subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
         "--hide-scrollbars", "--virtual-time-budget=3000", *args, url],
        capture_output=True, text=True, timeout=300,
    ).stdout


def test_charts_come_from_framelens_plot_and_the_page_from_the_template(two_outlets, monkeypatch):
    from framelens import plot

    calls = []
    for name in ("similarity_heatmap", "keyness_bars", "sourcing_bars", "frame_bars"):
        real = getattr(plot, name)
        monkeypatch.setattr(plot, name, lambda *a, _real=real, _name=name, **k: (calls.append(_name), _real(*a, **k))[1])
    page = two_outlets.to_html()
    assert sorted(set(calls)) == ["frame_bars", "keyness_bars", "similarity_heatmap", "sourcing_bars"]
    assert len(re.findall(r'<svg class="chart ', page)) == len(calls)  # every chart on the page is one of them
    assert "<!DOCTYPE html>" in page and page.count("<svg") == len(calls) and "<?xml" not in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # the inline SVGs share no id (clip paths are per chart)
    # the template ships inside the package
    from importlib.resources import files

    assert files("framelens").joinpath("templates/report.html.j2").is_file()


def test_report_escapes_what_it_shows(tmp_path):
    corpus = framelens.Corpus()
    corpus.add("The <b>minister</b> said the pact matters & will hold. Critics disagreed.", outlet="A <x>")
    corpus.add("Critics called the pact rushed. The minister was not available.", outlet="B & C")
    page = framelens.compare(corpus).to_html()
    assert "<b>minister" not in page and "&lt;b&gt;minister" in page
    assert "A <x>" not in page and "A &lt;x&gt;" in page


def test_screenshot_shows_every_chart_whole(two_outlets, tmp_path):
    from PIL import Image

    path = tmp_path / "report.html"
    two_outlets.to_html(path)
    width = 1200
    dom = _browser(path.as_uri(), f"--window-size={width},2000", "--dump-dom")
    height = int(re.search(r'data-page-height="(\d+)"', dom).group(1))
    # The same window for the measurements and the picture: the whole page in one screenshot.
    dom = _browser(path.as_uri(), f"--window-size={width},{height}", "--dump-dom")
    shot = tmp_path / "report.png"
    _browser(path.as_uri(), f"--window-size={width},{height}", f"--screenshot={shot}")
    image = Image.open(shot).convert("RGB")
    assert image.size == (width, height)

    charts = re.findall(r'<svg class="chart \w+"[^>]*>', dom)
    assert len(charts) >= 8, charts
    for tag in charts:
        kind = re.match(r'<svg class="chart (\w+)"', tag).group(1)
        x, y, w, h = map(int, re.search(r'data-rect="([\d,]+)"', tag).group(1).split(","))
        assert re.search(r'data-cut-labels="0"', tag), f"{kind}: text outside the chart: {tag}"
        assert w > 250 and h > 150, (kind, w, h)
        assert x >= 0 and x + w <= width and y + h <= height, (kind, x, y, w, h)
        if kind == "heatmap":
            assert w >= 300, f"a two-outlet heatmap is {w} px wide"
        # Visible: the chart's area of the screenshot holds drawing, not a blank box.
        crop = image.crop((x, y, x + w, y + h))
        colours = crop.getcolors(maxcolors=1 << 16) or []
        inked = sum(n for n, c in colours if sum(c) < 3 * 200)
        assert len(colours) > 20 and inked > 0.02 * w * h, (kind, len(colours), inked)
    # Outlet labels are drawn whole as text in every chart that names outlets.
    for svg in re.findall(r'<svg class="chart (?:heatmap|stacked|bars)".*?</svg>', dom, flags=re.S):
        texts = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)]
        assert all(o in texts for o in TWO), texts


def test_a_comparison_without_distinctive_terms_still_reports():
    # regression: an empty distinctive-terms view (object dtype) broke keyness_bars' nlargest
    import pandas as pd

    from framelens import plot

    ax = plot.keyness_bars(pd.DataFrame({"term": [], "score": []}, dtype=object))
    assert len(ax.patches) == 0
    corpus = framelens.Corpus()
    corpus.add("Only one outlet reported this today in the morning.", outlet="A")
    corpus.add("   ", outlet="B")
    cmp = framelens.compare(corpus)
    assert cmp.distinctive_terms.empty
    page = cmp.to_html()
    assert '<svg class="chart terms"' not in page and '<svg class="chart heatmap"' in page


# -- the evidence beside unique and omitted sentences: their closest sentences in other outlets --------------

@pytest.fixture(scope="module")
def sample_comparison():
    return framelens.compare(datasets.sample(lang="en"))


def _coverage_lists(page: str, cmp, name: str) -> dict[str, str]:
    """Each outlet's unique (``name="unique"``) or omitted list of the coverage section, as HTML."""
    out = {}
    for k, outlet in enumerate(cmp.outlets, start=1):
        part = page[page.index(f'<h3 id="cov-{k}">'):]
        part = part[:part.index("</details>", part.index("<details><summary>Reported by others"))]
        unique, omitted = part.split("<details><summary>Reported by others")
        out[outlet] = unique if name == "unique" else omitted
    return out


def _row(listing: str, anchor: str) -> str:
    rows = [r for r in re.findall(r"<tr>.*?</tr>", listing) if f'<td><a href="#{anchor}">' in r]
    assert len(rows) == 1, (anchor, rows)
    return rows[0]


def _closest(row: str) -> list[tuple[str, str, str | None, str]]:
    """The counterparts shown in a row: outlet, cosine, link target (None: no link), text."""
    import html

    found = re.findall(r'<div class="closest"><span class="outlet">(.*?)</span> <span class="num">(.*?)</span>: '
                       r'(?:<a href="#([^"]+)">)?(.*?)(?:</a>)?</div>', row)
    return [(html.unescape(o), s, a or None, html.unescape(t)) for o, s, a, t in found]


def _text_at(page: str, anchor: str) -> str:
    """The article text from an anchor of the Documents section to the end of its document."""
    import html

    at = page.index(f'<span id="{anchor}"></span>')
    return html.unescape(re.sub(r"<[^>]+>", "", page[at:page.index("</div>", at)]))


def test_omitted_sentences_show_the_closest_sentence_of_the_outlet_that_leaves_them_out(sample_comparison):
    cmp = sample_comparison
    page = cmp.to_html()
    lists = _coverage_lists(page, cmp, "omitted")
    sentences = cmp.table("sentences").set_index("sentence")
    matches = cmp.matches
    omitted = cmp.omitted.assign(sentence=cmp.table("omitted")["sentence"].to_numpy())
    checked = 0
    for r in omitted.itertuples():
        own = matches[(matches.sentence == r.sentence) & (matches.outlet == r.outlet) & (matches.similarity > 0)
                      & (matches.match >= 0)]
        if not len(own):
            continue
        m = own.iloc[0]
        target = sentences.loc[m.match]
        anchor = f"s-{target.document}-{target.start}"
        shown = _closest(_row(lists[r.outlet], f"s-{r.document}-{r.start}"))
        # next to the omitted sentence: first the outlet that leaves it out, its closest sentence and cosine
        assert shown[0] == (r.outlet, f"{m.similarity:.2f}", anchor, target.text), (r, shown)
        assert 1 <= len(shown) <= 2
        # the link lands on that sentence in the article text
        assert _text_at(page, anchor).startswith(target.text)
        # the second, when there is one, is the closest sentence of another outlet of the story
        others = matches[(matches.sentence == r.sentence) & (matches.outlet != r.outlet) & (matches.similarity > 0)]
        if len(shown) > 1:
            best = others.loc[others.similarity.idxmax()]
            assert shown[1][:2] == (best.outlet, f"{best.similarity:.2f}")
        else:
            assert others.empty
        checked += 1
    assert checked > 100  # the sample's omitted lists: most rows have a counterpart in the outlet


def test_unique_sentences_show_their_two_closest_sentences_elsewhere(sample_comparison):
    cmp = sample_comparison
    page = cmp.to_html()
    lists = _coverage_lists(page, cmp, "unique")
    sentences = cmp.table("sentences").set_index("sentence")
    matches = cmp.matches
    unique = cmp.unique.assign(sentence=cmp.table("unique")["sentence"].to_numpy())
    for r in unique.itertuples():
        near = matches[(matches.sentence == r.sentence) & (matches.similarity > 0)]
        near = near.sort_values("similarity", ascending=False, kind="stable").head(2)
        shown = _closest(_row(lists[r.outlet], f"s-{r.document}-{r.start}"))
        assert [(o, s) for o, s, _, _ in shown] == [(m.outlet, f"{m.similarity:.2f}") for m in near.itertuples()]
        assert all(o != r.outlet for o, _, _, _ in shown)
        for (_, _, anchor, text), m in zip(shown, near.itertuples()):
            if m.match >= 0:
                target = sentences.loc[m.match]
                assert (anchor, text) == (f"s-{target.document}-{target.start}", target.text)
                assert _text_at(page, anchor).startswith(target.text)


def test_every_counterpart_link_has_a_target_and_a_comparison_without_its_corpus_shows_text_only(sample_comparison):
    page = sample_comparison.to_html()
    links = set(re.findall(r'<div class="closest">.*?<a href="#([^"]+)">', page))
    assert links and links <= set(re.findall(r'<span id="([^"]+)"></span>', page))
    restored = framelens.Comparison.from_json(sample_comparison.to_json())
    assert restored.corpus is None
    page = restored.to_html()
    assert 'href="#s-' not in page and '<div class="closest">' in page


# -- a comparison larger than a page: the outlets with the most documents, the first rows ---------------------

def _many_outlets() -> "framelens.Comparison":
    """Twelve invented outlets covering three stories, outlet k with k + 1 articles (so the outlets with the
    most documents are the last ones), every article quoting someone."""
    corpus = framelens.Corpus()
    events = [("the harbour ferry", "Mayor Ida Roos"), ("the river bridge", "Engineer Tomas Berg"),
              ("the school budget", "Councillor Ana Ruiz")]
    for k in range(12):
        for j in range(k + 1):
            topic, person = events[j % 3]
            corpus.add(f"Outlet {k} reports on {topic} in article {j}. \u201cWe will decide on {topic} soon,\u201d "
                       f"{person} said on Monday. Residents of district {k} asked about costs number {j}. "
                       f"The vote on {topic} is planned for the spring of year {2020 + j}.",
                       outlet=f"Outlet {k:02d}", id=f"o{k}-a{j}", story=topic)
    return framelens.compare(corpus, story="story")


def test_a_missing_value_is_blank_not_nan(sample_comparison):
    # pandas's string dtype reads a missing string (a quote without affiliation) as NaN
    quotes = sample_comparison.quotes
    assert quotes["affiliation"].isna().any()
    page = sample_comparison.to_html()
    assert "<td>nan</td>" not in page and 'title="nan' not in page and ">nan<" not in page
    rows = re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>(?:direct|indirect|partial|scare|attitude)</td>"
                      r"<td>(?:yes|no)</td><td>([^<]*)</td>", page)
    assert "" in rows  # the quotes list shows a missing affiliation as an empty cell


def test_a_document_is_cut_at_every_mark_and_each_piece_knows_the_marks_over_it():
    from framelens._report import _pieces

    text = "Ida Roos said the bridge stays shut. The council disagreed."
    marks = [(0, 36, "quote", "Ida Roos (indirect)"), (9, 36, "unique", "only A"), (9, 36, "unique", "only A"),
             (37, 59, "omitted", "left out by B"), (37, 37, "match", "empty")]
    pieces = _pieces(4, text, marks)
    assert [p["text"] for p in pieces] == ["Ida Roos ", "said the bridge stays shut.", " ", "The council disagreed."]
    assert [p["anchors"] for p in pieces] == [["s-4-0"], ["s-4-9"], [], ["s-4-37"]]
    assert [p["classes"] for p in pieces] == ["quote", "quote unique", "", "omitted"]
    assert [p["tip"] for p in pieces] == ["Ida Roos (indirect)", "Ida Roos (indirect); only A", "", "left out by B"]
    assert _pieces(4, "No marks here.", []) == [{"anchors": [], "text": "No marks here.", "classes": "", "tip": ""}]


def test_a_large_comparison_shows_the_largest_outlets_and_says_what_it_leaves_out():
    cmp = _many_outlets()
    assert len(cmp.outlets) == 12
    page = cmp.to_html(max_outlets=4, max_rows=20)
    largest = ["Outlet 08", "Outlet 09", "Outlet 10", "Outlet 11"]
    # the charts and outlet tables: the four outlets with the most documents, in the comparison's order
    assert re.findall(r'<h3 id="cov-\d+">([^<]+)</h3>', page) == largest
    heatmap = re.search(r'<svg class="chart heatmap".*?</svg>', page, flags=re.S).group(0)
    labels = set(re.findall(r">(Outlet \d\d)<", heatmap))
    assert labels == set(largest)
    # the summary still lists every outlet
    summary = page[page.index('id="summary"'):page.index('id="similarity"')]
    assert all(f"Outlet {k:02d}" in summary for k in range(12))
    assert "the 4 outlets with the most documents of 12" in page
    # the long lists: the first max_rows rows, with a note; the documents those rows cite
    n_quotes = len(cmp.quotes)
    assert n_quotes > 20
    assert f"Showing 20 of {n_quotes:,} statements" in page
    statements = page[page.index("Statements</summary>"):]
    statements = statements[:statements.index("</table>")]
    assert statements.count("<tr><td>Outlet") == 20
    stories_note = f"Showing 20 of {len(cmp.stories):,} documents; Comparison.stories has them all."
    assert stories_note in page
    documents = re.findall(r'<details id="doc-(\d+)">', page)
    assert 0 < len(documents) < len(cmp.stories)
    assert f"Documents: the {len(documents):,} that the lists above cite, of {len(cmp.stories):,}." in page
    # every link to a place in a document has its target on the page
    targets = set(re.findall(r'<span id="(s-\d+-\d+)"></span>', page))
    links = set(re.findall(r'href="#(s-\d+-\d+)"', page))
    assert links and links <= targets


def test_no_limits_shows_everything_and_small_comparisons_are_untouched():
    cmp = _many_outlets()
    everything = cmp.to_html(max_outlets=None, max_rows=None)
    assert len(re.findall(r'<h3 id="cov-\d+">', everything)) == 12
    assert len(re.findall(r'<details id="doc-(\d+)">', everything)) == len(cmp.stories)
    assert "Showing" not in everything and 'class="muted note"' not in everything
    # below the default limits (30 outlets, 1,000 rows) nothing is left out
    assert cmp.to_html() == everything


def test_jupyter_summary_of_many_outlets_shows_the_largest():
    cmp = _many_outlets()
    from framelens._report import summary_html

    html = summary_html(cmp, max_outlets=3)
    assert "the 3 outlets with the most documents of 12" in html
    heatmap = re.search(r'<svg class="chart heatmap".*?</svg>', html, flags=re.S).group(0)
    assert set(re.findall(r">(Outlet \d\d)<", heatmap)) == {"Outlet 09", "Outlet 10", "Outlet 11"}
    assert "Outlet 00" not in html
