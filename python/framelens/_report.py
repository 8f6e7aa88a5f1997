"""HTML for :class:`framelens.Comparison`: a standalone offline report and the Jupyter summary.

Everything is inline (CSS, SVG charts, one small script that records the rendered size of each chart);
nothing is fetched from the network. Every unique or omitted sentence links to its place in the article
text, which the report includes when the comparison still holds its corpus.
"""
from __future__ import annotations

import html
import math
from typing import Any

_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
            "#bcbd22"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;
line-height:1.45;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .5em;
vertical-align:top}th{background:#f4f4f4;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.outlet{font-weight:600}.muted{color:#777}.doc{border:1px solid #ddd;padding:.6em 1em;margin:.8em 0;
white-space:pre-wrap;font-size:.9em}mark{background:#fff3b0}mark.unique{background:#d8f0d0}
span:target+mark{outline:2px solid #d62728}mark.statement{text-decoration:underline dotted}mark.match{background:#e8eefc}details{margin:.4em 0}svg{display:block;margin:.6em 0}
.legend span{display:inline-block;margin-right:1em}.sw{display:inline-block;width:.9em;height:.9em;
margin-right:.3em;vertical-align:middle}
"""

_SCRIPT = """
document.querySelectorAll('svg.chart').forEach(function (s) {
  var r = s.getBoundingClientRect();
  s.setAttribute('data-rendered', Math.round(r.width) + 'x' + Math.round(r.height));
});
document.body.setAttribute('data-report-ready', 'yes');
"""


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _num(v: Any, digits: int = 2) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return _e(v)


def _color(i: int) -> str:
    return _PALETTE[i % len(_PALETTE)]


def _table(df: Any, index: bool = False, digits: int = 2) -> str:
    head = ([_e(df.index.name or "")] if index else []) + [_e(c) for c in df.columns]
    out = ["<table><thead><tr>", "".join(f"<th>{h}</th>" for h in head), "</tr></thead><tbody>"]
    for idx, row in df.iterrows():
        cells = [f"<th>{_e(idx)}</th>"] if index else []
        for v in row.tolist():
            cls = ' class="num"' if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
            if isinstance(v, (list, dict)):
                v = ", ".join(f"{k} ({n})" for k, n in v.items()) if isinstance(v, dict) else ", ".join(map(str, v))
            cells.append(f"<td{cls}>{_num(v, digits)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


# -- charts (inline SVG) --------------------------------------------------------------------------------

def _heatmap_svg(df: Any, title: str) -> str:
    names = [str(x) for x in df.index]
    n = len(names)
    cell, left, top = 46, 170, 30
    width, height = max(left + cell * n + 20, 60 + 7 * len(title)), top + cell * n + 130
    vals = df.to_numpy(dtype=float)
    finite = vals[~(vals != vals)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    parts = [f'<svg class="chart heatmap" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="18" font-size="13" font-weight="600">{_e(title)}</text>']
    for i in range(n):
        parts.append(f'<text x="{left - 6}" y="{top + cell * i + cell / 2 + 4}" font-size="11" '
                     f'text-anchor="end">{_e(names[i])}</text>')
        for j in range(n):
            v = vals[i, j]
            if v != v:
                fill, label = "#eee", "–"
            else:
                t = 0.0 if hi == lo else (v - lo) / (hi - lo)
                shade = int(235 - 170 * t)
                fill, label = f"rgb({shade},{shade + 10 if shade < 245 else 255},255)", f"{v:.2f}"
            parts.append(f'<rect x="{left + cell * j}" y="{top + cell * i}" width="{cell - 2}" height="{cell - 2}" '
                         f'fill="{fill}"><title>{_e(names[i])} / {_e(names[j])}: {label}</title></rect>')
            parts.append(f'<text x="{left + cell * j + cell / 2 - 1}" y="{top + cell * i + cell / 2 + 4}" '
                         f'font-size="11" text-anchor="middle">{label}</text>')
    for j in range(n):
        x, y = left + cell * j + cell / 2, top + cell * n + 8
        parts.append(f'<text x="{x}" y="{y}" font-size="11" text-anchor="end" '
                     f'transform="rotate(-45 {x} {y})">{_e(names[j])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _grouped_bars_svg(df: Any, title: str, unit: str) -> str:
    """Rows of df = groups (outlets), columns = categories; one horizontal bar per (category, outlet)."""
    outlets = [str(x) for x in df.index]
    cats = [str(c) for c in df.columns]
    bar, gap, left = 12, 10, 150
    width = 720
    plot = width - left - 60
    height = 40 + len(cats) * (bar * len(outlets) + gap) + 30
    vmax = float(max(df.to_numpy(dtype=float).max(), 1e-9))
    parts = [f'<svg class="chart bars" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="16" font-size="13" font-weight="600">{_e(title)}</text>']
    y = 30
    for c in cats:
        parts.append(f'<text x="{left - 6}" y="{y + bar * len(outlets) / 2 + 4}" font-size="11" '
                     f'text-anchor="end">{_e(c)}</text>')
        for k, o in enumerate(outlets):
            v = float(df.loc[df.index[k], c])
            w = plot * v / vmax
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{_color(k)}">'
                         f'<title>{_e(o)} — {_e(c)}: {v:.2f} {_e(unit)}</title></rect>')
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}" font-size="9">{v:.1f}</text>')
            y += bar
        y += gap
    parts.append("</svg>")
    return "".join(parts)


def _stacked_svg(rows: list[tuple[str, list[float]]], parts_names: list[str], title: str) -> str:
    bar, left, width = 18, 170, 720
    plot = width - left - 80
    height = 40 + len(rows) * (bar + 6) + 20
    total_max = max([sum(v) for _, v in rows] + [1e-9])
    colors = ["#2ca02c", "#1f77b4", "#d62728", "#ff7f0e"]
    out = [f'<svg class="chart stacked" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="0" y="16" font-size="13" font-weight="600">{_e(title)}</text>']
    y = 30
    for name, vals in rows:
        out.append(f'<text x="{left - 6}" y="{y + bar - 5}" font-size="11" text-anchor="end">{_e(name)}</text>')
        x = float(left)
        for k, v in enumerate(vals):
            w = plot * v / total_max
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colors[k % 4]}">'
                       f'<title>{_e(name)} — {_e(parts_names[k])}: {v:g}</title></rect>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar - 5}" font-size="10">'
                   f'{" / ".join(f"{v:g}" for v in vals)}</text>')
        y += bar + 6
    out.append("</svg>")
    legend = "".join(f'<span><i class="sw" style="background:{colors[k % 4]}"></i>{_e(p)}</span>'
                     for k, p in enumerate(parts_names))
    return "".join(out) + f'<div class="legend">{legend}</div>'


def _terms_svg(terms: list[dict[str, Any]], title: str, color: str) -> str:
    terms = terms[:12]
    bar, left, width = 16, 130, 340
    plot = width - left - 50
    height = 30 + len(terms) * bar + 10
    vmax = max([t["score"] or 0 for t in terms] + [1e-9])
    out = [f'<svg class="chart terms" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="0" y="16" font-size="12" font-weight="600">{_e(title)}</text>']
    y = 26
    for t in terms:
        w = plot * (t["score"] or 0) / vmax
        out.append(f'<text x="{left - 6}" y="{y + bar - 5}" font-size="11" text-anchor="end">{_e(t["term"])}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 3}" fill="{color}">'
                   f'<title>{_e(t["term"])}: {t["score"]:.2f} ({t["n_target"]:g} vs {t["n_reference"]:g})</title></rect>')
        out.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 5}" font-size="9">{t["score"]:.1f}</text>')
        y += bar
    out.append("</svg>")
    return "".join(out)


# -- page ---------------------------------------------------------------------------------------------

def _anchor(doc: int, start: int) -> str:
    return f"s-{doc}-{start}"


def _sentence_rows(items: list[dict[str, Any]], linked: bool, who: str) -> str:
    if not items:
        return '<p class="muted">none</p>'
    out = ["<table><thead><tr><th>story</th>" + ("<th>reported by</th>" if who else "") +
           "<th>sentence</th><th>best match elsewhere</th><th>entities</th></tr></thead><tbody>"]
    for s in items:
        text = _e(s["text"])
        if linked:
            text = f'<a href="#{_anchor(s["document"], s["start"])}">{text}</a>'
        parts = []
        for k, v in sorted(s["best"].items()):
            m = s.get("matches", {}).get(k)
            label = f"{_e(k)} {v:.2f}"
            if linked and m:
                label = f'<a href="#{_anchor(m["document"], m["start"])}" title="closest sentence there">{label}</a>'
            parts.append(label)
        best = ", ".join(parts)
        out.append(f"<tr><td>{_e(s['story'])}</td>" + (f"<td>{_e(s['outlet'])}</td>" if who else "") +
                   f"<td>{text} <span class=\"muted\">[doc {s['document']}, {s['start']}–{s['end']}]"
                   f"{'; also ' + _e(', '.join(s['reported_by'][1:])) if who and len(s['reported_by']) > 1 else ''}"
                   f"</span></td>"
                   f"<td>{best}</td><td>{_e(', '.join(s['entities']))}</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _documents_html(cmp: Any, marks: dict[int, list[tuple[int, int, str, str]]]) -> str:
    """Article texts with the cited spans highlighted. Spans may overlap (a statement inside a unique
    sentence): the text is cut at every span boundary, each piece carries the classes of the spans
    covering it, and every span start gets its own anchor, so each link has a target."""
    corpus = cmp.corpus
    out = []
    for d in cmp.data["stories"]:
        i = d["document"]
        text = corpus[i].text
        spans = sorted(set(marks.get(i, [])))
        cuts = sorted({0, len(text)} | {p for s in spans for p in s[:2]})
        starts: dict[int, list[str]] = {}
        for start, _end, _cls, _tip in spans:
            anchor = _anchor(i, start)
            if anchor not in starts.setdefault(start, []):
                starts[start].append(anchor)
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            pieces.extend(f'<span id="{x}"></span>' for x in starts.get(a, []))
            covering = [s for s in spans if s[0] <= a and b <= s[1]]
            piece = _e(text[a:b])
            if covering:
                classes = " ".join(sorted({s[2] for s in covering}))
                tip = "; ".join(dict.fromkeys(s[3] for s in covering))
                piece = f'<mark class="{classes}" title="{_e(tip)}">{piece}</mark>'
            pieces.append(piece)
        title = d["title"] or d["id"]
        out.append(f'<details id="doc-{i}"><summary><span class="outlet">{_e(d["outlet"])}</span> — '
                   f'{_e(title)} <span class="muted">(story {_e(d["story"])}, document {i})</span></summary>'
                   f'<div class="doc">{"".join(pieces)}</div></details>')
    return "".join(out)


def report_html(cmp: Any, title: str = "framelens comparison") -> str:
    data = cmp.data
    outlets = cmp.outlets
    linked = cmp.corpus is not None
    body: list[str] = [f"<h1>{_e(title)}</h1>"]
    n_stories = len({d["story"] for d in data["stories"]})
    body.append(f'<p>{len(outlets)} outlets ({_e(data["by"])}), {len(data["stories"])} documents, {n_stories} '
                f'stories. Sentences are aligned across the outlets of each story by TF-IDF cosine '
                f'(threshold {data["align_threshold"]:.2f}); distinctive terms by {_e(data["keyness_measure"])}. '
                f'Schema {_e(data["schema"])} v{data["version"]}.</p>')
    body.append("<nav><a href=\"#summary\">Summary</a> · <a href=\"#similarity\">Similarity</a> · "
                "<a href=\"#coverage\">Coverage</a> · <a href=\"#terms\">Distinctive terms</a> · "
                "<a href=\"#sourcing\">Sourcing</a> · <a href=\"#actors\">Actors</a> · <a href=\"#frames\">Frames</a>"
                " · <a href=\"#stories\">Stories</a>" + (" · <a href=\"#documents\">Documents</a>" if linked else "") +
                "</nav>")
    body.append('<h2 id="summary">Summary</h2>' + _table(cmp.summary))
    body.append('<h2 id="similarity">Similarity</h2>')
    body.append(_heatmap_svg(cmp.similarity, "Outlet × outlet TF-IDF cosine (whole corpus)"))
    if n_stories > 1:
        body.append(_heatmap_svg(cmp.story_similarity, "Within stories (mean over shared stories)"))
    body.append(_table(cmp.similarity.round(3), index=True, digits=3))

    body.append('<h2 id="coverage">Coverage and omission</h2>')
    cov_rows = [(o["outlet"], [float(sum(o["shared"].values())), float(len(o["unique"]))]) for o in data["outlets"]]
    body.append(_stacked_svg(cov_rows, ["sentence-matches in other outlets", "sentences only this outlet reports"],
                             "Sentences shared with other outlets vs reported alone"))
    body.append("<p>Rows: outlet; columns: how many of its sentences the other outlet also reports "
                "(diagonal: reported by no other outlet).</p>" + _table(cmp.coverage, index=True))
    for o in data["outlets"]:
        body.append(f'<h3 id="cov-{_e(o["outlet"])}">{_e(o["outlet"])}</h3>')
        if o["unique_entities"]:
            body.append(f'<p>Names only this outlet mentions in a story: {_e(", ".join(o["unique_entities"]))}</p>')
        if o["omitted_entities"]:
            body.append(f'<p>Names every other outlet mentions but this one does not: '
                        f'{_e(", ".join(o["omitted_entities"]))}</p>')
        body.append(f'<details open><summary>Reported only by {_e(o["outlet"])} ({len(o["unique"])})</summary>'
                    + _sentence_rows(o["unique"], linked, "") + "</details>")
        body.append(f'<details><summary>Reported by others, left out by {_e(o["outlet"])} ({o["omitted_total"]})'
                    f'</summary>' + _sentence_rows(o["omitted"], linked, "who") + "</details>")

    body.append('<h2 id="terms">Distinctive terms</h2><p>Each outlet against all the others.</p><div>')
    for k, o in enumerate(data["outlets"]):
        body.append(f'<div style="display:inline-block;vertical-align:top">'
                    f'{_terms_svg(o["distinctive_terms"], o["outlet"], _color(k))}</div>')
    body.append("</div>" + _table(cmp.distinctive_terms.drop(columns=["p"]), digits=2))

    body.append('<h2 id="sourcing">Sourcing</h2>')
    if any(o["sourcing"]["statements"] for o in data["outlets"]):
        rows = []
        for o in data["outlets"]:
            k = o["sourcing"]["kinds"]
            rows.append((o["outlet"], [float(k.get("direct", 0) + k.get("partial", 0)), float(k.get("indirect", 0)),
                                       float(k.get("scare", 0))]))
        body.append(_stacked_svg(rows, ["direct and partial quotes", "indirect speech", "scare quotes"],
                                 "Statements by kind"))
        anon = [(o["outlet"], [o["sourcing"]["named_share"], o["sourcing"]["anonymous_share"]]) for o in data["outlets"]]
        body.append(_stacked_svg(anon, ["named", "anonymous"], "Named vs anonymous sources (share of attributed)"))
        body.append(_table(cmp.sourcing))
        body.append("<h3>Speakers quoted by both outlets</h3>" + _table(cmp.speaker_overlap, index=True))
        st = cmp.statements
        if len(st):
            rows_html = ["<table><thead><tr><th>outlet</th><th>speaker</th><th>kind</th><th>anonymous</th>"
                         "<th>affiliation</th><th>cue</th><th>words</th></tr></thead><tbody>"]
            for _, r in st.iterrows():
                text = _e(r["text"])
                if linked:
                    text = f'<a href="#{_anchor(int(r["document"]), int(r["start"]))}">{text}</a>'
                rows_html.append(f"<tr><td>{_e(r['outlet'])}</td><td>{_e(r['speaker'])}</td><td>{_e(r['kind'])}</td>"
                                 f"<td>{'yes' if r['anonymous'] else 'no'}</td><td>{_e(r['affiliation'])}</td>"
                                 f"<td>{_e(r['cue'])}</td><td>{text}</td></tr>")
            rows_html.append("</tbody></table>")
            body.append("<details><summary>Every statement</summary>" + "".join(rows_html) + "</details>")
    else:
        body.append('<p class="muted">No attributed statements were given to this comparison.</p>')

    body.append('<h2 id="actors">Actors</h2><p>Names by mentions; first position is the mean relative place '
                '(0 = top of the article) of the first mention.</p>')
    for o in data["outlets"]:
        a = cmp.actors.query("outlet == @o['outlet']").drop(columns=["outlet"]).head(10)
        body.append(f'<div style="display:inline-block;vertical-align:top;margin-right:1em">'
                    f'<h3>{_e(o["outlet"])}</h3>{_table(a)}</div>')
    labels = cmp.labels
    if len(labels):
        body.append("<h3>Labelling: the words each outlet uses for an actor</h3>" +
                    _table(labels.reset_index()))

    body.append('<h2 id="frames">Frames</h2>')
    body.append(_grouped_bars_svg(cmp.frames, "Frame scores per 1,000 tokens", "per 1,000 tokens"))
    legend = "".join(f'<span><i class="sw" style="background:{_color(k)}"></i>{_e(o)}</span>'
                     for k, o in enumerate(outlets))
    body.append(f'<div class="legend">{legend}</div>' + _table(cmp.frames, index=True))
    iv = cmp.frame_intervals(resamples=1000)  # outlets x frames rows, not per document
    iv["cell"] = [f"{s:.2f} ({lo:.2f}–{hi:.2f})" for s, lo, hi in zip(iv["score"], iv["low"], iv["high"])]
    iv = iv.pivot(index="outlet", columns="frame", values="cell").reindex(index=outlets, columns=list(cmp.frames.columns))
    body.append("<h3>Mean document score per outlet with a 95% bootstrap interval over its documents</h3>" +
                _table(iv.rename_axis(index="outlet", columns=None), index=True))

    body.append('<h2 id="stories">Stories</h2>' + _table(cmp.stories))
    if linked:
        marks: dict[int, list[tuple[int, int, str, str]]] = {}
        for o in data["outlets"]:
            for s in o["unique"]:
                marks.setdefault(s["document"], []).append((s["start"], s["end"], "unique", f"only {o['outlet']}"))
            for it in o["sourcing"]["items"]:
                marks.setdefault(it["document"], []).append(
                    (it["start"], it["end"], "statement", f"{it['speaker'] or 'unattributed'} ({it['kind']})"))
        for o in data["outlets"]:
            for s in o["omitted"]:
                marks.setdefault(s["document"], []).append((s["start"], s["end"], "omitted",
                                                            f"left out by {o['outlet']}"))
            for s in o["unique"] + o["omitted"]:
                for other, m in s.get("matches", {}).items():
                    marks.setdefault(m["document"], []).append((m["start"], m["end"], "match",
                                                                f"closest {other} sentence to one cited above"))
        body.append('<h2 id="documents">Documents</h2><p>Highlighted: sentences cited above (green: reported by '
                    'this outlet alone).</p>' + _documents_html(cmp, marks))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body>{''.join(body)}<script>{_SCRIPT}</script></body></html>")


def summary_html(cmp: Any) -> str:
    """Compact HTML for Jupyter: the summary table, the similarity heatmap and the frame scores."""
    return (f"<div><b>{_e(repr(cmp))}</b>{_table(cmp.summary)}"
            f"{_heatmap_svg(cmp.similarity, 'Outlet similarity')}{_table(cmp.frames.round(1), index=True, digits=1)}"
            "<p>Views: <code>.unique</code>, <code>.omitted</code>, <code>.distinctive_terms</code>, "
            "<code>.sourcing</code>, <code>.actors</code>, <code>.frames</code>, <code>.stories</code>; "
            "<code>.to_html(path)</code> writes the full report.</p></div>")
