"""Each plot helper renders to PNG with the Agg backend and draws what it should (labels, sizes)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framelens import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _png(ax, tmp_path, name):
    path = tmp_path / f"{name}.png"
    ax.figure.savefig(path, dpi=60)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    img = plt.imread(path)
    assert img.std() > 0.01, "the figure is blank"
    return img


def test_similarity_heatmap(tmp_path):
    outlets = ["Harbor Ledger", "Meridian Post", "The Northern Star"]
    sim = pd.DataFrame([[1, 0.31, 0.52], [0.31, 1, 0.44], [0.52, 0.44, 1]], index=outlets, columns=outlets)
    ax = plot.similarity_heatmap(sim)
    assert [t.get_text() for t in ax.get_xticklabels()] == outlets
    assert [t.get_text() for t in ax.get_yticklabels()] == outlets
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{v:.2f}" for v in sim.to_numpy().ravel())
    assert ax.images[0].get_array().shape == (3, 3)
    _png(ax, tmp_path, "heatmap")
    with pytest.raises(ValueError, match="square"):
        plot.similarity_heatmap(sim.iloc[:2])


def test_keyness_bars(tmp_path):
    k = pd.DataFrame({"term": list("abcdefgh"), "score": [5.0, 3.0, 1.0, 0.5, -0.2, -1.0, -2.5, -4.0]})
    ax = plot.keyness_bars(k, n=3, target_label="A", reference_label="B")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["h", "g", "f", "c", "b", "a"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [-4.0, -2.5, -1.0, 1.0, 3.0, 5.0]
    assert ax.get_title() == "A (right) vs B (left)"
    _png(ax, tmp_path, "keyness")


def test_sourcing_bars_are_shares(tmp_path):
    t = pd.DataFrame({"named person": [6, 1, 0], "anonymous": [2, 3, 0], "organisation": [2, 0, 0]},
                     index=["A", "B", "C"])
    ax = plot.sourcing_bars(t)
    assert len(ax.patches) == 9
    # Bar A's segments add up to 1 and are in proportion 0.6 / 0.2 / 0.2.
    a = [p.get_width() for p in ax.patches[0::3]]
    assert np.allclose(a, [0.6, 0.2, 0.2])
    ends = [p.get_x() + p.get_width() for p in ax.patches[6:9]]
    assert np.allclose(ends[:2], [1.0, 1.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(t.columns)
    _png(ax, tmp_path, "sourcing")


def test_coverage_matrix(tmp_path):
    c = pd.DataFrame([[0.2, 0.8], [0.6, 0.4]], index=["A", "B"], columns=["A", "B"])
    ax = plot.coverage_matrix(c)
    assert ax.get_xlabel() == "also reported by"
    assert ax.images[0].get_clim() == (0.0, 1.0)
    _png(ax, tmp_path, "coverage")


def test_annotations_stay_readable_on_light_and_dark_cells():
    import pandas as pd

    from framelens.plot import coverage_matrix, similarity_heatmap

    c = pd.DataFrame([[0.9, 0.1], [0.2, 0.8]], index=["A", "B"], columns=["A", "B"])
    ax = coverage_matrix(c)  # Blues: low values are light, high values dark
    colors = {t.get_text(): t.get_color() for t in ax.texts}
    assert colors["0.10"] == "black" and colors["0.90"] == "white"
    ax = similarity_heatmap(c, cmap="viridis")  # viridis: low values are dark
    colors = {t.get_text(): t.get_color() for t in ax.texts}
    assert colors["0.10"] == "white" and colors["0.90"] == "black"


def test_a_whole_corpus_of_outlets_draws_a_bounded_figure():
    # 491 outlets (the article-bias corpus) sized the heatmap at 345 x 295 inches: a 6 GB image when drawn
    n = 491
    rng = np.random.default_rng(0)
    values = rng.random((n, n))
    names = [f"Outlet {k}" for k in range(n)]
    sim = pd.DataFrame((values + values.T) / 2, index=names, columns=names)
    ax = plot.similarity_heatmap(sim)
    width, height = ax.figure.get_size_inches()
    assert width <= plot.MAX_FIGURE_INCHES[0] and height <= plot.MAX_FIGURE_INCHES[1]
    assert len(ax.texts) == 0 and len(ax.get_xticklabels()) == 0  # no annotations or labels that would overlap
    ax.figure.canvas.draw()  # drawn whole at the bounded size
    plt.close(ax.figure)
    # up to 100 rows keep their labels
    small = sim.iloc[:100, :100]
    ax = plot.similarity_heatmap(small)
    assert [t.get_text() for t in ax.get_yticklabels()] == names[:100]
    plt.close(ax.figure)
    # bars grow with their rows up to the same bound
    shares = pd.DataFrame({"named": rng.random(n), "anonymous": rng.random(n)}, index=names)
    ax = plot.sourcing_bars(shares)
    assert ax.figure.get_size_inches()[1] <= plot.MAX_FIGURE_INCHES[1]
    plt.close(ax.figure)
