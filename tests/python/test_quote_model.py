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
