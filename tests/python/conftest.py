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
