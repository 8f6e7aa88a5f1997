"""The learned content-boundary model from Python: framelens.quotes.train_model, quotes(..., model=),
quotes_jsonl(model=), `framelens quotes --train/--model`. Every sentence here is written for these tests."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import framelens
from framelens import _core
from framelens import quotes as find_quotes
from framelens.cli import main as cli_main

# An annotation convention the rules do not follow: the content leaves out "that" and keeps the full stop.
TRAIN = [
    ("The mayor said that the old bridge was unsafe.", "the old bridge was unsafe."),
    ("Harbour officials said that the ferry would resume on Monday.", "the ferry would resume on Monday."),
    ("The union warned that a strike was likely.", "a strike was likely."),
    ("Ana Ruiz said that the treaty would be signed in spring.", "the treaty would be signed in spring."),
    ("The ministry announced that the talks had ended.", "the talks had ended."),
    ("A spokesman said that the plant had closed.", "the plant had closed."),
    ("The coach said that his team had played well.", "his team had played well."),
    ("Residents complained that the road was too noisy.", "the road was too noisy."),
    ("The council said that taxes would rise next year.", "taxes would rise next year."),
    # accents and curly quotes: string offsets, not bytes
    ("Zoë Åberg said that the “café” had shut.", "the “café” had shut."),
]
HELD_OUT = [
    ("The minister said that the budget was balanced.", "the budget was balanced."),
    ("Farmers warned that the harvest would be poor.", "the harvest would be poor."),
    ("Renée Ødegaard said that the pier was closed.", "the pier was closed."),
]


def write_gold(path: Path, examples) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, (text, content) in enumerate(examples):
            a = text.index(content)
            quote = {"contents": [{"start": a, "end": a + len(content), "text": content}]}
            f.write(json.dumps({"id": f"d{i}", "text": text, "quotes": [quote]}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("quote_model")
    write_gold(d / "gold.jsonl", TRAIN)
    stats = find_quotes.train_model(str(d / "gold.jsonl"), str(d / "model.txt"), lang="en")
    assert stats == {"decisions": 2 * len(TRAIN), "rules_right": 0, "model_right": 2 * len(TRAIN)}
    return d / "model.txt"


@pytest.mark.parametrize("text,content", HELD_OUT)
def test_a_trained_model_applies_its_convention(model: Path, text: str, content: str) -> None:
    rules = framelens.quotes(text)
    learned = framelens.quotes(text, model=str(model))
    assert [q.text for q in rules] == ["that " + content[:-1]]  # the rules alone: unchanged
    assert [q.text for q in learned] == [content]
    q = learned[0]
    assert text[q.start:q.end] == q.text
    assert q.speaker is not None and q.speaker.name == rules[0].speaker.name


def test_model_file_format(model: Path) -> None:
    lines = model.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["framelens quote boundary model 1", "lang en"]
    weights = [line.split("\t") for line in lines[2:] if line and not line.startswith("#")]
    assert weights and all(len(w) == 2 and (w[0].startswith("s:") or w[0].startswith("e:")) for w in weights)
    assert all(float(w[1]) != 0.0 for w in weights)
    assert [w[0] for w in weights] == sorted(w[0] for w in weights)


def test_training_is_deterministic(model: Path, tmp_path: Path) -> None:
    write_gold(tmp_path / "gold.jsonl", TRAIN)
    find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "again.txt"))
    assert (tmp_path / "again.txt").read_bytes() == model.read_bytes()


def test_the_rules_stay_the_default(model: Path) -> None:
    assert not find_quotes.extractor("en").has_model
    assert find_quotes.extractor("en", str(model)).has_model
    text = "“We will sign,” Ruiz said. The union warned that a strike was likely, a spokesman said."
    before = [(q.kind, q.start, q.end) for q in framelens.quotes(text)]
    framelens.quotes(text, model=str(model))
    assert [(q.kind, q.start, q.end) for q in framelens.quotes(text)] == before


def test_a_model_trained_again_is_loaded_again(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text("framelens quote boundary model 1\nlang en\n", encoding="utf-8")
    text, content = HELD_OUT[0]
    assert framelens.quotes(text, model=str(path))[0].text == "that " + content[:-1]  # no weights: the rules
    write_gold(tmp_path / "gold.jsonl", TRAIN)
    find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(path))
    assert framelens.quotes(text, model=str(path))[0].text == content


def test_pickled_extractor_keeps_its_model(model: Path) -> None:
    ex = find_quotes.extractor("en", str(model))
    copy = pickle.loads(pickle.dumps(ex))
    assert copy.has_model
    text, content = HELD_OUT[0]
    assert copy.extract_text(text) == ex.extract_text(text)


@pytest.mark.parametrize(
    "data,error",
    [
        (b"", _core.FormatError),
        (b"framelens quote boundary model 1\nlang en\ns:w=that\tmany\n", _core.FormatError),
        (b"framelens quote boundary model 1\nlang en\ns:w=that\n", _core.FormatError),
        (b"framelens quote boundary model 1\nlang en\ns:w=that\tnan\n", _core.FormatError),
        (b"\xff\xfe binary", _core.FormatError),
        (b"framelens quote boundary model 1\nlang de\n", _core.InvalidArgumentError),
    ],
)
def test_malformed_models_raise(tmp_path: Path, data: bytes, error: type) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error):
        framelens.quotes("The mayor said that the bridge was unsafe.", model=str(path))
    assert issubclass(error, ValueError)


def test_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such quote model"):
        framelens.quotes("The mayor said it.", model=str(tmp_path / "none.txt"))


def test_bad_training_data(tmp_path: Path) -> None:
    src = tmp_path / "gold.jsonl"
    src.write_text(json.dumps({"text": "The mayor said it.", "quotes": [{"contents": [{"start": 5, "end": 99}]}]}) + "\n")
    with pytest.raises(framelens.FormatError, match="line 1"):
        find_quotes.train_model(str(src), str(tmp_path / "m.txt"))
    for line in ("not json", '{"text": "It rained.", "quotes": 3}', '{"text": "It rained.", "quotes": [{"contents": 1}]}',
                 '{"text": "It rained.", "quotes": [{"contents": [{"start": "0", "end": 2}]}]}', '[1, 2]'):
        src.write_text(line + "\n")
        with pytest.raises(framelens.FormatError, match="line 1"):
            find_quotes.train_model(str(src), str(tmp_path / "m.txt"))


def test_cli_train_and_use(tmp_path: Path, capsys) -> None:
    write_gold(tmp_path / "gold.jsonl", TRAIN)
    assert cli_main(["quotes", "--train", str(tmp_path / "gold.jsonl"), "-o", str(tmp_path / "m.txt")]) == 0
    assert "20 boundary decisions" in capsys.readouterr().err
    write_gold(tmp_path / "test.jsonl", HELD_OUT)
    args = ["quotes", "--jsonl", str(tmp_path / "test.jsonl"), "-o", str(tmp_path / "pred.jsonl")]
    assert cli_main(args + ["--model", str(tmp_path / "m.txt")]) == 0
    lines = (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines()
    got = [json.loads(line)["quotes"][0]["contents"][0]["text"] for line in lines]
    assert got == [c for _, c in HELD_OUT]
    assert cli_main(["quotes", "--train", str(tmp_path / "gold.jsonl")]) == 2  # no -o
    assert "needs -o" in capsys.readouterr().err


def test_corpus_quotes_with_a_model(model: Path, tmp_path: Path) -> None:
    corpus = framelens.Corpus()
    for i, (text, _) in enumerate(HELD_OUT):
        corpus.add(text, outlet=f"O{i}")
    corpus.add("Die Ministerin sagte, dass der Hafen geschlossen sei.", outlet="D", lang="de")
    rules = corpus.quotes()
    learned = corpus.quotes(model=str(model))
    assert learned["text"].tolist()[: len(HELD_OUT)] == [c for _, c in HELD_OUT]
    assert learned["text"].tolist()[len(HELD_OUT):] == rules["text"].tolist()[len(HELD_OUT):]  # German: the rules
    assert corpus[0].quotes(model=str(model))["text"].tolist() == [HELD_OUT[0][1]]
    bad = tmp_path / "bad.txt"
    bad.write_text("framelens quote boundary model 1\nlang en\nx\n", encoding="utf-8")
    with pytest.raises(framelens.FormatError, match="line 3"):
        corpus.quotes(model=str(bad))


# ---- The learned speaker choice: annotated sources in the training file, a [speakers] section ----

# An annotation convention the rules do not follow: the source of "…,” she said" is the person named
# in the sentence before, not the pronoun.
SPEAKER_TRAIN = [
    ("Ana Ruiz arrived late. “The road was closed,” she said.", "Ana Ruiz", "“The road was closed,”"),
    ("Tomas Berg left early. “The hall was cold,” he said.", "Tomas Berg", "“The hall was cold,”"),
    ("Greta Holm opened the bakery. “Bread is dear,” she said.", "Greta Holm", "“Bread is dear,”"),
    ("Oskar Dahl met the families. “We will rebuild,” he said.", "Oskar Dahl", "“We will rebuild,”"),
    ("Lena Falk visited the quay. “The boats are old,” she said.", "Lena Falk", "“The boats are old,”"),
    ("Nils Varga read the letter. “It came too late,” he said.", "Nils Varga", "“It came too late,”"),
    ("Zoë Åberg toured the mill. “The wheel still turns,” she said.", "Zoë Åberg", "“The wheel still turns,”"),
    ("Beno Marsh crossed the bridge. “It shook,” he said.", "Beno Marsh", "“It shook,”"),
]
SPEAKER_HELD_OUT = [
    ("Karin Lund walked home. “The lamps were out,” she said.", "Karin Lund"),
    ("Renée Ødegaard sold the farm. “Prices fell,” she said.", "Renée Ødegaard"),
]


def write_speaker_gold(path: Path, examples) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, (text, source, content) in enumerate(examples):
            a, s = text.index(content), text.index(source)
            quote = {"contents": [{"start": a, "end": a + len(content)}], "sources": [{"start": s, "end": s + len(source)}]}
            f.write(json.dumps({"id": f"s{i}", "text": text, "quotes": [quote]}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def speaker_model(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("speaker_model")
    write_speaker_gold(d / "gold.jsonl", SPEAKER_TRAIN)
    stats = find_quotes.train_model(str(d / "gold.jsonl"), str(d / "model.txt"), lang="en", boundaries=False)
    n = len(SPEAKER_TRAIN)
    assert stats == {"decisions": 0, "rules_right": 0, "model_right": 0, "speaker_decisions": n,
                     "speaker_rules_right": 0, "speaker_model_right": n}
    return d / "model.txt"


@pytest.mark.parametrize("text,source", SPEAKER_HELD_OUT)
def test_a_trained_speaker_choice_applies_its_convention(speaker_model: Path, text: str, source: str) -> None:
    rules = framelens.quotes(text)
    learned = framelens.quotes(text, model=str(speaker_model))
    assert [q.mention.text for q in rules] == ["she"]
    assert [q.mention.text for q in learned] == [source]
    assert text[learned[0].mention.start:learned[0].mention.end] == source  # string offsets
    assert [q.contents for q in learned] == [q.contents for q in rules]
    assert learned[0].speaker.name == source


def test_speaker_model_file_format(speaker_model: Path) -> None:
    lines = speaker_model.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["framelens quote model 2", "lang en"]
    body = [line for line in lines[2:] if line and not line.startswith("#")]
    assert body.index("[boundaries]") < body.index("[speakers]")
    speakers = body[body.index("[speakers]") + 1:]
    assert speakers and all(w.startswith("k:") and len(w.split("\t")) == 2 for w in speakers)
    assert speakers == sorted(speakers)


def test_an_empty_speaker_section_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text("framelens quote model 2\nlang en\n[boundaries]\n[speakers]\n", encoding="utf-8")
    text = ("“We will sign,” Ruiz said. The union warned that a strike was likely, a spokesman said. "
            "Tomas Berg arrived. “Late,” he said.")
    assert framelens.quotes(text, model=str(path)) == framelens.quotes(text)


def test_training_without_sources_writes_a_boundary_model(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold.jsonl", TRAIN)
    find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "m.txt"))
    assert (tmp_path / "m.txt").read_text(encoding="utf-8").startswith("framelens quote boundary model 1\n")
    with pytest.raises(ValueError, match="nothing to train"):
        find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "m.txt"), boundaries=False)


def test_bad_source_spans(tmp_path: Path) -> None:
    src = tmp_path / "gold.jsonl"
    for quotes in ([{"contents": [], "sources": [{"start": 0, "end": 99}]}], [{"contents": [], "sources": 3}]):
        src.write_text(json.dumps({"text": "Ruiz said it.", "quotes": quotes}) + "\n")
        with pytest.raises(framelens.FormatError, match="line 1"):
            find_quotes.train_model(str(src), str(tmp_path / "m.txt"))


def test_cli_trains_a_speaker_choice(tmp_path: Path, capsys) -> None:
    write_speaker_gold(tmp_path / "gold.jsonl", SPEAKER_TRAIN)
    out = tmp_path / "m.txt"
    assert cli_main(["quotes", "--train", str(tmp_path / "gold.jsonl"), "--learn", "speakers", "-o", str(out)]) == 0
    assert f"{len(SPEAKER_TRAIN)} speaker decisions: rules right 0.000, model right 1.000" in capsys.readouterr().err
    text, source = SPEAKER_HELD_OUT[0]
    assert framelens.quotes(text, model=str(out))[0].mention.text == source
    assert cli_main(["quotes", "--train", str(tmp_path / "gold.jsonl"), "--learn", "boundaries", "-o", str(out)]) == 0
    assert "speaker decisions" not in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("framelens quote boundary model 1\n")


def test_a_pickled_extractor_and_a_corpus_keep_the_speaker_choice(speaker_model: Path) -> None:
    ex = find_quotes.extractor("en", str(speaker_model))
    copy = pickle.loads(pickle.dumps(ex))
    text, source = SPEAKER_HELD_OUT[0]
    assert copy.extract_text(text) == ex.extract_text(text)
    corpus = framelens.Corpus()
    for i, (t, _) in enumerate(SPEAKER_HELD_OUT):
        corpus.add(t, outlet=f"O{i}")
    assert corpus.quotes(model=str(speaker_model))["mention"].tolist() == [s for _, s in SPEAKER_HELD_OUT]
    assert corpus.quotes()["mention"].tolist() == ["she", "she"]


# Loose candidate statements: "zorbled" (written for these tests, in no cue lexicon) opens a statement in
# the annotation; the rules find none. Sentences without it teach that other words open nothing.
STATEMENT_TRAIN = [
    ("The harbour master zorbled the ferry timetable was wrong.", "the ferry timetable was wrong"),
    ("Ana Ruiz zorbled that the old bridge was unsafe.", "that the old bridge was unsafe"),
    ("The union zorbled a strike was likely.", "a strike was likely"),
    ("Tomas Berg zorbled the treaty would be signed in spring.", "the treaty would be signed in spring"),
    ("The ministry zorbled that the talks had ended.", "that the talks had ended"),
    ("Zoë Åberg zorbled the café would close in May.", "the café would close in May"),
    ("The coach zorbled his team had played well.", "his team had played well"),
    ("Residents zorbled the road was too noisy.", "the road was too noisy"),
    ("The council zorbled taxes would rise next year.", "taxes would rise next year"),
    ("Oskar Dahl zorbled two boats were missing.", "two boats were missing"),
    ("The ferry left the harbour at noon.", None),
    ("Ana Ruiz walked to the old bridge.", None),
    ("Tomas Berg painted the fence green.", None),
]
STATEMENT_HELD_OUT = [
    ("Captain Ida Roos zorbled that the quay would close.", "that the quay would close", "Captain Ida Roos"),
    ("Renée Ødegaard zorbled the pier was unsafe.", "the pier was unsafe", "Renée Ødegaard"),
]


def write_statement_gold(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, (text, content) in enumerate(STATEMENT_TRAIN):
            quotes = []
            if content:
                a = text.index(content)
                quotes.append({"contents": [{"start": a, "end": a + len(content)}], "sources": []})
            f.write(json.dumps({"id": f"z{i}", "text": text, "quotes": quotes}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def statement_model(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("statement_model")
    write_statement_gold(d / "gold.jsonl")
    stats = find_quotes.train_model(str(d / "gold.jsonl"), str(d / "model.txt"), lang="en", boundaries=False,
                                    speakers=False, statements=True)
    n = stats["statement_decisions"]
    assert n > len(STATEMENT_TRAIN)
    assert stats["statement_rules_right"] == n - 10  # "no statement" is wrong at the ten "zorbled"
    assert stats["statement_model_right"] > stats["statement_rules_right"]
    assert stats["decisions"] == 0 and stats["speaker_decisions"] == 0
    return d / "model.txt"


@pytest.mark.parametrize("text,content,mention", STATEMENT_HELD_OUT)
def test_a_statement_model_adds_statements_the_rules_do_not_make(statement_model: Path, text: str, content: str,
                                                                  mention: str) -> None:
    assert framelens.quotes(text) == []
    learned = framelens.quotes(text, model=str(statement_model))
    assert [q.text for q in learned] == [content]
    q = learned[0]
    assert text[q.start:q.end] == content  # string offsets
    assert q.cue.text == "zorbled" and q.mention.text == mention and q.kind == "indirect"
    assert framelens.quotes("The ferry left the quay at dawn.", model=str(statement_model)) == []


def test_statement_model_file_format(statement_model: Path) -> None:
    lines = statement_model.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["framelens quote model 2", "lang en"]
    body = [line for line in lines[2:] if line and not line.startswith("#")]
    statements = body[body.index("[statements]") + 1:]
    assert statements and all(w.startswith("c:") and len(w.split("\t")) == 2 for w in statements)
    assert statements == sorted(statements)


@pytest.mark.parametrize("weight, found", [("", False), ("c:lemma=predict\t3\n", True), ("c:lemma=warn\t3\n", False)])
def test_statement_features_read_the_cue_lemma(tmp_path: Path, weight: str, found: bool) -> None:
    # The lexicon's lemma of a cue form is a statement feature: a weight on "predict" accepts
    # "predicting", which the rules leave alone in this (invented) sentence.
    model = tmp_path / "m.txt"
    model.write_text("framelens quote model 2\nlang en\n[statements]\nc:bias\t-2\n" + weight, encoding="utf-8")
    text = "Ana Ruiz kept predicting rain on the coast tomorrow."  # ("is predicting": a progressive the rules take)
    assert all(q.cue.text != "predicting" for q in find_quotes(text))
    cues = [q.cue.text for q in find_quotes(text, model=str(model))]
    assert ("predicting" in cues) == found


def test_cli_trains_statements(tmp_path: Path, capsys) -> None:
    write_statement_gold(tmp_path / "gold.jsonl")
    out = tmp_path / "m.txt"
    assert cli_main(["quotes", "--train", str(tmp_path / "gold.jsonl"), "--learn", "statements", "-o", str(out)]) == 0
    assert "statement decisions: no statement right" in capsys.readouterr().err
    text, content, _ = STATEMENT_HELD_OUT[0]
    assert [q.text for q in framelens.quotes(text, model=str(out))] == [content]
    assert cli_main(["quotes", "--train", str(tmp_path / "gold.jsonl"), "--learn", "boundaries", "-o", str(out)]) == 0
    assert "statement decisions" not in capsys.readouterr().err
    assert framelens.quotes(text, model=str(out)) == []


# ---- Round 19: cross-fitted margins ("@margin" lines) ----

def test_training_without_margins_writes_the_same_weights(tmp_path: Path) -> None:
    write_speaker_gold(tmp_path / "gold.jsonl", SPEAKER_TRAIN)
    find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "with.txt"), lang="en")
    find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "without.txt"), lang="en",
                            speaker_margin=False, boundary_margin=False, statement_margin=False)
    with_lines = [l for l in (tmp_path / "with.txt").read_text(encoding="utf-8").splitlines() if not l.startswith("@margin")]
    assert with_lines == (tmp_path / "without.txt").read_text(encoding="utf-8").splitlines()
    assert "@margin" not in (tmp_path / "without.txt").read_text(encoding="utf-8")


def test_a_large_speaker_margin_keeps_the_rules_pick(speaker_model: Path, tmp_path: Path) -> None:
    body = speaker_model.read_text(encoding="utf-8").replace("[speakers]\n", "[speakers]\n@margin\t1e6\n", 1)
    path = tmp_path / "m.txt"
    path.write_text(body, encoding="utf-8")
    for text, _source in SPEAKER_HELD_OUT:
        assert [q.mention.text for q in framelens.quotes(text, model=str(path))] == ["she"]


def test_a_content_only_model_takes_the_boundary_margin_option(tmp_path: Path) -> None:
    # Two conventions that alternate between even and odd documents: the cross-fitted margin holds the
    # moves back; boundary_margin=False must train without it on annotated contents alone too.
    alternating = [
        ("Ida Roos said on Monday that the night fares would rise.", "the night fares would rise"),
        ("Oskar Dahl warned on Monday that the night fares would rise.", "that the night fares would rise."),
        ("The harbour board said on Tuesday that the quay was unsafe.", "the quay was unsafe"),
        ("The ferry crews warned on Tuesday that the quay was unsafe.", "that the quay was unsafe."),
        ("The mayor of Varne said on Friday that the bridge would close.", "the bridge would close"),
        ("The union warned on Friday that the bridge would close.", "that the bridge would close."),
        ("A spokesman said last week that the plant had closed.", "the plant had closed"),
        ("Residents warned last week that the plant had closed.", "that the plant had closed."),
    ]
    write_gold(tmp_path / "gold.jsonl", alternating)
    with_margin = find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "with.txt"))
    without = find_quotes.train_model(str(tmp_path / "gold.jsonl"), str(tmp_path / "without.txt"), boundary_margin=False)
    assert set(with_margin) == set(without) == {"decisions", "rules_right", "model_right"}
    assert "\n@margin\t" in (tmp_path / "with.txt").read_text(encoding="utf-8")
    assert "@margin" not in (tmp_path / "without.txt").read_text(encoding="utf-8")
