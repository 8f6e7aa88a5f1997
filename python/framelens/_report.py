"""HTML for :class:`framelens.Comparison`: a standalone offline report and the Jupyter summary.

The page comes from the Jinja2 template ``templates/report.html.j2`` (shipped in the package); the charts
are drawn by :mod:`framelens.plot` (matplotlib) and inlined as SVG, so nothing is fetched from the network.
Only the comparison's public views (``cmp.summary``, ``cmp.similarity``, ``cmp.unique``, ...) are read.
Every unique or omitted sentence links to its place in the article text, which the report includes when
the comparison still holds its corpus. Needs ``pip install 'framelens[report]'`` (matplotlib, Jinja2).
"""
from __future__ import annotations

import io
import math
import re
from typing import Any, Callable

from . import plot

_STACK = ["#2ca02c", "#1f77b4", "#d62728", "#ff7f0e"]


def _libraries() -> tuple[Any, Any]:
    try:
        import jinja2
        import matplotlib  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"the HTML report needs matplotlib and Jinja2 ({exc.name} is missing): "
                          "pip install 'framelens[report]'") from None
    from matplotlib.figure import Figure

    return jinja2, Figure


# -- cells and tables ---------------------------------------------------------------------------------------

def _cell(v: Any, digits: int = 2) -> dict[str, Any]:
    """One table cell: its text and whether it is a number (right-aligned)."""
    if isinstance(v, dict):
        return {"text": ", ".join(f"{k} ({n})" for k, n in v.items()), "num": False}
    if isinstance(v, (list, tuple)):
        return {"text": ", ".join(map(str, v)), "num": False}
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return {"text": "–", "num": True}
    if isinstance(v, bool):
        return {"text": "yes" if v else "no", "num": False}
    if isinstance(v, float):
        return {"text": f"{v:.{digits}f}", "num": True}
    if isinstance(v, int) or type(v).__name__.startswith(("int", "uint")):
        return {"text": str(v), "num": True}
    if type(v).__name__.startswith("float"):
        return _cell(float(v), digits)
    return {"text": str(v), "num": False}


def _table(df: Any, index: bool = False, digits: int = 2) -> dict[str, Any]:
    """A DataFrame as the template's table: header, then rows of cells (the index first when ``index``)."""
    names = list(df.index.names) if index else []
    head = [str(n) if n is not None else "" for n in names] + [str(c) for c in df.columns]
    rows = []
    for idx, values in zip(df.index, df.itertuples(index=False, name=None)):
        keys = (idx if isinstance(idx, tuple) else (idx,)) if index else ()
        rows.append({"head": [str(k) for k in keys], "cells": [_cell(v, digits) for v in values]})
    return {"head": head, "rows": rows}


# -- charts: framelens.plot, drawn to inline SVG ------------------------------------------------------------

class _Charts:
    """Draws each chart with a framelens.plot function on its own matplotlib Figure (no pyplot state) and
    returns the SVG to inline: text kept as text, ids salted per chart so that charts never share one."""

    def __init__(self, figure: Any) -> None:
        self._figure = figure
        self._count = 0

    def svg(self, kind: str, label: str, size: tuple[float, float], draw: Callable[[Any], Any]) -> str:
        import matplotlib

        fig = self._figure(figsize=size, layout="constrained")
        draw(fig.add_subplot())
        self._count += 1
        buf = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"framelens-chart-{self._count}"}):
            fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.1, metadata={"Date": None})
        out = buf.getvalue()
        out = out[out.index("<svg"):]  # drop the XML declaration and DOCTYPE: inline SVG needs neither
        out = re.sub(r"<metadata>.*?</metadata>", "", out, count=1, flags=re.S)
        # matplotlib names its groups figure_1, axes_1, ... in every SVG: prefix each chart's ids (and the
        # references to them) so that the page has each id once.
        prefix = f"chart{self._count}-"
        out = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}{m.group(1)}"', out)
        out = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", out)
        out = re.sub(r'((?:xlink:)?href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', out)
        label = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        return out.replace("<svg ", f'<svg class="chart {kind}" role="img" aria-label="{label}" ', 1)


def _heatmap(charts: _Charts, df: Any, title: str) -> str:
    n = len(df)
    # At least 4.5 inches (432 px) wide, so two outlets still get readable cells and labels.
    size = (max(4.5, 1.6 + 0.8 * n), max(3.4, 1.4 + 0.6 * n))
    return charts.svg("heatmap", title, size, lambda ax: plot.similarity_heatmap(df, ax=ax, title=title))


def _stacked(charts: _Charts, df: Any, title: str, normalize: bool) -> str:
    size = (7.5, 0.45 * max(len(df), 2) + 1.6)
    return charts.svg("stacked", title, size, lambda ax: plot.sourcing_bars(
        df, ax=ax, normalize=normalize, title=title, colors=_STACK))


def _terms_chart(charts: _Charts, terms: Any, outlet: str) -> str:
    def draw(ax: Any) -> None:
        plot.keyness_bars(terms, n=12, ax=ax)
        ax.set_title(outlet)

    return charts.svg("terms", f"Distinctive terms: {outlet}", (4.2, 0.3 * max(min(len(terms), 12), 2) + 1.2), draw)


def _frame_intervals(cmp: Any, outlets: list[str]) -> dict[str, Any] | None:
    """Outlets x frames: mean document score with its 95% bootstrap interval over the outlet's documents."""
    from .frames import outlet_frames

    scores = cmp.document_frames
    if not cmp.frames.shape[1] or not len(scores):
        return None
    iv = outlet_frames(scores[scores["outlet"].isin(outlets)], frames=list(cmp._core.frame_names), resamples=1000)
    iv["cell"] = [f"{s:.2f} ({lo:.2f}–{hi:.2f})" for s, lo, hi in zip(iv["score"], iv["low"], iv["high"])]
    iv = iv.pivot(index="outlet", columns="frame", values="cell").reindex(index=outlets,
                                                                           columns=list(cmp.frames.columns))
    return _table(iv.rename_axis(index="outlet", columns=None), index=True)


def _frame_differences(cmp: Any, outlets: list[str], pairs_of: int = 6) -> dict[str, Any] | None:
    """Pairs of outlets (the first ``pairs_of`` of ``outlets``) x frames: score difference with its 95%
    bootstrap interval; * marks an interval that excludes 0 (a difference beyond the noise of which documents
    were sampled)."""
    names = list(outlets)[:pairs_of]
    if not cmp.frames.shape[1] or len(names) < 2:
        return None
    import pandas as pd

    rows = {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            d = cmp.frame_difference(a, b, resamples=1000)
            rows[f"{a} − {b}"] = {f: f"{x:+.2f} ({lo:+.2f} to {hi:+.2f})" + (" *" if ex else "")
                                  for f, x, lo, hi, ex in zip(d["frame"], d["difference"], d["low"], d["high"], d["excludes_zero"])}
    table = pd.DataFrame.from_dict(rows, orient="index")[list(cmp.frames.columns)]
    return _table(table.rename_axis(index="outlets", columns=None), index=True)


def _frames_chart(charts: _Charts, frames: Any) -> str:
    size = (8.0, 0.28 * max(frames.shape[0] * frames.shape[1], 2) + 1.2)
    return charts.svg("bars", "Frame scores per 1,000 tokens", size, lambda ax: plot.frame_bars(frames, ax=ax))


# -- sections ------------------------------------------------------------------------------------------------

def _anchor(doc: int, start: int) -> str:
    return f"s-{doc}-{start}"


def _counterparts(cmp: Any, name: str, rows_shown: Any = None, keep: int = 2) -> Any:
    """The evidence beside each row of the ``name`` view (``unique`` or ``omitted``): its closest sentences in
    other outlets (``cmp.matches``) with their text and place (the ``sentences`` table), at most ``keep`` per
    row. For an omitted sentence the outlet that leaves it out comes first (how close it came), then the
    closest of the others (who else reports it); for a unique one, the closest of the others. A cosine of 0
    (no word in common) is no counterpart. One row per counterpart: ``row`` (position in the view), outlet,
    similarity, match (-1: the core gave no sentence), document, start, end, text. ``rows_shown``: the
    positions in the view of the rows the report shows (None: every row)."""
    import numpy as np
    import pandas as pd

    view = cmp.table(name)  # the view's rows in the same order, with the sentence ids the matches refer to
    rows = pd.DataFrame({"row": range(len(view)), "owner": view["outlet"].to_numpy(),
                         "sentence": view["sentence"].to_numpy()})
    if rows_shown is not None:
        rows = rows.iloc[rows_shown]
    matches = cmp.matches
    ev = rows.merge(matches[matches["similarity"] > 0], on="sentence")
    ev["own"] = ev["outlet"] == ev["owner"]
    ev = ev.sort_values(["row", "own", "similarity"], ascending=[True, False, False], kind="stable")
    ev = ev.groupby("row", sort=False).head(keep)
    # the places of the counterparts only (not the whole sentences table: 768,000 texts on a whole corpus)
    found = ev["match"].to_numpy()
    found = np.unique(found[found >= 0])
    places = cmp.table("sentences", columns=["sentence", "document", "start", "end", "text"],
                       rows=cmp._sentence_rows(found)).rename(columns={"sentence": "match"})
    return ev.drop(columns=["owner", "own", "sentence"]).merge(places, on="match", how="left")


def _records(df: Any) -> list[dict[str, Any]]:
    """``df.to_dict("records")`` with a missing string as "": pandas's string dtype gives NaN for one (an
    unattributed speaker, a quote without affiliation), which the page would print as "nan" and which is
    true where the page asks ``speaker or "unattributed"``. Numbers keep their NaN (their cells say "–")."""
    import pandas as pd

    df = df.copy(deep=False)
    for name in df.columns:
        col = df[name]
        if isinstance(col.dtype, pd.StringDtype) or col.dtype == object:
            df[name] = col.astype(object).where(col.notna(), "")
    return df.to_dict("records")


def _closest(evidence: Any) -> dict[int, list[dict[str, Any]]]:
    """The counterparts of :func:`_counterparts` as the template shows them, by row of the view."""
    closest: dict[int, list[dict[str, Any]]] = {}
    for e in evidence.to_dict("records"):
        found = e["match"] >= 0 and isinstance(e["text"], str)
        closest.setdefault(int(e["row"]), []).append({
            "outlet": e["outlet"], "similarity": _cell(e["similarity"])["text"],
            "text": e["text"] if found else "(the sentence is not in the comparison)",
            "anchor": _anchor(int(e["document"]), int(e["start"])) if found else None})
    return closest


def _sentences(df: Any, closest: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The template's rows of a part of a unique or omitted view (``df``, indexed by row of the view), each
    with its counterparts (``closest``, from :func:`_closest`)."""
    rows = []
    for k, r in zip(df.index, _records(df)):
        rows.append({"story": r["story"], "text": r["text"], "document": int(r["document"]), "start": int(r["start"]),
                     "end": int(r["end"]), "anchor": _anchor(int(r["document"]), int(r["start"])),
                     "entities": ", ".join(r["entities"]),
                     "reported_by": r.get("reported_by", ""), "also": ", ".join(r.get("also_reported_by", [])),
                     "closest": closest.get(int(k), [])})
    return rows


def _coverage(cmp: Any, charts: _Charts, shown: "_Shown", evidence: dict[str, Any]) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    cov = cmp.coverage  # shares over every outlet; the chart and table show the outlets shown
    alone = np.diag(cov.to_numpy())
    shared = cov.to_numpy().sum(axis=1) - alone
    stack = pd.DataFrame({"sentence-matches in other outlets": shared, "sentences only this outlet reports": alone},
                         index=cov.index).loc[shown.outlets]
    summary = cmp.summary.set_index("outlet")
    closest = {name: _closest(ev) for name, ev in evidence.items()}
    per_outlet = [{"outlet": o, "unique": _sentences(shown.views["unique"][o], closest["unique"]),
                   "unique_total": len(shown.all_rows["unique"][o]),
                   "omitted": _sentences(shown.views["omitted"][o], closest["omitted"]),
                   "omitted_total": int(summary.loc[o, "omitted"])} for o in shown.outlets]
    return {"chart": _stacked(charts, stack, "Sentences shared with other outlets vs reported alone", False),
            "table": _table(cov.loc[shown.outlets, shown.outlets], index=True), "outlets": per_outlet}


def _sourcing(cmp: Any, charts: _Charts, shown: "_Shown") -> dict[str, Any] | None:
    import pandas as pd

    st = cmp.table("quotes", columns=["outlet", "kind"])  # the two columns counted, not the whole view
    if not len(st):
        return None
    outlets = shown.outlets
    kinds = pd.crosstab(st["outlet"], st["kind"]).reindex(index=outlets, fill_value=0)
    by_kind = pd.DataFrame({
        "direct and partial quotes": kinds.get("direct", 0) + kinds.get("partial", 0),
        "indirect speech": kinds.get("indirect", 0), "scare quotes": kinds.get("scare", 0)}, index=outlets)
    src = cmp.sourcing.set_index("outlet").loc[outlets]
    anon = src[["named_share", "anonymous_share"]].rename(columns={"named_share": "named",
                                                                   "anonymous_share": "anonymous"})
    quotes = [{"outlet": r["outlet"], "speaker": r["speaker"], "kind": r["kind"],
                   "anonymous": "yes" if r["anonymous"] else "no", "affiliation": r["affiliation"], "cue": r["cue"],
                   "text": r["text"], "anchor": _anchor(int(r["document"]), int(r["start"]))}
                  for r in _records(shown.quotes)]
    return {"kinds": _stacked(charts, by_kind.astype(float), "Quotes by kind", False),
            "anonymity": _stacked(charts, anon.astype(float), "Named vs anonymous sources (share of attributed)",
                                  False),
            "table": _table(src.reset_index()), "overlap": _table(cmp.speaker_overlap.loc[outlets, outlets], index=True),
            "quotes": quotes, "quotes_total": len(st)}


def _shared_quotes(cmp: Any, max_rows: int | None) -> dict[str, Any] | None:
    """The same quote across outlets: per group (the first ``max_rows``), each outlet's rendering and how it
    differs from the pivot; the counts are over every group. None for a comparison written before shared
    quotes existed."""
    if "shared_quotes" not in cmp._core.table_names:
        return None
    groups, members = cmp.shared_quotes, cmp.shared_quote_members
    counts = {"groups": len(groups), **{k: int(v) for k, v in groups["relation"].value_counts().items()},
              "other speaker": int((~groups["same_speaker"]).sum()),
              "direct and indirect": int(groups["direct_and_indirect"].sum())}
    rows = []
    shown_groups = groups if max_rows is None else groups.head(max_rows)
    by_group: dict[Any, list[dict[str, Any]]] = {}  # members in their order, by group (one to_dict for all)
    for m in _records(members[members["group"].isin(shown_groups["group"])]):
        by_group.setdefault(m["group"], []).append(m)
    for g in _records(shown_groups):
        rows.append({"story": g["story"], "relation": g["relation"], "members": [
            {"outlet": m["outlet"], "relation": m["relation"], "speaker": m["speaker"] or "unattributed",
             "mention": m["mention"] or "", "cue": m["cue"] or "", "kind": m["kind"],
             "similarity": _cell(m["similarity"])["text"], "kept": int(m["kept"]), "cut": ", ".join(m["cut_words"]),
             "added": ", ".join(m["added_words"]), "text": m["text"],
             "document": int(m["document"]), "anchor": _anchor(int(m["document"]), int(m["start"]))}
            for m in by_group.get(g["group"], [])]})
    return {"counts": counts, "groups": rows, "note": _rows_note(len(rows), len(groups), "groups",
                                                                 "Comparison.shared_quotes")}


def _documents(cmp: Any, evidence: dict[str, Any], documents: Any) -> list[dict[str, Any]]:
    """The texts of ``documents`` (corpus positions, None: every document) cut at every cited span boundary:
    each piece carries the classes of the spans covering it, and every span start gets its own anchor, so
    each link has a target (the counterparts shown beside unique and omitted sentences too)."""
    import numpy as np
    import pandas as pd

    def of_shown(df: Any) -> Any:
        return df if documents is None else df[df["document"].isin(documents)]

    def view_of_shown(name: str) -> Any:  # the unique or omitted rows in the documents shown
        if documents is None:
            return getattr(cmp, name)
        ids = cmp.table(name, columns=["sentence"])["sentence"].to_numpy()
        where = cmp.table("sentences", columns=["document"], rows=cmp._sentence_rows(ids))["document"].to_numpy()
        return cmp._sentences(name, np.flatnonzero(np.isin(where, list(documents))))

    marks: dict[int, list[tuple[int, int, str, str]]] = {}
    shown = pd.concat(list(evidence.values()))
    shown = shown[(shown["match"] >= 0) & shown["document"].notna()].drop_duplicates("match")
    for r in shown[["document", "start", "end"]].astype(int).to_dict("records"):
        marks.setdefault(r["document"], []).append((r["start"], r["end"], "match",
                                                    "closest sentence to one cited in the coverage section"))
    for r in _records(view_of_shown("unique")):
        marks.setdefault(int(r["document"]), []).append((int(r["start"]), int(r["end"]), "unique",
                                                         f"only {r['outlet']}"))
    quote_rows = None
    if documents is not None:  # the quotes of the documents shown: their rows found by one column
        quote_rows = np.flatnonzero(np.isin(cmp.table("quotes", columns=["document"])["document"].to_numpy(),
                                            list(documents)))
    quotes = cmp.table("quotes", columns=["document", "start", "end", "speaker", "kind"], rows=quote_rows)
    for r in _records(quotes):
        marks.setdefault(int(r["document"]), []).append(
            (int(r["start"]), int(r["end"]), "quote", f"{r['speaker'] or 'unattributed'} ({r['kind']})"))
    for r in _records(view_of_shown("omitted")):
        marks.setdefault(int(r["document"]), []).append((int(r["start"]), int(r["end"]), "omitted",
                                                         f"left out by {r['outlet']}"))
    docs = []
    for d in _records(of_shown(cmp.stories)):
        i = int(d["document"])
        text = cmp.corpus[i].text
        docs.append({"document": i, "outlet": d["outlet"], "title": d["title"] or d["id"], "story": d["story"],
                     "pieces": _pieces(i, text, marks.get(i, []))})
    return docs


def _pieces(doc: int, text: str, marks: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """``text`` cut at every start and end of ``marks`` (start, end, class, tip): each piece with the anchors of
    the marks that start there and the classes and tips of the marks that cover it. One sweep over the cuts
    with the marks open at each (in sorted order), not every mark tested for every piece (a long document
    has hundreds of each)."""
    spans = sorted(set(marks))
    cuts = sorted({0, len(text)} | {p for s in spans for p in s[:2]})
    pieces = []
    active: list[tuple[int, int, str, str]] = []  # the spans covering the current piece, in sorted order
    k = 0
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s[1] > a]
        starting = k
        while k < len(spans) and spans[k][0] == a:
            k += 1
        active.extend(s for s in spans[starting:k] if s[1] > a)  # an empty span covers no piece
        pieces.append({"anchors": list(dict.fromkeys(_anchor(doc, s[0]) for s in spans[starting:k])),
                       "text": text[a:b], "classes": " ".join(sorted({s[2] for s in active})),
                       "tip": "; ".join(dict.fromkeys(s[3] for s in active))})
    return pieces


def _environment(jinja2: Any) -> Any:
    return jinja2.Environment(loader=jinja2.PackageLoader("framelens", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


# -- what a report of a large comparison shows ----------------------------------------------------------------

def _rows_note(shown: int, total: int, what: str, where: str) -> str:
    """'' when every row is shown, else what the page leaves out and where to find it."""
    return "" if shown >= total else f"Showing {shown:,} of {total:,} {what}; {where} has them all."


def _largest_outlets(cmp: Any, max_outlets: int | None) -> tuple[list[str], str]:
    """The ``max_outlets`` outlets with the most documents, in the comparison's order (all when None or
    fewer), and the note a page shows when it leaves some out ('' otherwise)."""
    every = list(cmp.outlets)
    if max_outlets is None or len(every) <= max_outlets:
        return every, ""
    documents = cmp.summary.set_index("outlet")["documents"]
    top = sorted(range(len(every)), key=lambda i: (-int(documents[every[i]]), i))[:max(1, max_outlets)]
    return [every[i] for i in sorted(top)], (
        f"The charts and outlet tables show the {len(top)} outlets with the most documents of {len(every):,} "
        "(the summary lists every outlet; the Comparison's views and to_json() hold them all).")


class _Shown:
    """The part of a comparison a report shows. A report lists every outlet's sentences, quotes and
    documents and draws outlet × outlet charts: right for a story or a few hundred articles, but a whole
    corpus (491 outlets, 37,554 articles) would make charts of tens of thousands of pixels a side and a page
    of gigabytes. So the outlet-wise charts and tables show the ``max_outlets`` outlets with the most
    documents (:func:`_largest_outlets`; the summary table lists every outlet), each outlet's coverage lists
    at most ``max_rows / outlets`` sentences (at least 10), the other long lists their first ``max_rows``
    rows, and the documents section the documents those rows cite. None: no limit."""

    def __init__(self, cmp: Any, max_outlets: int | None, max_rows: int | None) -> None:
        import numpy as np

        self.outlets, note = _largest_outlets(cmp, max_outlets)
        self.notes: list[str] = [note] if note else []
        self.max_rows = max_rows
        self.per_outlet = None if max_rows is None else max(10, max_rows // max(1, len(self.outlets)))
        self.views: dict[str, dict[str, Any]] = {}
        self.all_rows: dict[str, dict[str, Any]] = {}
        self.rows_shown: dict[str, Any] = {}
        for name in ("unique", "omitted"):
            owners = cmp.table(name, columns=["outlet"])["outlet"]
            groups = owners.groupby(owners, sort=False).indices if len(owners) else {}
            rows = {o: np.asarray(groups.get(o, []), dtype=np.int64) for o in self.outlets}
            shown = {o: r if self.per_outlet is None else r[:self.per_outlet] for o, r in rows.items()}
            positions = np.sort(np.concatenate([np.zeros(0, dtype=np.int64), *shown.values()]))
            view = cmp._sentences(name, positions)  # the rows shown only (a corpus's view has 600,000)
            view.index = positions  # index = position in the whole view
            self.all_rows[name] = rows
            self.views[name] = {o: view.loc[r] for o, r in shown.items()}
            self.rows_shown[name] = positions
            if any(len(shown[o]) < len(rows[o]) for o in self.outlets):
                self.notes.append(f"Coverage lists: at most {self.per_outlet:,} {name} sentences per outlet "
                                  f"(Comparison.{name} has them all).")
        # the first rows of the outlets shown, converted alone (a corpus has 780,000 quotes)
        outlet_of = cmp.table("quotes", columns=["outlet"])["outlet"]
        rows = np.flatnonzero(outlet_of.isin(self.outlets).to_numpy())
        self.quotes = cmp.table("quotes", rows=rows[:self._rows(len(outlet_of))])

    def _rows(self, n: int) -> int:
        return n if self.max_rows is None else min(n, self.max_rows)

    def head(self, df: Any) -> Any:
        return df if self.max_rows is None else df.head(self.max_rows)

    def documents(self, cmp: Any, evidence: dict[str, Any], shared: Any) -> Any:
        """The corpus positions of the documents the page shows: all, or (more than ``max_rows``) those its
        rows cite."""
        import pandas as pd

        stories = cmp.stories
        if self.max_rows is None or len(stories) <= self.max_rows:
            return None
        cited = [self.quotes["document"], *(v["document"] for views in self.views.values() for v in views.values()),
                 *(e["document"].dropna() for e in evidence.values())]
        if shared is not None:
            cited.append(pd.Series([m["document"] for g in shared["groups"] for m in g["members"]], dtype="int64"))
        documents = set(pd.concat(cited).astype("int64").tolist()) if cited else set()
        self.notes.append(f"Documents: the {len(documents):,} that the lists above cite, of {len(stories):,}.")
        return documents


def _labels(labels: Any, shown: _Shown) -> dict[str, Any] | None:
    """Actor labels: every outlet's columns, or (outlets left out) the columns of the outlets shown and the
    rows some of them use; the first ``max_rows`` rows."""
    if not len(labels):
        return None
    if len(shown.outlets) < labels.shape[1]:
        labels = labels[shown.outlets]
        labels = labels[(labels.to_numpy() > 0).any(axis=1)]
    return _table(shown.head(labels).reset_index())


class _Views:
    """A comparison whose views are each built once per page: a view is made from the core's tables on
    every access (on a whole corpus the unique sentences alone take seconds), and a page reads several
    more than once."""

    def __init__(self, cmp: Any) -> None:
        self._cmp = cmp
        self._got: dict[Any, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            return getattr(self._cmp, name)
        if name not in self._got:
            self._got[name] = getattr(self._cmp, name)
        return self._got[name]

    def table(self, name: str, columns: Any = None, rows: Any = None) -> Any:
        if columns is not None or rows is not None:  # a part of a table: read as asked
            return self._cmp.table(name, columns=columns, rows=rows)
        if ("table", name) not in self._got:
            self._got[("table", name)] = self._cmp.table(name)
        return self._got[("table", name)]


def report_html(cmp: Any, title: str = "framelens comparison", max_outlets: int | None = 30,
                max_rows: int | None = 1000) -> str:
    jinja2, figure = _libraries()
    charts = _Charts(figure)
    cmp = _Views(cmp)
    shown = _Shown(cmp, max_outlets, max_rows)
    outlets = shown.outlets
    stories = cmp.stories
    n_stories = int(stories["story"].nunique())
    terms = cmp.distinctive_terms
    terms = terms[terms.outlet.isin(outlets)]
    actors = cmp.actors
    evidence = {name: _counterparts(cmp, name, shown.rows_shown[name]) for name in ("unique", "omitted")}
    shared = _shared_quotes(cmp, max_rows)
    page = {
        "title": title, "outlets": cmp.outlets, "documents": len(stories), "stories": n_stories,
        "linked": cmp.corpus is not None,
        "summary": _table(cmp.summary),
        "similarity": _heatmap(charts, cmp.similarity.loc[outlets, outlets], "Outlet × outlet TF-IDF cosine (whole corpus)"),
        "story_similarity": _heatmap(charts, cmp.story_similarity.loc[outlets, outlets],
                                     "Within stories (mean over shared stories)") if n_stories > 1 else None,
        "similarity_table": _table(cmp.similarity.loc[outlets, outlets], index=True, digits=3),
        "coverage": _coverage(cmp, charts, shown, evidence),
        "terms": [_terms_chart(charts, terms[terms.outlet == o], o) for o in outlets if (terms.outlet == o).any()],
        "terms_table": _table(terms.drop(columns=["p"])),
        "sourcing": _sourcing(cmp, charts, shown),
        "shared_quotes": shared,
        "actors": [{"outlet": o, "table": _table(actors[actors.outlet == o].drop(columns=["outlet"]).head(10))}
                   for o in outlets],
        "labels": _labels(cmp.labels, shown),
        "frames": _frames_chart(charts, cmp.frames.loc[outlets]) if cmp.frames.shape[1] else None,
        "frames_table": _table(cmp.frames.loc[outlets], index=True),
        "frame_intervals": _frame_intervals(cmp, outlets),
        "frame_differences": _frame_differences(cmp, outlets),
        "stories_table": _table(shown.head(stories)),
        "stories_note": _rows_note(shown._rows(len(stories)), len(stories), "documents", "Comparison.stories"),
    }
    if page["sourcing"]:
        page["sourcing"]["note"] = _rows_note(len(shown.quotes), page["sourcing"]["quotes_total"], "statements",
                                              "Comparison.quotes")
    page["documents_text"] = _documents(cmp, evidence, shown.documents(cmp, evidence, shared)) if page["linked"] else []
    page["notes"] = shown.notes
    return _environment(jinja2).get_template("report.html.j2").render(page=page)


def summary_html(cmp: Any, max_outlets: int = 30) -> str:
    """Compact HTML for Jupyter: the summary table, the similarity heatmap (when matplotlib is there:
    display never fails for want of it) and the frame scores, of the ``max_outlets`` outlets with the most
    documents."""
    outlets, note = _largest_outlets(cmp, max_outlets)
    summary = cmp.summary[cmp.summary["outlet"].isin(outlets)]
    try:
        jinja2, figure = _libraries()
    except ImportError:
        return ("<div><b>" + repr(cmp).replace("<", "&lt;") + "</b>" + summary.to_html(index=False) +
                (f"<p>{note}</p>" if note else "") +
                "<p>pip install 'framelens[report]' for the charts and <code>.to_html(path)</code>.</p></div>")
    heatmap = _heatmap(_Charts(figure), cmp.similarity.loc[outlets, outlets], "Outlet similarity")
    return _environment(jinja2).get_template("summary.html.j2").render(
        name=repr(cmp), summary=_table(summary), heatmap=heatmap, note=note,
        frames=_table(cmp.frames.loc[outlets], index=True, digits=1))
