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
