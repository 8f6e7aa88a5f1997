"""Comparative framing: keyness parity, coverage/omission, sourcing, frames, JSON, HTML report, CLI."""
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import framelens
from framelens import _core, datasets

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = datasets.sample_manifest()


@pytest.fixture(scope="module")
def sample():
    return datasets.sample(lang="en")


@pytest.fixture(scope="module")
def cmp(sample):
    return framelens.compare(sample, actors=MANIFEST["actors"])


# -- keyness -------------------------------------------------------------------------------------------

def _counts(corpus, target):
    k = framelens.keyness(corpus, target, measure="chi2")
    return k


def test_log_odds_matches_a_direct_numpy_computation(sample):
    k = framelens.keyness(sample, "Daily Sentinel", prior=500.0)
    yt, yr = k["n_target"].to_numpy(), k["n_reference"].to_numpy()
    nt, nr = yt.sum(), yr.sum()
    a = 500.0 * (yt + yr) / (yt + yr).sum()  # informative prior: a_0 * pooled background share
    delta = np.log((yt + a) / (nt + 500.0 - yt - a)) - np.log((yr + a) / (nr + 500.0 - yr - a))
    z = delta / np.sqrt(1 / (yt + a) + 1 / (yr + a))
    np.testing.assert_allclose(k["score"].to_numpy(), z, rtol=1e-12, atol=1e-12)
    assert len(k) > 300 and k["score"].is_monotonic_decreasing


@pytest.mark.parametrize("measure", ["chi2", "g2"])
def test_chi2_and_g2_match_scipy_under_quantedas_yates_rule(sample, measure):
    from scipy.stats import chi2_contingency

    k = framelens.keyness(sample, "The Coastal Courier", measure=measure)
    nt, nr = k["n_target"].sum(), k["n_reference"].sum()
    checked = 0
    for _, row in k.iloc[::7].iterrows():
        a, b = row["n_target"], row["n_reference"]
        table = np.array([[a, b], [nt - a, nr - b]])
        expected = np.outer(table.sum(1), table.sum(0)) / table.sum()
        small = (expected < 5).any()
        yates = small and abs(a * (nr - b) - b * (nt - a)) >= table.sum() / 2
        lam = "log-likelihood" if measure == "g2" else None
        stat = chi2_contingency(table, correction=bool(yates), lambda_=lam)[0]
        sign = 1 if a > expected[0, 0] else -1
        # quanteda adds eps = 1e-9 inside each log of G2; ln(O/E + eps) - ln(O/E) <= eps * E / O, so the
        # sum moves by at most 2 * sum(E) * eps = 2 * N * eps. chi2 has no eps: exact up to rounding.
        tol = 2 * table.sum() * 1e-9 + 1e-9 if measure == "g2" else 1e-9
        assert abs(row["score"] - sign * stat) <= tol + 1e-12 * abs(stat), row["term"]
        checked += 1
    assert checked > 50


def test_keyness_pairs_and_errors(sample):
    pair = framelens.keyness(sample, "Daily Sentinel", reference="The Meridian Herald", top=5)
    assert len(pair) == 5 and (pair["score"] > 0).all()
    assert "regime" in framelens.keyness(sample, "Daily Sentinel", reference="The Meridian Herald", top=40)["term"].tolist()
    with pytest.raises(KeyError):
        framelens.keyness(sample, "No Such Outlet")
    with pytest.raises(ValueError, match="unknown keyness measure"):
        framelens.keyness(sample, "Daily Sentinel", measure="tf")


def test_comparison_keyness_needs_its_corpus(cmp):
    pair = cmp.keyness("The Coastal Courier", "Northwind Wire", measure="g2", top=10)
    assert len(pair) == 10 and pair["score"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="without its corpus"):
        framelens.Comparison.from_json(cmp.to_json()).keyness("Daily Sentinel")


def test_house_style_filter_drops_self_references(sample):
    plain = framelens.compare(sample, quotes=False).distinctive_terms
    styled = framelens.compare(sample, quotes=False, house_style=True).distinctive_terms
    courier_plain = plain.query("outlet == 'The Coastal Courier'")["term"].tolist()
    courier_styled = styled.query("outlet == 'The Coastal Courier'")["term"].tolist()
    assert "courier" in courier_plain and "courier" not in courier_styled
    assert "regime" in styled.query("outlet == 'Daily Sentinel'")["term"].tolist()


# -- coverage and omission -------------------------------------------------------------------------------

def test_unique_facts_of_the_sample_are_found(cmp):
    """The manifest lists 27 facts only one outlet reports. At the calibrated threshold (0.23, story idf) at least 20 of
    them must land in that outlet's unique sentences (measured: 23; the misses are docs/comparison.md's
    known weaknesses: shared attribution phrasing such as "asked not to be named", and facts another
    outlet reports without the detail, like the record rain without the 212mm figure)."""
    found, missed = 0, []
    for story, facts in MANIFEST["facts"].items():
        unique = cmp.unique.query("story == @story")
        for outlet, items in facts["only"].items():
            texts = unique.query("outlet == @outlet")["text"].tolist()
            for f in items:
                if any(f["phrase"] in t for t in texts):
                    found += 1
                else:
                    missed.append((story, outlet, f["phrase"]))
    assert found + len(missed) == 27
    assert found >= 20, missed
    # No unique sentence of an outlet holds a fact the manifest records as shared by all.
    for story, facts in MANIFEST["facts"].items():
        for f in facts["shared"]:
            if len(f["phrase"]) > 4:
                hits = cmp.unique.query("story == @story")["text"].str.contains(f["phrase"], regex=False)
                assert hits.sum() < 4, (story, f)


@pytest.mark.parametrize("story", ["strait", "rates", "floods"])
def test_omissions_of_the_sample_are_found(cmp, story):
    omitted = cmp.omitted.query("story == @story")
    for outlet, items in MANIFEST["facts"][story]["omits"].items():
        texts = omitted.query("outlet == @outlet")["text"].tolist()
        for f in items:
            assert any(f["phrase"] in t for t in texts), (outlet, f)


def test_offsets_are_string_offsets(cmp, sample):
    for view in (cmp.unique, cmp.omitted):
        assert len(view)
        for _, r in view.iterrows():
            assert sample[int(r["document"])].text[r["start"]:r["end"]] == r["text"]
    # A quote's text is its pieces joined by a space (as Corpus.quotes): the span runs from the first to the last.
    assert len(cmp.quotes)
    for _, r in cmp.quotes.iterrows():
        span = sample[int(r["document"])].text[r["start"]:r["end"]]
        words = r["text"].split(" ")
        assert span.startswith(words[0]) and span.endswith(words[-1])


def test_every_similarity_names_the_sentence_behind_it(cmp, sample):
    stories = cmp.stories.set_index("document")
    sentences = cmp.table("sentences").set_index("sentence")
    matches = cmp.matches
    assert len(matches) and set(cmp.unique["document"]) <= set(sentences["document"])
    for _, m in matches.iterrows():
        own = sentences.loc[m["sentence"]]
        assert m["outlet"] != own["outlet"] and 0 <= m["similarity"] <= 1 + 1e-9
        if m["match"] >= 0:
            other = sentences.loc[m["match"]]
            assert sample[int(other["document"])].outlet == m["outlet"]
            assert stories.loc[other["document"], "story"] == own["story"]
            assert other["end"] > other["start"]


def test_offsets_hold_on_non_ascii_text():
    c = framelens.Corpus()
    c.add("Le ministre a déclaré : « Nous protégerons le port ». Les pêcheurs 🐟 ont manifesté à Brest hier soir. "
          "東京でも抗議があった。", outlet="A")
    c.add("Le ministre a déclaré qu’il protégerait le port. Les marchés ont chuté de trois pour cent lundi matin.",
          outlet="B")
    cmp = framelens.compare(c, story=["s", "s"])
    for _, r in cmp.unique.iterrows():
        assert c[int(r["document"])].text[r["start"]:r["end"]] == r["text"]
    assert any("🐟" in t for t in cmp.unique["text"])


def test_coverage_matrix_counts_shared_and_unique(cmp):
    cov = cmp.coverage
    assert list(cov.index) == cmp.outlets
    for o in cmp.outlets:
        assert cov.loc[o, o] == len(cmp.unique.query("outlet == @o"))
        assert sum(cov.loc[o, p] for p in cmp.outlets if p != o) > 0


# -- sourcing, actors, frames, stories --------------------------------------------------------------------

def test_sourcing_profile_reflects_named_and_anonymous_sources(cmp):
    src = cmp.sourcing.set_index("outlet")
    st = cmp.quotes
    for outlet in cmp.outlets:
        assert src.loc[outlet, "quotes"] == len(st.query("outlet == @outlet"))
    # Every outlet that the manifest says quotes an anonymous source has a non-zero anonymous share.
    for story, facts in MANIFEST["facts"].items():
        for outlet, speakers in facts["quotes"].items():
            if any(s["anonymous"] for s in speakers):
                assert src.loc[outlet, "anonymous_share"] > 0, outlet
    named = set(st.query("outlet == 'The Coastal Courier' and not anonymous")["speaker"])
    assert "Ana Petrov" in named
    assert 0 < src.loc["Northwind Wire", "quoted_word_share"] < 1
    overlap = cmp.speaker_overlap
    assert (overlap.values == overlap.values.T).all() and overlap.loc["Daily Sentinel", "The Meridian Herald"] >= 1


def test_actor_labelling_shows_word_choice(cmp):
    labels = cmp.labels
    assert labels.loc[("Kestria", "regime"), "Daily Sentinel"] >= 3
    assert labels.loc[("Kestria", "regime"), "The Meridian Herald"] == 0
    assert labels.loc[("Kestria", "Kestrian government"), "The Meridian Herald"] >= 1
    actors = cmp.actors
    assert {"outlet", "actor", "mentions", "documents", "first_position"} <= set(actors.columns)
    assert ((actors["first_position"] >= 0) & (actors["first_position"] <= 1)).all()


def test_frames_are_normalised_and_differ_by_outlet(cmp):
    fr = cmp.frames
    assert list(fr.columns) == ["conflict", "responsibility", "economic", "human_interest", "morality", "security"]
    assert fr.loc["The Coastal Courier", "human_interest"] == fr["human_interest"].max()
    docs = cmp.document_frames
    assert len(docs) == 15 and (docs[fr.columns] >= 0).all().all()


def test_frames_from_a_dic_file(sample, tmp_path):
    dic = tmp_path / "mini.dic"
    dic.write_text("%\n1\tcare\n2\tharm\n%\nfamil*\t1\nrescue*\t1\nkill*\t2\ndead\t2\n", encoding="utf-8")
    fr = framelens.compare(sample, frames=dic, quotes=False).frames
    assert list(fr.columns) == ["care", "harm"]
    assert fr.loc["The Coastal Courier", "care"] == fr["care"].max()
    bad = tmp_path / "bad.dic"
    bad.write_text("no header\n", encoding="utf-8")
    with pytest.raises(framelens.FormatError, match="bad.dic"):
        framelens.compare(sample, frames=bad)
    with pytest.raises(FileNotFoundError):
        framelens.compare(sample, frames=tmp_path / "missing.json")


def test_stories_view_and_story_resolution(sample):
    auto = framelens.compare(sample, story="auto", quotes=False)
    st = auto.stories
    assert list(st.columns[:5]) == ["document", "id", "outlet", "title", "story"]
    assert len(st) == 15
    # Grouped by date and content: no found story mixes two of the manifest's stories, and the
    # agreement is high (measured ARI 1.0 on the four English stories; 0.88 before the tunnel story was added,
    # when the Courier's rate story, told through a baker, stood alone).
    from sklearn.metrics import adjusted_rand_score

    truth = sample.labels("story")
    for label in st["story"].unique():
        assert len({truth[i] for i in st.index[st["story"] == label]}) == 1
    assert adjusted_rand_score(truth, st["story"]) >= 0.85
    assert framelens.compare(sample, story=["x"] * len(sample), quotes=False).stories["story"].unique().tolist() == ["x"]
    with pytest.raises(KeyError, match="no document has the metadata key"):
        framelens.compare(sample, story="event")
    with pytest.raises(ValueError, match="one per document"):
        framelens.compare(sample, story=["a", "b"])
    with pytest.raises(ValueError, match="empty"):
        framelens.compare(framelens.Corpus())


def test_german_article_gets_german_quotes():
    de = datasets.sample(lang="de")
    c = framelens.compare(de)
    st = c.quotes
    assert len(st) >= 2
    assert any("Sabine Korte" in (s or "") for s in st["speaker"])


def test_threads_do_not_change_the_result(sample):
    assert framelens.compare(sample, threads=1).to_json() == framelens.compare(sample, threads=2).to_json()


# -- JSON ---------------------------------------------------------------------------------------------------

def test_json_schema_and_round_trip(cmp):
    text = cmp.to_json()
    data = json.loads(text)
    assert data["schema"] == "framelens.comparison" and data["version"] == framelens.compare.__globals__["SCHEMA_VERSION"] == 2
    assert data["outlets"] == cmp.outlets
    assert {"outlets", "documents", "sentences", "unique", "omitted", "quotes", "distinctive_terms"} <= set(data["tables"])
    quotes = data["tables"]["quotes"]
    assert {"speaker", "kind", "anonymous", "affiliation"} <= {c["name"] for c in quotes["columns"]}
    assert len(data["matrices"]["similarity"]) == 16 and len(data["tables"]["documents"]["data"]["document"]) == 15
    back = framelens.Comparison.from_json(text)
    assert back.to_json() == text
    assert back.to_json(indent=2) == cmp.to_json(indent=2)
    assert back.corpus is None and back.outlets == cmp.outlets
    for view in ("summary", "stories", "similarity", "story_similarity", "coverage", "unique", "omitted", "matches",
                 "entities", "distinctive_terms", "frames", "document_frames", "frame_terms", "sourcing", "quotes",
                 "speaker_overlap", "actors", "labels"):
        assert getattr(back, view).equals(getattr(cmp, view)), view


def test_parquet_round_trip(cmp, tmp_path):
    pytest.importorskip("pyarrow")
    cmp.to_parquet(tmp_path / "cmp")
    assert (tmp_path / "cmp" / "quotes.parquet").exists()
    back = framelens.Comparison.from_parquet(tmp_path / "cmp")
    assert back.to_json() == cmp.to_json()
    assert back.unique.equals(cmp.unique)
    with pytest.raises(FileNotFoundError, match="comparison.json"):
        framelens.Comparison.from_parquet(tmp_path)


def test_pickle_round_trip(cmp):
    import pickle

    alone = framelens.Comparison.from_json(cmp.to_json())  # (a Corpus pickles only where its own pickling exists)
    back = pickle.loads(pickle.dumps(alone))
    assert back.to_json() == cmp.to_json() and back.unique.equals(cmp.unique)


def test_from_json_rejects_what_it_cannot_read(cmp):
    data = json.loads(cmp.to_json())
    data["version"] = 99
    with pytest.raises(framelens.FormatError, match="version 99"):
        framelens.Comparison.from_json(json.dumps(data))
    data["version"] = 1
    with pytest.raises(framelens.FormatError, match="older framelens"):
        framelens.Comparison.from_json(json.dumps(data))
    data["version"] = 2
    data["tables"]["unique"]["data"]["sentence"].append(0)
    with pytest.raises(framelens.FormatError, match="unique"):
        framelens.Comparison.from_json(json.dumps(data))
    for bad in ('{"schema": "framelens.comparison", "version": 1e300}', '{"schema": "framelens.comparison", "version": "2"}'):
        with pytest.raises(framelens.FormatError):
            framelens.Comparison.from_json(bad)
    with pytest.raises(ValueError):
        framelens.Comparison.from_json("{")


# -- HTML report ----------------------------------------------------------------------------------------------

def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on PATH: the headless rendering check needs Debian's chromium")


def test_html_report_renders_offline_in_headless_chromium(cmp, tmp_path):
    import re

    path = tmp_path / "report.html"
    page = cmp.to_html(path)
    assert path.read_text(encoding="utf-8") == page
    # Offline: no external resource of any kind.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    browser = _chromium()
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
         "--virtual-time-budget=3000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    assert 'data-report-ready="yes"' in dom, "the report's script did not run"
    sizes = re.findall(r'data-rendered="(\d+)x(\d+)"', dom)
    assert len(sizes) >= 8  # two heatmaps, coverage, 4 term charts, frames, sourcing
    assert all(int(w) > 100 and int(h) > 50 for w, h in sizes), sizes
    assert dom.count("<table") >= 8
    # Every sentence link points at a highlighted place in the article text.
    targets = set(re.findall(r'href="#(s-\d+-\d+)"', dom))
    ids = set(re.findall(r'id="(s-\d+-\d+)"', dom))
    assert targets and targets <= ids
    assert "Treaty of Lisva" in dom and "regime" in dom


def test_repr_html_is_compact(cmp):
    html = cmp._repr_html_()
    assert "<table" in html and "<svg" in html and len(html) < len(cmp.to_html()) / 5


# -- CLI -------------------------------------------------------------------------------------------------------

def _cli(*args):
    return subprocess.run([sys.executable, "-m", "framelens", *args], capture_output=True, text=True, timeout=300,
                          env=dict(__import__("os").environ))


def test_cli_compare_sample_table_report_and_json(tmp_path):
    r = _cli("compare", "--sample", "--report", str(tmp_path / "r.html"))
    assert r.returncode == 0, r.stderr
    for outlet in ("The Meridian Herald", "Daily Sentinel", "Northwind Wire", "The Coastal Courier"):
        assert outlet in r.stdout
    assert "Only Daily Sentinel reports:" in r.stdout and "Brent crude" in r.stdout
    assert (tmp_path / "r.html").stat().st_size > 10_000
    j = _cli("compare", "--sample", "--format", "json")
    assert j.returncode == 0, j.stderr
    data = json.loads(j.stdout)
    assert data["schema"] == "framelens.comparison" and len(data["outlets"]) == 4
    assert framelens.Comparison.from_json(j.stdout).outlets == data["outlets"]


def test_cli_compare_files_and_errors(tmp_path):
    files = [str(p) for p in datasets.sample_files(lang="en")[:4]]
    r = _cli("compare", *files, "--format", "json", "--no-quotes")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["outlets"]) == 4
    bad = _cli("compare")
    assert bad.returncode == 2 and "no input" in bad.stderr
    missing = _cli("compare", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "nope.txt" in missing.stderr
    mismatch = _cli("compare", files[0], files[1], "--outlet", "A", "--outlet", "B", "--outlet", "C")
    assert mismatch.returncode == 2 and "--outlet" in mismatch.stderr


# -- the seeds (issue 5's proof), read in place ----------------------------------------------------------------

@pytest.mark.shared
def test_seed_facts(seeds):
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    corpus = framelens.read([seeds / a["file"] for a in gold["articles"]])
    assert [d.outlet for d in corpus] == [a["outlet"] for a in gold["articles"]]
    cmp = framelens.compare(corpus)
    unique = cmp.unique

    def alone(outlet, *words):
        texts = " ".join(unique.query("outlet == @outlet")["text"])
        return all(w in texts for w in words)

    dn, mai = "Defence Notes", "The Mainichi"
    assert alone(dn, "colonial")
    assert alone(dn, "Dokdo/Takeshima")
    assert alone(dn, "Beijing") and alone(dn, "Geng Shuang")
    assert alone(dn, "Pyongyang’s Korean Central News Agency")
    assert alone(mai, "Aegis")
    assert alone(mai, "comfort women")
    assert alone(mai, "President Park")
    assert alone(mai, "Trump")
    assert alone(mai, "KAMD")
    # Sourcing: Defence Notes quotes named officials of Japan and China and North Korean state media;
    # the Mainichi anonymous Japanese officials and the South Korean defence ministry (gold.json).
    src = cmp.sourcing.set_index("outlet")
    st = cmp.quotes
    for art in gold["articles"]:
        mine = st.query("outlet == @art['outlet']")
        for g in art["statements"]:
            if g["speaker"] and not g["anonymous"]:
                assert g["speaker"] in set(mine["speaker"]), (art["outlet"], g["speaker"])
    dn_aff = set(st.query("outlet == @dn and not anonymous")["affiliation"])
    assert {"Japan", "China", "North Korea"} <= dn_aff
    assert src.loc[dn, "anonymous_share"] == 0 and src.loc[mai, "anonymous_share"] > 0
    anon = st.query("outlet == @mai and anonymous")
    assert anon["affiliation"].str.contains("Japan").all()
    assert "South Korean Ministry of National Defense" in src.loc[mai, "exclusive_speakers"]
    assert {"Fumio Kishida", "Geng Shuang", "Korean Central News Agency"} <= set(src.loc[dn, "exclusive_speakers"])
    # Labelling from the gazetteer, with no actors given: Defence Notes says "Pyongyang", the Mainichi never.
    labels = cmp.labels
    assert labels.loc[("North Korea", "Pyongyang"), dn] >= 1
    assert labels.loc[("North Korea", "Pyongyang"), mai] == 0
    assert labels.loc[("North Korea", "North Korea"), mai] >= 1


# -- BASIL (issue 5's proof), read in place ---------------------------------------------------------------------

@pytest.mark.shared
def test_basil_story_grouping_and_nearest_neighbours(shared):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from basil_stories import load_basil, nearest_accuracy, to_corpus
    from sklearn.metrics import adjusted_rand_score

    docs = load_basil(shared)
    assert len(docs) == 300
    corpus = to_corpus(docs)
    labels = framelens.group_stories(corpus)
    events = [d["event"] for d in docs]
    assert adjusted_rand_score(events, labels) >= 0.95
    nn = _core.nearest_other_outlet(corpus._core)
    assert nearest_accuracy(nn, docs) >= 0.97
    # Held-out years alone (parameters were fixed before looking at them).
    held = [d for d in docs if d["year"] >= 2015]
    hc = to_corpus(held)
    assert adjusted_rand_score([d["event"] for d in held], framelens.group_stories(hc)) >= 0.95


def test_quotes_given_by_the_user(sample):
    import pandas as pd

    doc = sample[1]
    start = doc.text.index("This is piracy")
    given = pd.DataFrame([{"document": 1, "start": start, "end": start + 44, "speaker": "Ilse Marren",
                           "kind": "direct", "anonymous": False, "affiliation": "Aldoria",
                           "source_type": "named_person", "cue": "said"}])
    c = framelens.compare(sample, quotes=given)
    st = c.quotes
    assert len(st) == 1 and st.iloc[0]["speaker"] == "Ilse Marren"
    assert doc.text[st.iloc[0]["start"]:st.iloc[0]["end"]] == st.iloc[0]["text"]
    assert c.sourcing.set_index("outlet").loc["Daily Sentinel", "named_share"] == 1.0
    assert framelens.compare(sample, quotes=False).quotes.empty
    with pytest.raises(ValueError, match="outside document 1"):
        framelens.compare(sample, quotes=[{"document": 1, "start": 0, "end": 10**7}])
    with pytest.raises(ValueError, match="refers to document 99"):
        framelens.compare(sample, quotes=[{"document": 99, "start": 0, "end": 1}])
    with pytest.raises(ValueError, match="no 'end' column"):
        framelens.compare(sample, quotes=[{"document": 1, "start": 0}])


def test_quotes_from_a_dataframe_with_gaps(sample):
    """Empty cells (NaN / None / pd.NA) are missing values, not the string "nan"; a column with a gap is float."""
    import numpy as np
    import pandas as pd

    doc = sample[1]
    start = doc.text.index("This is piracy")
    given = pd.DataFrame([
        {"document": 1, "start": start, "end": start + 44, "speaker": "Ilse Marren", "kind": "direct",
         "anonymous": False, "affiliation": np.nan, "cue": None},
        {"document": 1, "start": float(start), "end": start + 10.0, "speaker": np.nan, "kind": pd.NA,
         "anonymous": np.nan, "affiliation": np.nan, "cue": None},
    ])
    st = framelens.compare(sample, quotes=given).quotes
    assert len(st) == 2
    named, unnamed = st.iloc[0], st.iloc[1]
    assert named["speaker"] == "Ilse Marren"
    assert all(pd.isna(v) for v in (unnamed["speaker"], named["affiliation"], unnamed["affiliation"], named["cue"],
                                     unnamed["kind"]))
    assert not bool(unnamed["anonymous"])
    with pytest.raises(ValueError, match="quote 0: start must be a whole number"):
        framelens.compare(sample, quotes=[{"document": 1, "start": 2.5, "end": 9}])
    with pytest.raises(ValueError, match="quote 0: end must be a whole number"):
        framelens.compare(sample, quotes=pd.DataFrame([{"document": 1, "start": 0, "end": np.nan}]))


def test_compare_counts_exactly_the_quotes_of_corpus_quotes(sample):
    """compare() attributes with the extractor Corpus.quotes() uses: the same rows, also after add_cues."""
    import pandas as pd

    def same(cmp, corpus):
        got = cmp.quotes.drop(columns=["story"]).reset_index(drop=True)
        want = corpus.quotes().reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)

    same(framelens.compare(sample), sample)
    c = framelens.Corpus()
    # a verb in no lexicon ("grumble" is in en/cues_verbnet.json since the eighth round)
    c.add("The harbour master harrumphed the quay was too short for the new ferries.", outlet="A")
    c.add("The ferry company said the quay would be extended next spring.", outlet="B")
    before = framelens.compare(c, story=["s", "s"]).quotes
    assert "harrumphed" not in set(before["cue"].dropna())
    framelens.add_cues({"speech": ["harrumph"]})
    after = framelens.compare(c, story=["s", "s"])
    assert "harrumphed" in set(after.quotes["cue"].dropna())
    same(after, c)


def test_quotes_module_is_not_hidden_by_the_function():
    import importlib

    mod = importlib.import_module("framelens.quotes")
    assert mod is framelens.quotes and callable(framelens.quotes)
    assert framelens.quotes.add_cues is framelens.add_cues
    assert framelens.quotes("“Yes,” Ana Ruiz said.")[0].speaker.name == "Ana Ruiz"


def test_degenerate_corpora_give_results_not_crashes():
    one = framelens.Corpus()
    one.add("Only one outlet reported this today in the morning.", outlet="A")
    one.add("", outlet="A")
    r = framelens.compare(one)
    assert r.outlets == ["A"] and r.unique.empty and r.distinctive_terms.empty
    one.add("   ", outlet="B")  # an outlet without a single word
    r = framelens.compare(one)
    assert r.summary.set_index("outlet").loc["B", "tokens"] == 0
    assert r.distinctive_terms.empty
    assert "<table" in r.to_html()
    with pytest.raises(ValueError, match="reference has no tokens"):
        framelens.keyness(one, "A")


def test_progress_reports_every_phase_in_order(sample):
    seen = []
    _core.compare(sample._core, stories=sample.labels("story"), extract_quotes=False, progress=seen.append)
    assert seen == list(_core.compare_phases()) and seen[0] == "quotes" and seen[-1] == "tables"
    # Story grouping is one of the core's phases, whether or not the stories are grouped.
    grouped = []
    _core.compare(sample._core, extract_quotes=False, progress=grouped.append, group_stories={"threshold": 0.2})
    assert grouped == seen and "stories" in seen
    from framelens._progress import phases

    bar = phases(seen, enabled=False)
    framelens.compare(sample, quotes=False, progress=False)  # no bar, no output
    bar.step("quotes")
    assert bar.done == ["quotes"]


def test_story_auto_groups_in_the_core_as_group_stories_does(sample):
    # compare(story="auto") groups from its own pass over the text: the same stories as group_stories().
    for options in ({}, {"threshold": 0.3, "window_days": 1.0}):
        r = framelens.compare(sample, story="auto", story_options=options, quotes=False)
        assert r.table("documents")["story"].tolist() == framelens.group_stories(sample, **options)
    with pytest.raises(framelens.InvalidArgumentError, match="unknown option 'bogus'"):
        framelens.compare(sample, story="auto", story_options={"bogus": 1})


def test_attitudes_are_in_the_quote_table_but_not_the_sourcing_profile():
    # "endorsed the plan" is a stance, not speech: listed as a quote of kind "attitude", not counted as
    # letting the mayor speak.
    c = framelens.Corpus()
    c.add("Mayor Ilse Marren endorsed the plan to widen the harbour on Monday.", outlet="A")
    c.add("Mayor Ilse Marren said the harbour would be widened on Monday.", outlet="B")
    cmp = framelens.compare(c)
    assert cmp.quotes["kind"].tolist() == ["attitude", "indirect"]
    s = cmp.sourcing.set_index("outlet")
    assert s.loc["A", "speakers"] == 0 and s.loc["B", "speakers"] == 1
    assert s.loc["A", "source_types"] == {} and s.loc["B", "source_types"] == {"named_person": 1}


def test_matches_are_the_evidence_of_cited_sentences_only(cmp):
    # Every row of cmp.matches belongs to a unique or omitted sentence, and a positive cosine always names
    # the sentence behind it (a -1 only where no sentence of that outlet shares a term).
    cited = set(cmp.table("unique")["sentence"]) | set(cmp.table("omitted")["sentence"])
    m = cmp.matches
    assert len(m) > 0 and set(m["sentence"]) <= cited
    assert not ((m["match"] < 0) & (m["similarity"] > 0)).any()
    assert (m.loc[m["match"] >= 0, "match"] < len(cmp.table("sentences"))).all()


def test_table_gives_some_columns_and_rows_without_converting_the_rest(cmp):
    import pandas.testing as pdt

    full = cmp.table("sentences")
    rows = [7, 0, 7, len(full) - 1]
    part = cmp.table("sentences", columns=["text", "sentence", "document"], rows=rows)
    assert list(part.columns) == ["sentence", "document", "text"]  # the table's order
    pdt.assert_frame_equal(part, full.iloc[rows][["sentence", "document", "text"]].reset_index(drop=True))
    pdt.assert_frame_equal(cmp.table("sentences", columns=["outlet"]), full[["outlet"]])
    assert len(cmp.table("sentences", rows=[])) == 0
    with pytest.raises(IndexError, match=r"row -1 \(position 0\) is outside the table's \d+ rows"):
        cmp.table("sentences", rows=[-1])
    with pytest.raises(KeyError, match="no column nope"):
        cmp.table("sentences", columns=["nope"])
    mask = (full["document"] == 0).to_numpy()
    pdt.assert_frame_equal(cmp.table("sentences", rows=mask), full[mask].reset_index(drop=True))
    with pytest.raises(IndexError, match="boolean mask of 3 values"):
        cmp.table("sentences", rows=[True, False, True])
    with pytest.raises(TypeError, match="integer positions or a boolean mask"):
        cmp.table("sentences", rows=[1.5])
    # the views built from the rows they cite equal the join over the whole sentences table
    for name in ("unique", "omitted"):
        rows = cmp.table(name)
        joined = full.set_index("sentence").loc[rows["sentence"].to_numpy()]
        view = getattr(cmp, name)
        assert view["text"].tolist() == joined["text"].tolist()
        assert view["document"].tolist() == joined["document"].tolist()
        assert len(view) == len(rows) > 0


def _page(path, title, body, footer=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n\n{footer}\n", encoding="utf-8")


def test_cli_folders_name_the_outlets(tmp_path):
    # One folder per outlet: the folder wins over what a page names (here a syndicate's copyright line);
    # pages of a single folder keep the outlet found on the page. Every text is invented.
    body = "The harbour board approved a second crane on Monday after a long debate. The vote was five to two."
    _page(tmp_path / "ledger" / "a.txt", "Board approves crane", body)
    _page(tmp_path / "ledger" / "b.txt", "Crane vote splits board", body.replace("Monday", "Tuesday"),
          "Copyright 2021 Harbour Features Syndicate. All rights reserved.")
    _page(tmp_path / "courier" / "c.txt", "Second crane for the harbour", body.replace("five", "six"))
    r = _cli("compare", str(tmp_path / "ledger"), str(tmp_path / "courier"), "--format", "json", "--no-quotes")
    assert r.returncode == 0, r.stderr
    assert sorted(json.loads(r.stdout)["outlets"]) == ["courier", "ledger"]
    one = _cli("compare", str(tmp_path / "ledger"), "--format", "json", "--no-quotes")
    assert one.returncode == 0, one.stderr
    assert sorted(json.loads(one.stdout)["outlets"]) == ["Harbour Features Syndicate", "ledger"]
    given = _cli("compare", str(tmp_path / "ledger"), str(tmp_path / "courier"), "--outlet", "Mine", "--format", "json",
                 "--no-quotes")
    assert json.loads(given.stdout)["outlets"] == ["Mine"]


def test_cli_table_shows_the_largest_outlets_and_says_so(tmp_path):
    # Six invented outlets, outlet k with k + 1 articles in its own folder.
    for k in range(6):
        for j in range(k + 1):
            _page(tmp_path / f"outlet{k}" / f"{j}.txt", f"Ferry timetable story {j}",
                  f"Outlet {k} writes that the ferry timetable changes in week {j}. Residents of district {k} "
                  f"asked about the cost of ticket number {j}.")
    folders = [str(tmp_path / f"outlet{k}") for k in range(6)]
    r = _cli("compare", *folders, "--max-outlets", "2", "--no-quotes")
    assert r.returncode == 0, r.stderr
    assert "Shown: the 2 outlets with the most documents of 6 (--max-outlets 0" in r.stdout
    shown = [line.split()[0] for line in r.stdout.splitlines() if line.startswith("outlet")]
    assert set(shown) == {"outlet4", "outlet5"}
    every = _cli("compare", *folders, "--max-outlets", "0", "--no-quotes")
    assert every.returncode == 0, every.stderr
    assert "Shown:" not in every.stdout
    assert {line.split()[0] for line in every.stdout.splitlines() if line.startswith("outlet")} == {f"outlet{k}" for k in range(6)}
    bad = _cli("compare", *folders, "--max-outlets", "-1")
    assert bad.returncode == 2 and "--max-outlets" in bad.stderr


def test_a_string_column_is_the_same_by_arrow_and_by_objects():
    import pandas as pd

    from framelens._tables import frame, string_column, strings, text_dtype

    codes = np.array([2, 0, 1, 2, 3, 0], dtype=np.int64)
    dictionary = ["Ida Roos", "", "the harbour board", "Oskar Dahl"]
    by_objects = pd.Series(strings(codes, dictionary), dtype=text_dtype())
    column = string_column(codes, dictionary)
    assert column.dtype == text_dtype() and column.equals(by_objects)
    assert column.isna().tolist() == [False, False, True, False, False, False]  # "" is a missing value
    kept = frame({"speaker": (codes, dictionary)}, keep_empty=("speaker",))["speaker"]
    assert kept.tolist() == ["the harbour board", "Ida Roos", "", "the harbour board", "Oskar Dahl", "Ida Roos"]
    assert string_column(np.zeros(0, dtype=np.int64), []).empty
