"""framelens.group_stories at scale: the undated pile (written for the project), thread and order invariance."""
import json
from pathlib import Path

import framelens
from framelens import _core

ROOT = Path(__file__).resolve().parents[2]
PILE = ROOT / "tests" / "fixtures" / "stories" / "undated_pile.json"


def _pile():
    docs = json.loads(PILE.read_text(encoding="utf-8"))["documents"]
    corpus = framelens.Corpus()
    for d in docs:
        corpus.add(d["text"], outlet=d["outlet"], id=d["id"])
    return corpus, [d["event"] for d in docs]


def _partition(labels):
    groups = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    return sorted(groups.values())


def test_undated_pile_comes_out_as_its_ten_events():
    corpus, events = _pile()
    assert len(events) == 50 and len(set(events)) == 10
    labels = framelens.group_stories(corpus)
    assert _partition(labels) == _partition(events)
    assert framelens.group_stories(corpus, threads=1) == framelens.group_stories(corpus, threads=2)


def test_undated_pile_nearest_other_outlet_is_the_same_event():
    corpus, events = _pile()
    nn = _core.nearest_other_outlet(corpus._core)
    outlets = corpus.labels("outlet")
    assert all(j >= 0 and outlets[j] != outlets[i] for i, j in enumerate(nn))
    # All but the short flood report whose only named person also leads the wildfire coverage.
    assert sum(events[j] == events[i] for i, j in enumerate(nn)) == len(nn) - 1
