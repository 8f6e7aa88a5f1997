"""The same quote across outlets (Comparison.shared_quotes): the sample corpus's recorded renderings, the tables'
invariants, JSON, Parquet and the report, and BASIL (read in place from ../shared)."""
import sys
from pathlib import Path

import pytest

import framelens
from framelens import datasets

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = datasets.sample_manifest()
FACTS = [(story, f) for story, facts in MANIFEST["facts"].items() for f in facts.get("shared_quotes", [])]


@pytest.fixture(scope="module")
def cmp():
    return framelens.compare(datasets.sample(lang="en"))


def check_invariants(cmp, story_of=None):
    """Groups span different outlets of one story; members are rows of the quote table, spans included."""
    groups, members, quotes = cmp.shared_quotes, cmp.shared_quote_members, cmp.quotes
    assert list(groups["group"]) == list(range(len(groups)))
    assert (groups["members"] >= 2).all()
    assert members.groupby("group").size().tolist() == groups["members"].tolist()
    for g, part in members.groupby("group"):
        assert part["outlet"].is_unique, part
        assert part["story"].nunique() == 1 and part["story"].iloc[0] == groups.loc[g, "story"]
        assert part["relation"].iloc[0] == "pivot" and (part["relation"].iloc[1:] != "pivot").all()
        assert groups.loc[g, "quote"] == part["quote"].iloc[0]
        assert sorted(groups.loc[g, "outlets"]) == sorted(part["outlet"])
        if story_of is not None:
            assert len({story_of[d] for d in part["document"]}) == 1
    rows = quotes.loc[members["quote"]]
    for col in ("document", "outlet", "story", "speaker", "cue", "kind", "start", "end", "text"):
        assert rows[col].tolist() == members[col].tolist(), col
    assert not (rows["kind"] == "scare").any()
    for m in members.itertuples():
        text = cmp.corpus[int(m.document)].text
        # The span runs from the first piece's start to the last piece's end of the quote's text.
        first, last = m.text.split(" ")[0], m.text.split(" ")[-1]
        assert text[m.start:m.end].startswith(first) and text[m.start:m.end].endswith(last), m
    # Word accounting against the pivot.
    pivots = members[members["relation"] == "pivot"].set_index("group")["words"]
    others = members[members["relation"] != "pivot"]
    assert ((others["kept"] + others["cut"]).to_numpy() == pivots.loc[others["group"]].to_numpy()).all()
    assert (others["kept"] + others["added"] == others["words"]).all()
    verbatim = others[others["relation"] == "verbatim"]
    assert ((verbatim["cut"] == 0) & (verbatim["added"] == 0)).all()
    assert (others["similarity"].between(0.6, 1.0 + 1e-9)).all()


def test_sample_invariants(cmp):
    check_invariants(cmp)
    assert len(cmp.shared_quotes) >= len(FACTS)


@pytest.mark.parametrize("story,fact", FACTS, ids=[f["phrase"] for _, f in FACTS])
def test_sample_renderings_are_aligned_as_recorded(cmp, story, fact):
    groups, members = cmp.shared_quotes, cmp.shared_quote_members
    found = members[members["text"].str.contains(fact["phrase"], regex=False) & (members["story"] == story)]
    assert len(found) >= 1 and found["group"].nunique() == 1, found
    g = groups.loc[int(found["group"].iloc[0])]
    assert sorted(g["outlets"]) == sorted(fact["outlets"])
    assert g["relation"] == fact["relation"]
    assert bool(g["same_speaker"]) == fact["same_speaker"]


def test_sample_names_the_differences(cmp):
    members = cmp.shared_quote_members
    promise = members[members["group"] == members.loc[members["text"].str.contains("extra cost"), "group"].iloc[0]]
    by = promise.set_index("outlet")
    assert by.loc["The Meridian Herald", "relation"] == "pivot" and by.loc["The Meridian Herald", "speaker"] == "Anja Veld"
    wire, sentinel = by.loc["Northwind Wire"], by.loc["Daily Sentinel"]
    assert wire["relation"] == "verbatim" and wire["source_type"] == "anonymous_person" and not wire["same_speaker"]
    assert sentinel["relation"] == "trimmed" and sentinel["cue"] == "claimed" and sentinel["same_speaker"]
    assert {"crown", "passengers"} <= set(sentinel["cut_words"]) and sentinel["added_words"] == []
    oster = members[members["text"].str.contains("poured through", regex=False)].iloc[0]
    assert oster["kind"] == "indirect" and oster["relation"] == "paraphrase"
    assert {"poured", "remove"} <= set(oster["added_words"]) and "carry" in oster["cut_words"]
    marsh = cmp.shared_quotes[cmp.shared_quotes["cues"].apply(lambda c: "warned" in c)].iloc[0]
    assert marsh["cues"] == ["warned", "said"] and marsh["speakers"] == ["Lida Marsh"]


def test_json_parquet_and_report_keep_shared_quotes(cmp, tmp_path):
    back = framelens.Comparison.from_json(cmp.to_json())
    assert back.shared_quotes.equals(cmp.shared_quotes)
    assert back.shared_quote_members.equals(cmp.shared_quote_members)
    pytest.importorskip("pyarrow")
    cmp.to_parquet(tmp_path / "cmp")
    assert (tmp_path / "cmp" / "shared_quote_members.parquet").is_file()
    again = framelens.Comparison.from_parquet(tmp_path / "cmp")
    assert again.shared_quotes.equals(cmp.shared_quotes)
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    html = cmp.to_html()
    assert 'id="shared-quotes"' in html and "a government source" in html and ">claimed<" in html


def test_without_quotes_there_are_no_groups():
    cmp = framelens.compare(datasets.sample(lang="en"), quotes=False)
    assert cmp.shared_quotes.empty and cmp.shared_quote_members.empty
    assert "cut_words" in cmp.shared_quote_members.columns


# -- BASIL (100 events x 3 outlets), read in place ----------------------------------------------------------

@pytest.mark.shared
def test_basil_shared_quotes_across_outlets(shared):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from basil_stories import load_basil, to_corpus
    from shared_quotes_basil import mismatched

    docs = load_basil(shared)
    corpus = to_corpus(docs)
    events = [d["event"] for d in docs]
    cmp = framelens.compare(corpus, story=events)
    groups = cmp.shared_quotes
    print(f"BASIL: {len(cmp.quotes)} quotes, {len(groups)} groups across outlets: "
          f"{groups['relation'].value_counts().to_dict()}, {int((~groups['same_speaker']).sum())} with another speaker")
    check_invariants(cmp, story_of=events)
    # Groups are found in most events, of every relation.
    assert len(groups) >= 150
    assert groups["story"].nunique() >= 60
    assert set(groups["relation"]) == {"verbatim", "trimmed", "paraphrase"}
    # The same articles in stories of three different events: (almost) nothing aligns.
    false = framelens.compare(corpus, story=mismatched(docs))
    assert len(false.shared_quotes) <= 0.02 * len(groups)


def test_a_comparison_written_before_shared_quotes_reads_and_says_what_to_do(cmp):
    import json

    data = json.loads(cmp.to_json())
    del data["tables"]["shared_quotes"], data["tables"]["shared_quote_members"]
    old = framelens.Comparison.from_json(json.dumps(data))
    with pytest.raises(framelens.NotFoundError, match="run framelens.compare"):
        old.shared_quotes
    assert len(old.quotes) == len(cmp.quotes)
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    assert 'id="shared-quotes"' not in old.to_html()
