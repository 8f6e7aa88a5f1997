"""The embedded sample corpus: complete, well-formed, and its recorded facts hold in the texts."""
import re

import pytest

import framelens
from framelens import datasets

MANIFEST = datasets.sample_manifest()
DOCS = MANIFEST["documents"]
ENGLISH = [d for d in DOCS if d["lang"] == "en"]


def _text(file):
    return (datasets._SAMPLE_DIR / file).read_text(encoding="utf-8")


def _story_texts(story):
    return {d["outlet"]: _text(d["file"]) for d in DOCS if d["story"] == story}


def _body_words(text):
    # The body: paragraphs of at least 12 words (masthead, navigation, byline and footer lines are shorter).
    return sum(len(line.split()) for line in text.splitlines() if len(line.split()) >= 12)


def test_manifest_lists_every_file_and_only_those():
    on_disk = {p.name for p in datasets._SAMPLE_DIR.glob("*.txt")}
    assert {d["file"] for d in DOCS} == on_disk
    assert MANIFEST["version"] == 1
    assert len(ENGLISH) == 15 and len(DOCS) == 16
    assert [d["lang"] for d in DOCS if d["lang"] != "en"] == ["de"]


def test_four_outlets_cover_three_stories_and_three_of_them_a_fourth():
    grid = {(d["outlet"], d["story"]) for d in ENGLISH}
    outlets = {d["outlet"] for d in ENGLISH}
    stories = {d["story"] for d in ENGLISH}
    assert len(outlets) == 4 and len(stories) == 4 and len(grid) == 15
    assert all((o, s) in grid for o in outlets for s in ("strait", "rates", "floods"))
    assert {o for o, s in grid if s == "tunnel"} == outlets - {"The Coastal Courier"}


@pytest.mark.parametrize("doc", ENGLISH, ids=lambda d: d["file"])
def test_articles_are_raw_pages_of_250_to_450_words(doc):
    text = _text(doc["file"])
    assert 250 <= _body_words(text) <= 450, _body_words(text)
    lines = text.splitlines()
    assert any("|" in line and len(line.split("|")) >= 3 for line in lines[:4]), "navigation line missing"
    assert re.search(r"(©|Copyright|cookie)", "\n".join(lines[-4:]), re.I), "footer missing"
    text.encode("utf-8")


def test_each_outlet_dates_in_its_own_style():
    styles = {
        "The Meridian Herald": r"\| \d{1,2} March 2025, \d\d:\d\d CET",
        "Daily Sentinel": r"^Mar\. \d{1,2}, 2025$",
        "Northwind Wire": r"^2025-03-\d\dT\d\d:\d\d:\d\dZ$",
        "The Coastal Courier": r"\d\d/03/2025",
        "Nordstadt Rundschau": r"\d\d\.03\.2025, \d\d:\d\d Uhr",
    }
    for d in DOCS:
        assert re.search(styles[d["outlet"]], _text(d["file"]), re.M), d["file"]


def test_quote_styles_are_all_present():
    all_text = "\n".join(_text(d["file"]) for d in DOCS)
    herald = "".join(_text(d["file"]) for d in DOCS if d["outlet"] == "The Meridian Herald")
    sentinel = "".join(_text(d["file"]) for d in DOCS if d["outlet"] == "Daily Sentinel")
    assert "‘" in herald and "port’s" in herald  # British single quotes next to apostrophes
    assert '"' in sentinel and "“" not in sentinel
    assert "“" in all_text and "„" in all_text
    assert re.search(r"so-called “", all_text)  # scare quotes
    assert re.search(r",” \w+ said, “", all_text) or re.search(r",” said \w+, “", all_text) or re.search(
        r",” [A-Z]\w+ [A-Z]\w+ told [^“]+, “", all_text
    )  # a quote split by its attribution
    assert re.search(r"own\.\n\n“", all_text)  # a multi-paragraph quote: no closing mark, next paragraph reopens
    assert re.search(r"[Aa]ccording to ", all_text) and re.search(r" said that ", all_text)
    assert re.search(r"asked not to be named", all_text)


@pytest.mark.parametrize("story", sorted(MANIFEST["facts"]))
def test_recorded_facts_hold_in_the_texts(story):
    facts = MANIFEST["facts"][story]
    texts = _story_texts(story)
    for f in facts["shared"]:
        assert all(f["phrase"] in t for t in texts.values()), f
    for outlet, items in facts["only"].items():
        for f in items:
            holders = [o for o, t in texts.items() if f["phrase"] in t]
            assert holders == [outlet], (story, f, holders)
    for outlet, items in facts["omits"].items():
        for f in items:
            holders = {o for o, t in texts.items() if f["phrase"] in t}
            assert holders == set(texts) - {outlet}, (story, f, holders)
    for outlet, speakers in facts["quotes"].items():
        for s in speakers:
            name = s["speaker"]
            probe = name if not s["anonymous"] else name.split()[-1]
            assert probe.lower() in texts[outlet].lower(), (story, outlet, name)


def test_word_choice_differs_between_outlets():
    strait = _story_texts("strait")
    assert "regime" in strait["Daily Sentinel"] and "Tarsk" in strait["Daily Sentinel"]
    assert "regime" not in strait["The Meridian Herald"] and "government" in strait["The Meridian Herald"]


def test_sample_loads_as_a_corpus():
    corpus = framelens.datasets.sample()
    assert len(corpus) == 16
    assert corpus.outlets == [
        "The Meridian Herald", "Daily Sentinel", "Northwind Wire", "The Coastal Courier", "Nordstadt Rundschau"
    ]
    assert corpus.labels("story").count("strait") == 4
    assert corpus[12].metadata["lang"] == "de"
    assert "Halcyon Star" in corpus[0].text
    assert len(datasets.sample(lang="en")) == 15
    assert [p.name for p in datasets.sample_files()] == [d["file"] for d in DOCS]
