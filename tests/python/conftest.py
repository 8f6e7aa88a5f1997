"""Shared fixtures. Third-party data is read in place from $FRAMELENS_SHARED or ../shared and never copied."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def shared_path() -> Path | None:
    env = os.environ.get("FRAMELENS_SHARED")
    p = Path(env) if env else ROOT.parent / "shared"
    return p if p.is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared data folder; tests that need it are skipped with a reason when it is absent."""
    p = shared_path()
    if p is None:
        pytest.skip("../shared (or $FRAMELENS_SHARED) is absent: third-party test data not available here")
    return p


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    p = shared / "seeds"
    if not (p / "gold.json").is_file():
        pytest.skip(f"{p}/gold.json is absent")
    return p


@pytest.fixture(autouse=True)
def _own_quote_lexicon():
    """Cues and gazetteer entries a test adds (framelens.add_cues / add_gazetteer) are process-wide: they are
    taken back after the test, so that no test sees another's (the results no longer depend on test order)."""
    import importlib

    q = importlib.import_module("framelens.quotes")
    cues = {lang: list(texts) for lang, texts in q._user_cues.items()}
    gazetteers = list(q._user_gazetteers)
    yield
    if q._user_cues != cues or q._user_gazetteers != gazetteers:
        q._user_cues.clear()
        q._user_cues.update(cues)
        q._user_gazetteers[:] = gazetteers
        q._extractors.clear()  # rebuilt from the restored lists when next asked for
