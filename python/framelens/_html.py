"""HTML rendering for Jupyter's rich display (``_repr_html_``) of corpora, documents and matrices.

Everything is escaped; nothing is loaded from the network.
"""
from __future__ import annotations

import html
from typing import Any, Iterable, Sequence

STYLE = (
    "<style>.fl-box{font-family:system-ui,sans-serif;font-size:13px;line-height:1.45}"
    ".fl-box table{border-collapse:collapse}.fl-box td,.fl-box th{padding:2px 8px;border-bottom:1px solid #ddd;"
    "text-align:left}.fl-q{background:#fff3bf;border-bottom:2px solid #f08c00}.fl-q-anon{background:#e7f5ff;"
    "border-bottom:2px solid #1c7ed6}.fl-q-scare{background:#f1f3f5;border-bottom:2px dotted #868e96}"
    ".fl-spk{font-weight:600;color:#5f3dc4}.fl-cue{font-style:italic;color:#2b8a3e}.fl-muted{color:#868e96}</style>"
)


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def corpus_html(corpus: Any, max_rows: int = 20) -> str:
    """Summary of a corpus: documents per outlet, then the first documents."""
    counts: dict[str, int] = {}
    for o in corpus.labels("outlet"):
        counts[o] = counts.get(o, 0) + 1
    per_outlet = table(["outlet", "documents"], sorted(counts.items(), key=lambda kv: -kv[1]))
    rows = []
    for i, d in enumerate(corpus):
        if i >= max_rows:
            break
        text = d.text
        rows.append([d.id, d.outlet, d.title, d.get("date"), len(text), text[:80].replace("\n", " ")])
    more = len(corpus) - len(rows)
    docs = table(["id", "outlet", "title", "date", "chars", "text"], rows)
    tail = f"<p class='fl-muted'>… and {more} more documents</p>" if more > 0 else ""
    return (
        f"{STYLE}<div class='fl-box'><b>Corpus</b>: {len(corpus)} documents, {len(counts)} outlets"
        f"{per_outlet}<br>{docs}{tail}</div>"
    )


def highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` with each ``(start, end, css_class, title)`` span (string offsets) wrapped in a <span>.
    Overlapping spans are clipped to keep the markup well formed."""
    out, pos = [], 0
    for start, end, cls, title in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        out.append(esc(text[pos:start]))
        out.append(f"<span class='{esc(cls)}' title='{esc(title)}'>{esc(text[start:end])}</span>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n\n", "<br><br>").replace("\n", "<br>")


def document_html(doc: Any, quotes: Any = None) -> str:
    """A document with its metadata; when ``quotes`` (a DataFrame of its statements) is given, quoted
    content is highlighted and each highlight names its speaker."""
    meta = {"id": doc.id, "outlet": doc.outlet, "title": doc.title, **doc.metadata}
    head = table(["field", "value"], [(k, v) for k, v in meta.items() if v])
    spans = []
    if quotes is not None and len(quotes):
        for q in quotes.itertuples(index=False):
            start, end = getattr(q, "start", None), getattr(q, "end", None)
            if start is None or end is None:
                continue
            kind = getattr(q, "kind", "")
            anon = bool(getattr(q, "anonymous", False))
            cls = "fl-q-scare" if kind == "scare" else ("fl-q-anon" if anon else "fl-q")
            speaker = getattr(q, "speaker", None) or "—"
            spans.append((int(start), int(end), cls, f"{kind}: {speaker}"))
    body = highlight(doc.text, spans)
    removed = doc.removed
    rem = ""
    if removed:
        rem = "<details><summary class='fl-muted'>{} removed lines</summary>{}</details>".format(
            len(removed), table(["line", "rule", "text"], [(r["line"], r["rule"], r["text"]) for r in removed])
        )
    return f"{STYLE}<div class='fl-box'>{head}{rem}<div style='max-width:60em;margin-top:8px'>{body}</div></div>"


def dtm_html(dtm: Any, n_terms: int = 10, max_rows: int = 12) -> str:
    """Summary of a document-term matrix: shape, sparsity, weighting, the top terms overall and the
    first rows' top terms (never the dense matrix)."""
    n_rows, n_terms_total = dtm.shape
    nnz = dtm.matrix.nnz
    density = nnz / (n_rows * n_terms_total) if n_rows and n_terms_total else 0.0
    top = dtm.top_terms(n_terms)
    overall = ", ".join(f"{esc(t)} ({v:.3g})" for t, v in top.items())
    rows = []
    for i, name in enumerate(dtm.docnames[:max_rows]):
        row_top = dtm.top_terms(5, row=i)
        rows.append([name, int(dtm.matrix.indptr[i + 1] - dtm.matrix.indptr[i]), ", ".join(row_top.index)])
    more = n_rows - len(rows)
    tail = f"<p class='fl-muted'>… and {more} more rows</p>" if more > 0 else ""
    return (
        f"{STYLE}<div class='fl-box'><b>DocumentTermMatrix</b>: {n_rows} rows × {n_terms_total} terms, "
        f"{nnz} non-zero ({density:.2%}), weighting <i>{esc(dtm.weighting)}</i>"
        f"<p>top terms: {overall}</p>{table(['row', 'terms', 'top terms'], rows)}{tail}</div>"
    )
