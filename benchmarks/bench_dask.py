#!/usr/bin/env python3
"""framelens.dask on a LocalCluster with 1 and 2 workers, side by side with dask-ml and the single-process API.

The whole article-bias corpus is written as 16 Parquet parts (to a temporary folder, by a separate process)
and read with ``dd.read_parquet``; every measurement then runs in its own process, timed from
``read_parquet`` to the finished result on the client:

  framelens.dask   fd.dtm(ddf)                  the documents x terms count matrix, stacked on the client
                   fd.dtm(ddf, by="outlet")     outlets x terms (no document row reaches the client)
                   fd.compare(ddf, story="story")   the comparison (only its tables reach the client)
                   fd.group_stories(ddf)        the story labels, checked equal to the single process's
                   fd.quotes(ddf).compute()     every statement's row on the client (--tasks quotes only)
  dask-ml          CountVectorizer().fit_transform(ddf[text].to_bag()).compute()   (when dask-ml is installed)
  single process   Corpus.from_pandas(pd.read_parquet(...)).dtm(threads=2), .compare(story="story"), and
                   framelens.group_stories(corpus, threads=2) (and .quotes(threads=2) with --tasks quotes)

The story column is framelens.group_stories() of the corpus, computed once while the parts are written (not
timed): fd.compare needs one story label per document (docs/dask.md).

Clusters: ``LocalCluster(n_workers=N, threads_per_worker=1, processes=True)`` for N = 1 and 2 (started
before the clock runs; the workers import framelens before it, too). Reported: wall seconds, the client
process's peak RSS (its first run's; ``--repeat``: also the largest of later runs, MB), the peak RSS of each
worker process (over all runs, MB), the CPU seconds the
workers spent together (on a busy machine the ratio of wall times shows how much CPU each configuration was
given; the CPU seconds show how much more work two workers do than one) and those of the client's process,
which also runs the LocalCluster's scheduler (with two workers on two cores, that CPU comes out of the
workers' time; with one it has a core of its own). The load average is
printed before and after: on a shared machine, ratios between runs are only meaningful when it is low.

    .venv/bin/python benchmarks/bench_dask.py                       # everything on the whole corpus (idle machine)
    .venv/bin/python benchmarks/bench_dask.py --tasks compare       # fd.compare only, 1 vs 2 workers + single process
    .venv/bin/python benchmarks/bench_dask.py --tasks ceiling       # the machine's own 1-vs-2-process throughput
    .venv/bin/python benchmarks/bench_dask.py --tasks dtm dask-ml   # fd.dtm vs dask-ml's CountVectorizer
    .venv/bin/python benchmarks/bench_dask.py --tasks quotes        # fd.quotes(ddf).compute() vs Corpus.quotes (not in the default set)
    .venv/bin/python benchmarks/bench_dask.py --limit 3000          # a quick run on the first 3,000 articles
    .venv/bin/python benchmarks/bench_dask.py --parts /tmp/ab-parts # keep the Parquet parts for the next run
    .venv/bin/python benchmarks/bench_dask.py --tasks dtm --repeat 3   # each cluster run 3 times, the median reported
    .venv/bin/python benchmarks/bench_dask.py --tasks ceiling dtm --rounds 3   # 3 rounds of ceiling and 1-vs-2 pairs

dask-ml is not a dependency of framelens; the extra ``dask-bench`` installs it
(``.venv/bin/python -m pip install --no-build-isolation '.[dask-bench]'``). Without it the script stops, saying
so, unless ``--skip-dask-ml`` leaves its rows out.

Fair threads: every worker runs one task at a time (``threads_per_worker=1``), framelens's C++ uses one
thread per task (``threads=1``), Arrow's CPU pool is set to one thread in each worker (``one_core``) and
the OpenMP/BLAS/numba pools to one thread by the environment, so "1 worker" is one core's work and
"2 workers" two cores' (the client and the scheduler run in the timing process beside them). The
single-process rows use ``threads=2`` and Arrow's default pool.

The first row ("machine ceiling", ``--tasks ceiling``) is the anchor for the 1-vs-2-worker ratios: the
same C++ work (four parts read, made a corpus and counted three times) in one process alone, then in two
processes at once; twice the first time over the second is the most two workers can gain over one on
this machine (two vCPUs of a VM need not give two cores' throughput).

The issue's proof needs the whole corpus on an idle machine: 2 workers >= 1.7x faster than 1 worker (dtm and
compare), fd.dtm >= 10x faster than dask-ml's CountVectorizer on the same cluster, client peak RSS <= 1 GB.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared")) / "corpora/article-bias/articles.jsonl.gz"
FIELDS = dict(text="content_original", outlet="source", id="ID")
PARTS = 16


def peak_mb() -> float:
    """This process's peak RSS in MB since the last :func:`reset_peak` (Linux: VmHWM), else since it started."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def reset_peak() -> None:
    """Start this process's peak RSS afresh (Linux >= 4.0), so that each repeated run reports its own peak."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def prepare(data: Path, out: Path, limit: int | None, stories: bool) -> None:
    """The corpus as 16 Parquet parts (run in its own process: the client measurements never hold it)."""
    import dask.dataframe as dd
    import pandas as pd

    rows = []
    with gzip.open(data, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows.append({k: d.get(k) or "" for k in ("ID", "source", "title", "date", "topic", "content_original")})
            if limit and len(rows) >= limit:
                break
    df = pd.DataFrame(rows)
    if stories:
        import framelens

        df["story"] = framelens.group_stories(framelens.Corpus.from_pandas(df, **FIELDS), threads=2)
    dd.from_pandas(df, npartitions=PARTS).to_parquet(out, write_index=False)
    print(json.dumps({"documents": len(df), "mb": float(df["content_original"].str.len().sum() / 1e6)}))


def one_core() -> int:
    """A worker held to one core: Arrow's CPU pool (Parquet decoding, the shuffle's tables) to one thread, as
    the worker's one task thread and framelens's threads=1; the BLAS/OpenMP/numba pools are set to one thread
    by the environment before the workers start. Returns Arrow's CPU count, for the record."""
    import pyarrow as pa

    pa.set_cpu_count(1)
    return pa.cpu_count()


ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")}


def run_cluster(parts: Path, workers: int, task: str, repeat: int = 1) -> dict:
    os.environ.update(ONE_THREAD)  # inherited by the worker processes
    import distributed

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="6GB") as cluster, distributed.Client(cluster) as client:
        client.run(lambda: __import__("framelens.dask"))
        if task == "dask-ml":
            client.run(lambda: __import__("dask_ml.feature_extraction.text"))
        if set(client.run(one_core).values()) != {1}:
            raise RuntimeError("a worker's Arrow CPU pool is not one thread")
        import dask.dataframe  # noqa: F401  (imported before any clock or CPU reading: 2 s of imports are no part of a run)
        import framelens.dask  # noqa: F401
        cpu0, own0 = client.run(cpu_seconds), cpu_seconds()
        runs = []
        for _ in range(repeat):
            reset_peak()
            runs.append({**timed_task(parts, task), "client_mb": peak_mb()})
        cpu1, own1 = client.run(cpu_seconds), cpu_seconds()
        worker_mb = sorted(v / 1024 for v in client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values())
    seconds = sorted(r.pop("seconds") for r in runs)
    # the client's peak in its first run (a fresh process, as a user's first call) and the largest over the runs
    # (memory the allocator kept from a run before raises a later run's peak)
    return {**runs[-1], "seconds": seconds[len(seconds) // 2], "runs": seconds, "client_mb": runs[0]["client_mb"],
            "client_mb_max": max(r["client_mb"] for r in runs),
            "worker_mb": worker_mb, "worker_cpu": sum(cpu1[k] - cpu0[k] for k in cpu0) / repeat,
            "client_cpu": (own1 - own0) / repeat}


def timed_task(parts: Path, task: str) -> dict:
    """One run of ``task`` on the cluster of this process's client, from ``read_parquet`` to the result."""
    import dask.dataframe as dd

    extra = {}
    t0 = time.perf_counter()
    ddf = dd.read_parquet(parts)
    if task == "fd.dtm":
        import framelens.dask as fd

        m = fd.dtm(ddf, **FIELDS)
        shape = m.shape
    elif task == "fd.dtm by outlet":
        import framelens.dask as fd

        m = fd.dtm(ddf, **FIELDS, by="outlet")
        shape = m.shape
    elif task == "fd.compare":
        import framelens.dask as fd

        c = fd.compare(ddf, **FIELDS, story="story")
        shape = (c._core.table_rows("documents"), c._core.table_rows("sentences"))  # the tables as received
    elif task == "fd.quotes":
        import framelens.dask as fd

        q = fd.quotes(ddf, **FIELDS).compute()  # every statement's row reaches the client: the result asked for
        shape = q.shape
    elif task == "fd.group_stories":
        import framelens.dask as fd

        labels = fd.group_stories(ddf, text=FIELDS["text"]).compute()
        shape = (len(labels), labels.nunique())
        seconds = time.perf_counter() - t0
        extra["equal"] = int((labels.to_numpy() == stored_stories(parts)).sum())  # checked after the clock
        return {"seconds": seconds, "shape": list(shape), **extra}
    else:
        from dask_ml.feature_extraction.text import CountVectorizer

        x = CountVectorizer().fit_transform(ddf[FIELDS["text"]].to_bag()).compute()  # dask-ml takes a bag
        shape = x.shape
    return {"seconds": time.perf_counter() - t0, "shape": list(shape), **extra}


def stored_stories(parts: Path) -> "np.ndarray":
    """The story column written with the parts: framelens.group_stories of the whole corpus (one process)."""
    import pandas as pd

    files = sorted(parts.glob("*.parquet"), key=lambda p: int(p.stem.split(".")[-1]))
    return pd.concat([pd.read_parquet(f, columns=["story"]) for f in files], ignore_index=True)["story"].to_numpy()


def cpu_seconds() -> float:
    """A process's CPU time so far (user + system): on a busy machine the workers' CPU seconds show how much
    work a configuration did, where its wall time mostly shows how much CPU it was given. The client's own
    process also runs the LocalCluster's scheduler and nanny monitors: its CPU shares the cores with the
    workers."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_single(parts: Path, task: str) -> dict:
    import pandas as pd

    import framelens

    t0 = time.perf_counter()
    # the parts in dd.read_parquet's order (part.2 before part.10; pd.read_parquet(folder) sorts by name),
    # so that both see the same corpus in the same order
    files = sorted(parts.glob("*.parquet"), key=lambda p: int(p.stem.split(".")[-1]))
    df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    corpus = framelens.Corpus.from_pandas(df, **FIELDS)
    if task == "compare":
        c = framelens.compare(corpus, story="story", threads=2)
        shape = (c._core.table_rows("documents"), c._core.table_rows("sentences"))
    elif task == "stories":
        labels = framelens.group_stories(corpus, threads=2)
        shape = (len(labels), len(set(labels)))
    elif task == "quotes":
        shape = corpus.quotes(threads=2).shape
    else:
        shape = corpus.dtm(threads=2).shape
    return {"seconds": time.perf_counter() - t0, "shape": list(shape), "client_mb": peak_mb(), "worker_mb": []}


def run_ceiling(parts: Path) -> dict:
    """The same kind of C++ work as a worker's, timed in this process: four Parquet parts read, made a corpus
    and counted (threads=1) three times. Run alone and then as two processes at once, it gives the most two
    processes can gain on this machine (two vCPUs need not be two cores' worth)."""
    import pandas as pd

    import framelens

    files = sorted(parts.glob("*.parquet"), key=lambda p: int(p.stem.split(".")[-1]))[:4]
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(3):
        corpus = framelens.Corpus.from_pandas(pd.concat([pd.read_parquet(f) for f in files], ignore_index=True), **FIELDS)
        corpus.dtm(threads=1)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}


def ceiling(parts: Path) -> dict:
    """Two processes' throughput against one's on the same work (2 x alone / together), after one untimed run
    (a cold first run made the ratio 2.47x once)."""
    argv = [sys.executable, __file__, "--child", "ceiling", str(parts)]
    subprocess.run(argv, capture_output=True, text=True, check=True)  # untimed: warms the page cache and imports
    load = os.getloadavg()[0]
    alone = subprocess.run(argv, capture_output=True, text=True, check=True)
    one = json.loads(alone.stdout.strip().splitlines()[-1])["seconds"]
    pair = [subprocess.Popen(argv, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    two = max(json.loads(p.communicate()[0].strip().splitlines()[-1])["seconds"] for p in pair)
    return {"alone": one, "together": two, "speedup": 2 * one / two, "load": load}


def child(argv: list[str]) -> dict:
    load = os.getloadavg()[0]  # the 1-minute load average as the run starts
    out = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": load}


def report(name: str, setup: str, r: dict) -> None:
    if "error" in r:
        print(f"{name:18} {setup:22} failed: {r['error']}", flush=True)
        return
    workers = ", ".join(f"{x:.0f}" for x in r["worker_mb"]) or "-"
    cpu = f"  worker CPU {r['worker_cpu']:.1f} s  client process CPU {r['client_cpu']:.1f} s" if "worker_cpu" in r else ""
    cpu += f"  runs {', '.join(f'{x:.2f}' for x in r['runs'])} s" if len(r.get("runs", [])) > 1 else ""
    cpu += f"  labels equal to one process's: {r['equal']}/{r['shape'][0]}" if "equal" in r else ""
    later = f" ({r['client_mb_max']:.0f} MB at most in later runs)" if r.get("client_mb_max", 0) > r["client_mb"] else ""
    print(f"{name:18} {setup:22} {r['seconds']:7.2f} s  shape {tuple(r['shape'])}  client peak "
          f"{r['client_mb']:.0f} MB{later}  worker peaks {workers} MB{cpu}  (load {r['load']:.2f})", flush=True)


def _rounds(ratios: list[float]) -> str:
    """``1.62x`` for one round; ``1.62x (median of 1.55x, 1.62x, 1.70x)`` for several."""
    if len(ratios) == 1:
        return f"{ratios[0]:.2f}x"
    return f"{statistics.median(ratios):.2f}x (median of {', '.join(f'{x:.2f}x' for x in ratios)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--skip-dask-ml", action="store_true")
    ap.add_argument("--parts", type=Path, default=None,
                    help="a folder for the Parquet parts, reused when it exists (default: a temporary folder)")
    ap.add_argument("--tasks", nargs="+", choices=["ceiling", "dtm", "dask-ml", "compare", "stories", "quotes"],
                    default=["ceiling", "dtm", "dask-ml", "compare", "stories"],
                    help="what to time (default: all)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time each cluster run N times on the same cluster and report the median (default 1)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run the ceiling and every 1-vs-2-worker pair N times, one round after the other, and report "
                         "each round's ratio and their median: on a VM whose speed drifts, a pair run side by side "
                         "is fairer than medians taken minutes apart (default 1)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "prepare":
            prepare(args.data, Path(rest[0]), args.limit, bool({"compare", "stories"} & set(args.tasks)))
        elif kind == "ceiling":
            print(json.dumps(run_ceiling(Path(rest[0]))))
        elif kind == "single":
            print(json.dumps(run_single(Path(rest[0]), rest[1])))
        else:
            print(json.dumps(run_cluster(Path(rest[0]), int(rest[1]), rest[2], args.repeat)))
        return
    if not args.data.is_file():
        sys.exit(f"{args.data} is absent: the article-bias corpus is needed (see ../shared/README.md)")
    print(f"load average before: {os.getloadavg()}", flush=True)
    if "dask-ml" in args.tasks and not args.skip_dask_ml and importlib.util.find_spec("dask_ml") is None:
        sys.exit("dask-ml is not installed, and the issue's proof times it in the same run as fd.dtm: "
                 "pip install --no-build-isolation '.[dask-bench]' (or --skip-dask-ml to leave it out)")
    with tempfile.TemporaryDirectory() as tmp:
        parts = args.parts or Path(tmp) / "parts"
        limit = ["--limit", str(args.limit)] if args.limit else []
        if args.parts is not None and any(parts.glob("*.parquet")):
            print(f"reusing the Parquet parts in {parts}", flush=True)
        else:
            info = child([*limit, "--tasks", *args.tasks, "--child", "prepare", str(parts)])
            if "error" in info:
                sys.exit(f"writing the Parquet parts failed: {info['error']}")
            print(f"{info['documents']} documents, {info['mb']:.1f} M characters of text, {PARTS} Parquet parts", flush=True)
        singles = []
        if "dtm" in args.tasks:
            singles.append(("single process", "1 process, 2 threads", ["single", str(parts), "dtm"]))
        if "compare" in args.tasks:
            singles.append(("single compare", "1 process, 2 threads", ["single", str(parts), "compare"]))
        if "stories" in args.tasks:
            singles.append(("single stories", "1 process, 2 threads", ["single", str(parts), "stories"]))
        if "quotes" in args.tasks:
            singles.append(("single quotes", "1 process, 2 threads", ["single", str(parts), "quotes"]))
        tasks = (["fd.dtm", "fd.dtm by outlet"] if "dtm" in args.tasks else []) + \
            (["dask-ml"] if "dask-ml" in args.tasks and not args.skip_dask_ml else []) + \
            (["fd.compare"] if "compare" in args.tasks else []) + \
            (["fd.group_stories"] if "stories" in args.tasks else []) + \
            (["fd.quotes"] if "quotes" in args.tasks else [])
        def clusters(k: int) -> list:  # 1 worker then 2 in even rounds, 2 then 1 in odd ones: a drift of the
            # machine's speed during a round (other tenants of the VM) then favours neither side of the ratio
            order = (1, 2) if k % 2 == 0 else (2, 1)
            return [(task, f"{w} worker{'s' if w > 1 else ''}", ["cluster", str(parts), str(w), task])
                    for task in tasks for w in order]
        ceilings, times = [], {}
        for k in range(args.rounds):
            if args.rounds > 1:
                print(f"-- round {k + 1} of {args.rounds}", flush=True)
            if "ceiling" in args.tasks:
                ceilings.append(ceiling(parts))
                m = ceilings[-1]
                print(f"{'machine ceiling':18} {'1 vs 2 processes':22} {m['alone']:7.2f} s alone, {m['together']:.2f} s "
                      f"two at once: {m['speedup']:.2f}x the throughput  (load {m['load']:.2f})", flush=True)
            for name, setup, argv in (singles if k == 0 else []) + clusters(k):
                r = child(["--repeat", str(args.repeat), "--child", *argv])
                report(name, setup, r)
                if "error" not in r:
                    times.setdefault((name, setup), []).append(r["seconds"])
    print()
    if ceilings:
        speedups = [m["speedup"] for m in ceilings]
        print(f"machine: two processes of the same C++ work get {_rounds(speedups)} one's throughput "
              "(the most 2 workers can gain over 1 here)")
    for task in tasks:
        one, two = times.get((task, "1 worker"), []), times.get((task, "2 workers"), [])
        if one and two:  # each round's 1 and 2 workers ran one after the other
            print(f"{task}: 2 workers / 1 worker speed-up {_rounds([a / b for a, b in zip(one, two)])}")
    times = {key: statistics.median(v) for key, v in times.items()}
    fd2, ml2 = times.get(("fd.dtm", "2 workers")), times.get(("dask-ml", "2 workers"))
    if fd2 and ml2:
        print(f"fd.dtm vs dask-ml CountVectorizer on 2 workers: {ml2 / fd2:.1f}x faster")
    single = times.get(("single process", "1 process, 2 threads"))
    if fd2 and single:
        print(f"fd.dtm on 2 workers vs the single-process API: {single / fd2:.2f}x")
    fc2, sc = times.get(("fd.compare", "2 workers")), times.get(("single compare", "1 process, 2 threads"))
    if fc2 and sc:
        print(f"fd.compare on 2 workers vs framelens.compare: {sc / fc2:.2f}x")
    fs2, ss = times.get(("fd.group_stories", "2 workers")), times.get(("single stories", "1 process, 2 threads"))
    if fs2 and ss:
        print(f"fd.group_stories on 2 workers vs framelens.group_stories: {ss / fs2:.2f}x")
    fq2, sq = times.get(("fd.quotes", "2 workers")), times.get(("single quotes", "1 process, 2 threads"))
    if fq2 and sq:
        print(f"fd.quotes on 2 workers vs Corpus.quotes: {sq / fq2:.2f}x")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
