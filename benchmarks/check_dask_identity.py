#!/usr/bin/env python3
"""framelens.dask gives the single process's answers on the whole article-bias corpus, not only on the test slices.

Reads the 16 Parquet parts ``benchmarks/bench_dask.py --parts DIR`` wrote (the whole corpus with its story
column), computes each result in this process (``threads=2``) and on a ``LocalCluster`` with 2 workers
(``dd.read_parquet``), and checks them with :mod:`framelens.testing`: counts, strings and labels exactly,
floats within 1e-9. Prints one line per result (sizes, seconds, largest float difference) and exits 1 on
the first difference, naming the table, column and row.

    .venv/bin/python benchmarks/bench_dask.py --parts /tmp/fl_dask/parts --tasks ceiling --skip-dask-ml  # writes the parts
    .venv/bin/python benchmarks/check_dask_identity.py --parts /tmp/fl_dask/parts
    .venv/bin/python benchmarks/check_dask_identity.py --parts /tmp/fl_dask/parts --tasks dtm quotes

Not a timing: the two runs share the machine with each other's leftovers (see bench_dask.py for speed).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

FIELDS = dict(text="content_original", outlet="source", id="ID")


def largest_float_difference(got, want) -> float:
    """The largest absolute difference over the float columns and matrices of two equal comparisons."""
    import numpy as np
    import pandas as pd

    worst = 0.0
    for name in want._core.table_names:
        a, b = got.table(name), want.table(name)
        for col in b.columns:
            if pd.api.types.is_float_dtype(b[col]) and len(b):
                d = np.abs(a[col].to_numpy(float) - b[col].to_numpy(float))
                worst = max(worst, float(np.nanmax(d)) if np.isfinite(d).any() else 0.0)
    for name in want._core.matrix_names:
        d = np.abs(np.asarray(got._core.matrix(name)) - np.asarray(want._core.matrix(name)))
        worst = max(worst, float(np.nanmax(d)) if d.size and np.isfinite(d).any() else 0.0)
    return worst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", type=Path, required=True, help="the folder bench_dask.py --parts wrote")
    ap.add_argument("--tasks", nargs="+", choices=["compare", "dtm", "quotes"], default=["compare", "dtm", "quotes"])
    args = ap.parse_args()
    files = sorted(args.parts.glob("*.parquet"), key=lambda p: int(p.stem.split(".")[-1]))
    if not files:
        sys.exit(f"no Parquet parts in {args.parts}: write them with benchmarks/bench_dask.py --parts {args.parts}")

    import dask.dataframe as dd
    import distributed
    import pandas as pd

    import framelens
    import framelens.dask as fd
    from framelens.testing import assert_comparison_equal, assert_dtm_equal

    # the parts in dd.read_parquet's order (part.2 before part.10), as bench_dask.py reads them
    corpus = framelens.Corpus.from_pandas(pd.concat([pd.read_parquet(f) for f in files], ignore_index=True), **FIELDS)
    print(f"{len(corpus)} documents in {len(files)} parts", flush=True)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="6GB") as cluster, distributed.Client(cluster):
        ddf = dd.read_parquet(args.parts)
        if "dtm" in args.tasks:
            t0 = time.perf_counter()
            want = corpus.dtm(threads=2)
            t1 = time.perf_counter()
            got = fd.dtm(ddf, **FIELDS)
            t2 = time.perf_counter()
            assert_dtm_equal(got, want)
            print(f"dtm: {want.shape[0]} x {want.shape[1]}, {want.matrix.nnz} entries equal "
                  f"(one process {t1 - t0:.1f} s, 2 workers {t2 - t1:.1f} s)", flush=True)
            want, got = want.group("outlet"), fd.dtm(ddf, **FIELDS, by="outlet")
            assert_dtm_equal(got, want)
            print(f"dtm by outlet: {want.shape[0]} x {want.shape[1]} equal", flush=True)
            del want, got
        if "quotes" in args.tasks:
            t0 = time.perf_counter()
            want = corpus.quotes(threads=2)
            t1 = time.perf_counter()
            got = fd.quotes(ddf, **FIELDS).compute().reset_index(drop=True)
            t2 = time.perf_counter()
            pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=0, atol=1e-9)
            print(f"quotes: {len(want)} rows x {len(want.columns)} columns equal "
                  f"(one process {t1 - t0:.1f} s, 2 workers {t2 - t1:.1f} s)", flush=True)
            del want, got
        if "compare" in args.tasks:
            t0 = time.perf_counter()
            want = framelens.compare(corpus, story="story", threads=2)
            t1 = time.perf_counter()
            got = fd.compare(ddf, **FIELDS, story="story")
            t2 = time.perf_counter()
            assert_comparison_equal(got, want)
            rows = {name: want._core.table_rows(name) for name in want._core.table_names}
            print(f"compare: {len(rows)} tables ({sum(rows.values())} rows: documents {rows['documents']}, "
                  f"sentences {rows['sentences']}, quotes {rows['quotes']}) and {len(want._core.matrix_names)} "
                  f"matrices equal, largest float difference {largest_float_difference(got, want):.3g} "
                  f"(one process {t1 - t0:.1f} s, 2 workers {t2 - t1:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
