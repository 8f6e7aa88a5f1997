"""Plot helpers (matplotlib) for the tables framelens produces. Each returns the matplotlib Axes.

They take plain pandas DataFrames, so they work on the output of :func:`framelens.similarity`,
:meth:`framelens.Comparison` views or your own tables. matplotlib is an optional dependency
(``pip install framelens[plot]``).

>>> import pandas as pd
>>> import framelens.plot
>>> sim = pd.DataFrame([[1.0, 0.4], [0.4, 1.0]], index=["A", "B"], columns=["A", "B"])
>>> ax = framelens.plot.similarity_heatmap(sim)
>>> [t.get_text() for t in ax.get_xticklabels()]
['A', 'B']
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

__all__ = ["similarity_heatmap", "keyness_bars", "sourcing_bars", "coverage_matrix", "frame_bars"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("framelens.plot needs matplotlib: pip install 'framelens[plot]'") from exc
    return plt


# The largest figure a plot function makes itself (inches): sized by the rows it draws, the heatmap of a whole
# corpus's 491 outlets asked for 345 x 295 inches, an image of 6 GB when drawn.
MAX_FIGURE_INCHES = (16.0, 24.0)


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    plt = _pyplot()
    size = (min(size[0], MAX_FIGURE_INCHES[0]), min(size[1], MAX_FIGURE_INCHES[1]))
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _square(df: Any, what: str) -> None:
    if df.shape[0] != df.shape[1] or list(df.index) != list(df.columns):
        raise ValueError(f"{what} needs a square DataFrame with the same labels on rows and columns")


def similarity_heatmap(
    similarity: Any,
    ax: Any = None,
    annotate: bool = True,
    cmap: str = "viridis",
    vmin: float | None = None,
    vmax: float | None = None,
    title: str | None = "Outlet similarity",
) -> Any:
    """Heatmap of a square outlet×outlet (or document×document) similarity DataFrame, labels on both axes.

    The figure grows with the rows up to ``MAX_FIGURE_INCHES``; cells are annotated up to 30 rows and
    labelled up to 100 (more would overlap: draw a subset, e.g. ``sim.loc[top, top]``).

    >>> import pandas as pd
    >>> sim = pd.DataFrame([[1, .2, .5], [.2, 1, .3], [.5, .3, 1]], index=list("XYZ"), columns=list("XYZ"))
    >>> ax = similarity_heatmap(sim, annotate=True)
    >>> len(ax.texts)  # one annotation per cell
    9
    """
    _square(similarity, "similarity_heatmap")
    n = similarity.shape[0]
    ax = _axes(ax, (1.2 + 0.7 * n, 1.0 + 0.6 * n))
    values = similarity.to_numpy(dtype=float)
    im = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax)
    if n <= 100:
        labels = [str(x) for x in similarity.index]
        ax.set_xticks(range(n), labels, rotation=45, ha="right")
        ax.set_yticks(range(n), labels)
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    if annotate and n <= 30:
        for i in range(n):
            for j in range(n):
                v = values[i, j]
                # Dark text on light cells and light text on dark ones, whatever the colormap.
                r, g, b, _ = im.cmap(im.norm(v))
                light = 0.299 * r + 0.587 * g + 0.114 * b > 0.5
                # inside its cell: never part of the layout (n² texts measured for nothing otherwise)
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8, color="black" if light else "white",
                        in_layout=False)
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    if title:
        ax.set_title(title)
    return ax


def keyness_bars(
    keyness: Any,
    n: int = 10,
    term: str = "term",
    score: str = "score",
    ax: Any = None,
    target_label: str | None = None,
    reference_label: str | None = None,
) -> Any:
    """Diverging bars: the ``n`` terms most over-used by the target (right) and by the reference (left).

    ``keyness`` has one row per term with columns ``term`` and ``score`` (log-odds z, chi², G², …).

    >>> import pandas as pd
    >>> k = pd.DataFrame({"term": ["regime", "government", "pact", "deal"], "score": [4.1, -3.2, 2.0, -1.5]})
    >>> ax = keyness_bars(k, n=2, target_label="Outlet A", reference_label="others")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['government', 'deal', 'pact', 'regime']
    """
    df = keyness[[term, score]].dropna().astype({score: float})  # an empty table's column is object
    pos = df[df[score] > 0].nlargest(n, score)
    neg = df[df[score] < 0].nsmallest(n, score)
    import pandas as pd

    # Bottom to top: the reference's strongest term first, the target's strongest last.
    rows = pd.concat([neg.sort_values(score), pos.sort_values(score)])
    ax = _axes(ax, (6, 0.35 * max(len(rows), 2) + 1.2))
    colors = ["#c0504d" if v < 0 else "#1f77b4" for v in rows[score]]
    ax.barh(range(len(rows)), rows[score].to_numpy(dtype=float), color=colors)
    ax.set_yticks(range(len(rows)), [str(t) for t in rows[term]])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(score)
    if target_label or reference_label:
        ax.set_title(f"{target_label or 'target'} (right) vs {reference_label or 'reference'} (left)")
    return ax


def sourcing_bars(
    table: Any,
    ax: Any = None,
    normalize: bool = True,
    title: str | None = "Sourcing",
    colors: Sequence[str] | None = None,
) -> Any:
    """Stacked horizontal bars: one bar per outlet (rows), one segment per category (columns).

    ``table`` is e.g. statements by source type per outlet; ``normalize`` turns each bar into shares.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"named": [5, 1], "anonymous": [1, 4]}, index=["A", "B"])
    >>> ax = sourcing_bars(t)
    >>> len(ax.patches), [float(x) for x in ax.get_xlim()]
    (4, [0.0, 1.0])
    """
    df = table.astype(float)
    if normalize:
        totals = df.sum(axis=1).replace(0, np.nan)
        df = df.div(totals, axis=0).fillna(0.0)
    ax = _axes(ax, (7, 0.5 * max(len(df), 2) + 1.2))
    left = np.zeros(len(df))
    for k, col in enumerate(df.columns):
        vals = df[col].to_numpy()
        kw = {"color": colors[k % len(colors)]} if colors else {}
        ax.barh(range(len(df)), vals, left=left, label=str(col), **kw)
        left += vals
    ax.set_yticks(range(len(df)), [str(i) for i in df.index])
    ax.invert_yaxis()
    if normalize:
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of statements")
    # Below the axis label, about half an inch down whatever the figure's height.
    below = (0.55 if normalize else 0.3) / max(0.7 * ax.figure.get_figheight(), 0.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -below), ncol=min(len(df.columns), 4), frameon=False)
    if title:
        ax.set_title(title)
    return ax


def coverage_matrix(coverage: Any, ax: Any = None, title: str | None = "Coverage overlap", cmap: str = "Blues") -> Any:
    """Heatmap of an outlet×outlet coverage table: cell (row, column) = share of the row outlet's sentences
    that the column outlet also reports; the diagonal shows what only the row outlet reports.

    >>> import pandas as pd
    >>> c = pd.DataFrame([[0.3, 0.7], [0.5, 0.5]], index=["A", "B"], columns=["A", "B"])
    >>> ax = coverage_matrix(c)
    >>> ax.get_ylabel()
    'outlet (its sentences)'
    """
    _square(coverage, "coverage_matrix")
    ax = similarity_heatmap(coverage, ax=ax, annotate=True, cmap=cmap, vmin=0.0, vmax=1.0, title=title)
    ax.set_ylabel("outlet (its sentences)")
    ax.set_xlabel("also reported by")
    return ax


def frame_bars(frames: Any, ax: Any = None, title: str | None = "Frame scores per 1,000 tokens",
               colors: Sequence[str] | None = None) -> Any:
    """Grouped horizontal bars: one group per frame (columns), one bar per outlet (rows), as in
    :attr:`framelens.Comparison.frames`; the legend names the outlets.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"economic": [3.0, 1.0], "conflict": [0.5, 2.0]}, index=["A", "B"])
    >>> ax = frame_bars(f)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (4, ['economic', 'conflict'])
    """
    df = frames.astype(float)
    n_out, n_frames = len(df.index), len(df.columns)
    ax = _axes(ax, (7, 0.3 * max(n_out * n_frames, 2) + 1.2))
    height = 0.8 / max(n_out, 1)
    for k, outlet in enumerate(df.index):
        kw = {"color": colors[k % len(colors)]} if colors else {}
        ax.barh(np.arange(n_frames) - 0.4 + height * (k + 0.5), df.loc[outlet].to_numpy(), height=height,
                label=str(outlet), **kw)
    ax.set_yticks(range(n_frames), [str(c) for c in df.columns])
    ax.invert_yaxis()
    ax.set_xlabel("per 1,000 tokens")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)  # beside the bars
    if title:
        ax.set_title(title)
    return ax
