"""Frames: lexicons that score documents for frames, learned from coded examples or written by hand,
and per-outlet frame scores with bootstrap intervals.

A :class:`FrameLexicon` maps each frame to weighted words and phrases. The C++ core applies it
(tokens from the project tokenizer, the same tokens as ``Corpus.dtm()``): hand-written lexicons give
summed weight per 1,000 tokens (the generic one with each pattern's rate dampened, ``feature`` log_per_1000),
fitted ones a probability per document through the logistic link.
:meth:`FrameLexicon.fit` learns one from documents coded by people; :meth:`FrameLexicon.cross_validate`
says how well a lexicon (fitted or not) agrees with the coders on documents it did not see.

>>> import framelens, pandas as pd
>>> corpus = framelens.Corpus([{"text": t} for t in ["Rivals clash over the plan.", "Prices and jobs fall.",
...                                                  "The feud deepens; rivals clash.", "Markets, jobs, prices."]])
>>> labels = pd.DataFrame({"conflict": [True, False, True, False]})
>>> lex = framelens.FrameLexicon.fit(corpus, labels, min_df=1)
>>> lex.scale, lex.frames
('logistic', ['conflict'])
>>> lex.top_terms("conflict", 2)["term"].tolist()
['clash', 'rivals']
>>> (lex.score(corpus)["conflict"] > 0.5).tolist()
[True, False, True, False]
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Sequence

import numpy as np

from . import _core

__all__ = ["FrameLexicon", "FEATURES", "outlet_frames", "outlet_difference"]

#: What a term's count in a document becomes before it is weighted (``feature`` of a fitted lexicon):
#: ``count`` c, ``log_count`` log(1 + c), ``binary`` (c > 0), ``per_1000`` 1000 c / tokens,
#: ``log_per_1000`` log(1 + 1000 c / tokens).
FEATURES = ("count", "log_count", "binary", "per_1000", "log_per_1000")


class FrameLexicon(_core.FrameLexicon):
    """A frame lexicon: frames -> weighted words and phrases (``"protest*"`` is a prefix), applied by the
    C++ scorer in :func:`framelens.compare` and :meth:`score`.

    Load a framelens JSON lexicon (format in docs/comparison.md) or a LIWC-style ``.dic`` dictionary,
    start from :meth:`generic`, or learn one from coded documents with :meth:`fit`.

    >>> import framelens
    >>> lex = framelens.FrameLexicon.generic()
    >>> lex.frames
    ['conflict', 'responsibility', 'economic', 'human_interest', 'morality', 'security']
    >>> dic = framelens.FrameLexicon.from_dic("%\\n1 care\\n2 harm\\n%\\nprotect*\\t1\\nhurt\\t2\\n")
    >>> dic.score_text("They protected the children and nobody was hurt.")
    {'care': 125.0, 'harm': 125.0}
    """

    def __init__(self, lexicon: "_core.FrameLexicon | None" = None) -> None:
        if lexicon is None:
            super().__init__()
        else:
            super().__init__(lexicon)

    # -- loading and saving ---------------------------------------------------------------------------
    @classmethod
    def generic(cls) -> "FrameLexicon":
        """The generic news frames written for framelens (cpp/data/frames_generic.json)."""
        return cls(_core.FrameLexicon.generic())

    @classmethod
    def load(cls, path: "str | os.PathLike[str]") -> "FrameLexicon":
        """Load a ``.json`` lexicon or a LIWC-style ``.dic`` dictionary."""
        return cls(_core.FrameLexicon.load(os.fspath(path)))

    @classmethod
    def from_json(cls, text: str, source: str = "lexicon") -> "FrameLexicon":
        """Parse a JSON lexicon (``source`` names it in errors)."""
        return cls(_core.FrameLexicon.from_json(text, source))

    @classmethod
    def from_dic(cls, text: str, source: str = "dictionary") -> "FrameLexicon":
        """Parse a LIWC-style ``.dic`` dictionary (``source`` names it in errors)."""
        return cls(_core.FrameLexicon.from_dic(text, source))

    def save(self, path: "str | os.PathLike[str]") -> None:
        """Write the lexicon as JSON (UTF-8); :meth:`load` reads it back unchanged."""
        with open(os.fspath(path), "w", encoding="utf-8") as f:
            f.write(self.to_json())
            f.write("\n")

    # -- reading ---------------------------------------------------------------------------------------
    def top_terms(self, frame: str, n: int = 20) -> Any:
        """The terms of ``frame`` with the largest weights (the words and phrases that raise its score),
        as a DataFrame of term and weight; ``n=0`` lists every term, positive weights first.

        >>> FrameLexicon.generic().top_terms("morality", 3)["weight"].tolist()
        [2.0, 2.0, 2.0]
        """
        import pandas as pd

        patterns = self.patterns(frame)
        df = pd.DataFrame({"term": list(patterns.keys()), "weight": np.fromiter(patterns.values(), float, len(patterns))})
        df = df.sort_values(["weight", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
        return df if n <= 0 else df.head(n)

    def score(self, corpus: Any, threads: int = 0) -> Any:
        """Document × frame scores of ``corpus`` (per 1,000 tokens, or probabilities for a fitted
        lexicon), computed in C++ on ``threads`` threads; the values compare() reports."""
        import pandas as pd

        values = self.score_corpus(corpus._core, threads)
        return pd.DataFrame(values, columns=self.frames)

    def __repr__(self) -> str:
        return f"<FrameLexicon {self.name!r}: {len(self)} frames, scale={self.scale}>"

    # -- learning -------------------------------------------------------------------------------------
    @classmethod
    def fit(
        cls,
        corpus: Any,
        labels: Any,
        C: "float | str" = 0.1,
        ngrams: Any = 1,
        min_df: int = 2,
        feature: str = "binary",
        class_weight: "str | None" = "balanced",
        prior: "_core.FrameLexicon | None" = None,
        prior_weight: Any = "cv",
        name: str = "fitted frames",
        threads: int = 0,
    ) -> "FrameLexicon":
        """Learn a weighted lexicon from documents coded for frames.

        ``labels``: a DataFrame of booleans, one column per frame, one row per document of ``corpus`` (in
        corpus order). For each frame, an L2-regularised logistic regression (scikit-learn's
        ``LogisticRegression``, solver ``liblinear``; ``C`` is the inverse regularisation strength, smaller is
        smoother, or ``"cv"`` to choose it per frame from :data:`C_GRID` by 5-fold cross-validation inside the
        training documents, together with the prior weight when there is a prior) is fitted on framelens's own document-term matrix: ``corpus.dtm(ngrams=ngrams)`` counts of
        the terms in at least ``min_df`` documents (``ngrams=2`` adds two-word phrases), each count turned
        into ``feature`` (one of :data:`FEATURES`; ``binary``: the term occurs). The coefficients become the
        terms' weights and the intercept the frame's intercept, so the lexicon is plain JSON that can be
        read, edited, saved and loaded, and the C++ scorer gives exactly the model's probability for every
        document. ``class_weight="balanced"`` keeps rare frames from collapsing to their base rate, so the
        probabilities rank documents well but are not calibrated to the base rate.

        Why these choices: the document-term matrix is framelens's, so a term means the same tokens when
        it is learned and when compare() counts it (another tokenizer's terms would silently miss);
        scikit-learn's solver is well tested and its result easy to check, and a linear model is the one
        whose weights *are* a lexicon. The defaults (unigrams, binary, C=0.1, min_df=2) had the best mean
        cross-validated AUC on the Narrative Frames train split among the settings compared in
        docs/frames.md; ``C="cv"`` scores the same there with nothing chosen on held-out documents.

        ``prior``: a lexicon written from knowledge (e.g. :meth:`generic`) with frames named like the label
        columns. Its patterns, counted with the same ``feature`` and every match, give a prior score per frame;
        the learned score (standardised) and the prior score (standardised) are added with the prior's weight
        ``prior_weight`` — a number, or ``"cv"`` to choose it per frame from (0, 0.25, 0.5, 1, 2) by 5-fold
        cross-validation inside the training documents — and the sum is mapped to a probability by a
        logistic calibration fitted on that inner cross-validation's held-out scores. Everything is linear,
        so the result is still one lexicon: the learned terms plus the prior's patterns, reweighted. With
        few coded documents the prior carries what the examples cannot (figures in docs/frames.md).
        """
        Y, frames = _labels_matrix(labels, len(corpus))
        options = _fit_options(C, ngrams, min_df, feature, class_weight)
        dtm = _count_matrix(corpus, ngrams, threads)
        tokens = _token_totals(corpus, feature, threads)
        base = _prior_base(prior, frames, feature, prior_weight)
        P = None if base is None else _prior_scores(base, corpus, threads)
        model = _fit_matrix(dtm.matrix, dtm.terms, Y, frames, tokens, **options, prior=P, prior_weight=prior_weight)
        return cls.from_json(_lexicon_json(model, name, ngrams=ngrams, **options, prior=base), name)

    @classmethod
    def cross_validate(
        cls,
        corpus: Any,
        labels: Any,
        folds: int = 5,
        seed: int = 0,
        lexicon: "_core.FrameLexicon | None" = None,
        threads: int = 0,
        **fit_options: Any,
    ) -> Any:
        """ROC AUC of frame scores against the coders' labels on held-out documents, by stratified
        ``folds``-fold cross-validation per frame (documents shuffled with ``seed``).

        Without ``lexicon``: for every fold a lexicon is fitted (:meth:`fit` with ``fit_options``) on the
        other folds — vocabulary included — and applied by the C++ scorer to the held-out fold. With a
        ``lexicon`` (e.g. :meth:`generic`), its fixed scores are evaluated on the same folds; its frames must
        be named like the label columns.

        Returns one row per frame: ``auc`` (mean over folds), ``auc_std``, ``auc_fold1``…, ``positives``;
        the last row, ``macro``, averages the frames.
        """
        import pandas as pd

        _logistic(1.0, None)  # a clear error when scikit-learn is missing
        from sklearn.metrics import roc_auc_score
        from sklearn.model_selection import StratifiedKFold

        Y, frames = _labels_matrix(labels, len(corpus))
        if isinstance(folds, bool) or not isinstance(folds, int) or folds < 2:
            raise _core.InvalidArgumentError(f"folds={folds!r}: use an integer of at least 2")
        few = [f for j, f in enumerate(frames) if min(Y[:, j].sum(), (~Y[:, j]).sum()) < folds]
        if few:
            raise _core.InvalidArgumentError(f"frames {few} have fewer than {folds} documents with (or without) the frame; "
                                             "use fewer folds or code more documents")
        if lexicon is not None:
            missing = [f for f in frames if f not in lexicon.frames]
            if missing:
                raise _core.InvalidArgumentError(f"the lexicon has no frame named {missing}; its frames are {lexicon.frames}")
            S = lexicon.score_corpus(corpus._core, threads)[:, [lexicon.frames.index(f) for f in frames]]
        else:
            ngrams = fit_options.pop("ngrams", 1)
            prior, prior_weight = fit_options.pop("prior", None), fit_options.pop("prior_weight", "cv")
            options = _fit_options(**fit_options)
            dtm = _count_matrix(corpus, ngrams, threads)
            tokens = _token_totals(corpus, options["feature"], threads)
            base = _prior_base(prior, frames, options["feature"], prior_weight)  # fixed: no labels, no peeking
            P = None if base is None else _prior_scores(base, corpus, threads)
        auc = np.full((len(frames), folds), np.nan)
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        for j, frame in enumerate(frames):
            for k, (train, test) in enumerate(splitter.split(np.zeros(len(corpus)), Y[:, j])):
                if lexicon is not None:
                    s = S[test, j]
                else:
                    model = _fit_matrix(dtm.matrix[train], dtm.terms, Y[train][:, [j]], [frame],
                                        None if tokens is None else tokens[train], **options,
                                        prior=None if P is None else P[train][:, [j]], prior_weight=prior_weight)
                    lex = _core.FrameLexicon.from_json(_lexicon_json(model, "fold", ngrams=ngrams, **options,
                                                                     prior=None if base is None else
                                                                     {**base, "frames": {frame: base["frames"][frame]}}))
                    s = lex.score_corpus(corpus._core, threads)[test, 0]
                auc[j, k] = roc_auc_score(Y[test, j], s)
        out = pd.DataFrame({"frame": frames, "auc": auc.mean(axis=1), "auc_std": auc.std(axis=1)})
        for k in range(folds):
            out[f"auc_fold{k + 1}"] = auc[:, k]
        out["positives"] = Y.sum(axis=0).astype(int)
        macro = {"frame": "macro", "auc": out["auc"].mean(), "auc_std": np.nan, "positives": -1}
        macro.update({f"auc_fold{k + 1}": auc[:, k].mean() for k in range(folds)})
        return pd.concat([out, pd.DataFrame([macro])], ignore_index=True).set_index("frame")


# -- fitting helpers ---------------------------------------------------------------------------------------
def _fit_options(C: "float | str" = 0.1, ngrams: Any = 1, min_df: int = 2, feature: str = "binary",
                 class_weight: "str | None" = "balanced") -> dict:
    """Checked fit options (ngrams is checked by the tokenizer options and not returned)."""
    if isinstance(C, str) and C == "cv":
        pass
    elif isinstance(C, bool) or not isinstance(C, (int, float)) or not C > 0 or not np.isfinite(C):
        raise _core.InvalidArgumentError(f"C={C!r}: the inverse regularisation strength must be a positive number, or 'cv'")
    if feature not in FEATURES:
        raise _core.InvalidArgumentError(f"feature={feature!r}: use one of {', '.join(FEATURES)}")
    if isinstance(min_df, bool) or not isinstance(min_df, int) or min_df < 1:
        raise _core.InvalidArgumentError(f"min_df={min_df!r}: use a number of documents >= 1")
    if class_weight not in (None, "balanced"):
        raise _core.InvalidArgumentError(f"class_weight={class_weight!r}: use 'balanced' or None")
    return {"C": C if isinstance(C, str) else float(C), "min_df": min_df, "feature": feature, "class_weight": class_weight}


def _count_matrix(corpus: Any, ngrams: Any, threads: int) -> Any:
    return corpus.dtm(ngrams=ngrams, threads=threads)  # default token options: the scorer's tokens


def _token_totals(corpus: Any, feature: str, threads: int) -> "np.ndarray | None":
    """Unigram tokens per document (what the scorer divides by), for the per-1,000 features."""
    if feature not in FEATURES:
        raise _core.InvalidArgumentError(f"feature={feature!r}: use one of {', '.join(FEATURES)}")
    if feature not in ("per_1000", "log_per_1000"):
        return None
    return np.asarray(corpus.dtm(threads=threads).matrix.sum(axis=1)).ravel()


def _labels_matrix(labels: Any, n: int) -> "tuple[np.ndarray, list[str]]":
    """Booleans (documents × frames) from a DataFrame; clear errors for anything else."""
    import pandas as pd

    if not isinstance(labels, pd.DataFrame):
        raise _core.InvalidArgumentError("labels must be a pandas DataFrame of booleans, one column per frame")
    if len(labels) != n:
        raise _core.InvalidArgumentError(f"labels has {len(labels)} rows for {n} documents; give one row per document, in corpus order")
    if labels.shape[1] == 0:
        raise _core.InvalidArgumentError("labels has no columns; give one boolean column per frame")
    frames = [str(c) for c in labels.columns]
    for c in labels.columns:
        col = labels[c]
        if col.isna().any():
            raise _core.InvalidArgumentError(f"labels column {c!r} has missing values at rows {list(np.flatnonzero(col.isna().to_numpy())[:5])}")
        if not (pd.api.types.is_bool_dtype(col) or set(np.unique(col.to_numpy())) <= {0, 1}):
            raise _core.InvalidArgumentError(f"labels column {c!r} is not boolean (True/False or 0/1)")
    Y = labels.to_numpy().astype(bool)
    return Y, frames


def _features(X: Any, feature: str, tokens: "np.ndarray | None") -> Any:
    """The feature transform the C++ scorer applies (FrameFeature), on a CSR count matrix."""
    import scipy.sparse

    X = scipy.sparse.csr_matrix(X, dtype=np.float64, copy=True)
    if feature == "log_count":
        np.log1p(X.data, out=X.data)
    elif feature == "binary":
        X.data[:] = 1.0
    elif feature in ("per_1000", "log_per_1000"):
        assert tokens is not None
        scale = np.divide(1000.0, tokens, out=np.zeros(len(tokens)), where=tokens > 0)
        X = scipy.sparse.csr_matrix(scipy.sparse.diags(scale) @ X)
        if feature == "log_per_1000":
            np.log1p(X.data, out=X.data)
    return X


def _fit_matrix(X: Any, terms: Sequence[str], Y: np.ndarray, frames: Sequence[str], tokens: "np.ndarray | None",
                C: "float | str", min_df: int, feature: str, class_weight: "str | None", prior: "np.ndarray | None" = None,
                prior_weight: Any = "cv") -> dict:
    """One logistic regression per frame on the terms of X in at least min_df of its documents (with a prior:
    combined with the prior's scores, column j of ``prior`` for frame j). frame -> (intercept, terms, prior
    scale, prior weight, C)."""
    df = np.asarray((X > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= min_df)
    if keep.size == 0:
        raise _core.InvalidArgumentError(f"no term occurs in {min_df} or more documents; lower min_df")
    F = _features(X[:, keep], feature, tokens)
    kept = [terms[i] for i in keep]
    model: dict = {}
    for j, frame in enumerate(frames):
        y = Y[:, j]
        if y.min() == y.max():
            raise _core.InvalidArgumentError(f"frame {frame!r}: every document has the same label; a frame needs coded examples of both kinds")
        if prior is None:
            c = _choose_C(F, y, class_weight, frame) if C == "cv" else C
            clf = _logistic(c, class_weight).fit(F, y)
            b, w, k, beta = float(clf.intercept_[0]), clf.coef_.ravel(), 0.0, None
        else:
            b, w, k, beta, c = _fit_with_prior(F, y, prior[:, j], C, class_weight, prior_weight, frame)
        nz = np.flatnonzero(w)
        model[frame] = (b, {kept[i]: float(w[i]) for i in nz}, k, beta, c)
    return model


def _logistic(C: float, class_weight: "str | None") -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ImportError("FrameLexicon.fit and cross_validate need scikit-learn: pip install 'framelens[frames]' "
                          "(or pip install scikit-learn)") from None
    return LogisticRegression(C=float(C), solver="liblinear", class_weight=class_weight, max_iter=1000)


PRIOR_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 2.0)  #: the prior weights prior_weight="cv" chooses from
C_GRID = (0.03, 0.1, 0.3, 1.0)  #: the inverse regularisation strengths C="cv" chooses from


def _standardise(v: np.ndarray) -> "tuple[float, float]":
    sd = float(v.std())
    return float(v.mean()), sd if sd > 0 else 1.0


def _inner_folds(y: np.ndarray, frame: str) -> list:
    """The stratified 5-fold split (fewer folds for a rare frame) used to choose C and the prior weight."""
    from sklearn.model_selection import StratifiedKFold

    folds = min(5, int(y.sum()), int((~y).sum()))
    if folds < 2:
        raise _core.InvalidArgumentError(f"frame {frame!r}: choosing by inner cross-validation needs at least 2 coded "
                                         "documents with and 2 without the frame")
    return list(StratifiedKFold(folds, shuffle=True, random_state=0).split(np.zeros(len(y)), y))


def _held_out(F: Any, y: np.ndarray, g: "np.ndarray | None", splits: list, C: float, class_weight: "str | None") -> tuple:
    """Each inner fold's held-out decisions of a regression fitted on the other folds, and the prior scores,
    each standardised on the other folds' documents."""
    dz, gz = np.zeros(len(y)), np.zeros(len(y))
    for tr, te in splits:
        clf = _logistic(C, class_weight).fit(F[tr], y[tr])
        md, sd = _standardise(clf.decision_function(F[tr]))
        dz[te] = (clf.decision_function(F[te]) - md) / sd
        if g is not None:
            mg, sg = _standardise(g[tr])
            gz[te] = (g[te] - mg) / sg
    return dz, gz


def _fold_auc(y: np.ndarray, s: np.ndarray, splits: list) -> float:
    from sklearn.metrics import roc_auc_score

    return float(np.mean([roc_auc_score(y[te], s[te]) for _, te in splits]))


def _choose_C(F: Any, y: np.ndarray, class_weight: "str | None", frame: str) -> float:
    """The C of C_GRID with the best mean inner-fold AUC (the smaller C on a tie)."""
    splits = _inner_folds(y, frame)
    auc = [_fold_auc(y, _held_out(F, y, None, splits, c, class_weight)[0], splits) for c in C_GRID]
    return C_GRID[int(np.argmax(auc))]


def _fit_with_prior(F: Any, y: np.ndarray, g: np.ndarray, C: "float | str", class_weight: "str | None", prior_weight: Any,
                    frame: str) -> tuple:
    """Learned decision and prior score, each standardised on the training documents, added with the prior
    weight (given, or chosen by inner 5-fold CV AUC, together with C when C="cv"), then a logistic calibration
    fitted on the inner folds' held-out sums. Returns (intercept, term weights, prior scale, prior weight, C) of
    the equivalent linear score."""
    from sklearn.linear_model import LogisticRegression

    splits = _inner_folds(y, frame)
    betas = PRIOR_WEIGHTS if isinstance(prior_weight, str) else (float(prior_weight),)
    best = (-np.inf, 0.0, 0.0, None)  # (inner AUC, C, beta, held-out sums): the first best in grid order wins
    for c in (C_GRID if C == "cv" else (C,)):
        dz, gz = _held_out(F, y, g, splits, c, class_weight)
        for beta in betas:
            auc = _fold_auc(y, dz + beta * gz, splits)
            if auc > best[0]:
                best = (auc, c, beta, dz + beta * gz)
    _, c, beta, held_out = best
    cal = LogisticRegression(C=1e4, class_weight=class_weight).fit(held_out[:, None], y)
    a, b0 = max(float(cal.coef_[0, 0]), 1e-3), float(cal.intercept_[0])  # a <= 0: no ranking signal; keep the order
    clf = _logistic(c, class_weight).fit(F, y)
    (md, sd), (mg, sg) = _standardise(clf.decision_function(F)), _standardise(g)
    intercept = a * ((float(clf.intercept_[0]) - md) / sd - beta * mg / sg) + b0
    return intercept, clf.coef_.ravel() * (a / sd), a * beta / sg, beta, c


def _prior_base(prior: Any, frames: Sequence[str], feature: str, prior_weight: Any) -> "dict | None":
    """The prior's patterns per frame (checked), or None without a prior."""
    if prior is None:
        return None
    if not isinstance(prior, _core.FrameLexicon):
        raise _core.InvalidArgumentError(f"prior must be a FrameLexicon (e.g. FrameLexicon.generic()), not {type(prior).__name__}")
    if not (prior_weight == "cv" or (isinstance(prior_weight, (int, float)) and not isinstance(prior_weight, bool)
                                     and np.isfinite(prior_weight) and prior_weight >= 0)):
        raise _core.InvalidArgumentError(f"prior_weight={prior_weight!r}: use 'cv' or a non-negative number")
    missing = [f for f in frames if f not in prior.frames]
    if missing:
        raise _core.InvalidArgumentError(f"the prior has no frame named {missing}; its frames are {prior.frames}")
    return {"feature": feature, "frames": {f: dict(prior.patterns(f)) for f in frames}}


def _prior_scores(base: dict, corpus: Any, threads: int) -> np.ndarray:
    """Documents × frames: sum of the prior's weights × feature of each pattern's matches (every match), by the
    C++ scorer. Weights are divided by a bound of |score| so the logistic value stays exactly invertible."""
    bound = {"binary": 1.0, "per_1000": 1000.0, "log_per_1000": float(np.log1p(1000.0))}.get(base["feature"])
    if bound is None:  # count, log_count: bounded by the longest document
        longest = float(np.asarray(corpus.dtm(threads=threads).matrix.sum(axis=1)).max(initial=0.0))
        bound = max(longest, 1.0) if base["feature"] == "count" else float(np.log1p(max(longest, 1.0)))
    frames, scale = {}, []
    for f, terms in base["frames"].items():
        s = bound * max(sum(abs(w) for w in terms.values()), 1e-300)
        scale.append(s)
        frames[f] = {"intercept": 0.0, "terms": {t: w / s for t, w in terms.items()}}
    import json

    lex = _core.FrameLexicon.from_json(json.dumps({"version": 2, "name": "prior", "scale": "logistic", "match": "every",
                                                   "feature": base["feature"], "frames": frames}), "prior")
    V = lex.score_corpus(corpus._core, threads)
    return np.log(V / (1.0 - V)) * np.asarray(scale)


def _lexicon_json(model: dict, name: str, C: "float | str", ngrams: Any, min_df: int, feature: str,
                  class_weight: "str | None", prior: "dict | None" = None) -> str:
    import json

    strength = f"C chosen per frame from {', '.join(f'{c:g}' for c in C_GRID)} by inner 5-fold CV" if C == "cv" else f"C={C}"
    about = (f"Learned by FrameLexicon.fit: logistic regression (scikit-learn liblinear, L2, {strength}, class_weight="
             f"{class_weight}) per frame on framelens document-term counts (ngrams={ngrams}, min_df={min_df}), feature {feature}; "
             "score = 1 / (1 + exp(-(intercept + sum of weight x feature))).")
    if prior is not None:
        about = about[:-1] + "; combined with a prior lexicon's patterns (see each frame's description)."
    frames = {}
    for f, (b, terms, k, beta, c) in model.items():
        parts = [f"C {c:g} chosen by inner cross-validation"] if C == "cv" else []
        if prior is not None:
            terms = dict(terms)
            for t, w in prior["frames"][f].items():
                terms[t] = terms.get(t, 0.0) + k * w
            parts.append(f"learned terms plus the prior lexicon's patterns x {k:.6g} (prior weight {beta:g} on the "
                         "standardised scores), calibrated by inner cross-validation")
        frames[f] = {"description": "; ".join(parts), "intercept": b, "terms": {t: w for t, w in terms.items() if w != 0.0}}
    return json.dumps({"version": 2, "name": name, "about": about, "scale": "logistic", "match": "every",
                       "feature": feature, "frames": frames}, ensure_ascii=False)


# -- outlets with intervals --------------------------------------------------------------------------------
def _frame_columns(document_frames: Any, frames: "Iterable[str] | None") -> list[str]:
    if frames is not None:
        return list(frames)
    skip = {"document", "outlet", "story", "id", "title", "date", "tokens"}
    return [c for c in document_frames.columns if c not in skip and np.issubdtype(document_frames[c].dtype, np.number)]


def _bootstrap_means(values: np.ndarray, weights: "np.ndarray | None", resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Means (weighted: ratio Σwx/Σw) of `resamples` resamples of the rows of values (n × F) -> (resamples × F).
    Each resample draws n row indices uniformly with replacement; how often each row was drawn (a multinomial
    count, as the bootstrap defines it) is tallied by one bincount per block of resamples, so memory stays near
    4 million cells (7× faster than NumPy's multinomial sampler, which draws one binomial per row)."""
    n = values.shape[0]
    w = np.ones(n) if weights is None else weights
    wx = values * w[:, None]
    out = np.empty((resamples, values.shape[1]))
    block = max(1, min(resamples, 4_000_000 // max(n, 1)))
    for b in range(0, resamples, block):
        k = min(block, resamples - b)
        drawn = rng.integers(0, n, size=(k, n))
        drawn += (np.arange(k) * n)[:, None]  # resample r's rows counted in cells r*n .. r*n + n - 1
        counts = np.bincount(drawn.ravel(), minlength=k * n).reshape(k, n).astype(np.float64)
        den = counts @ w
        out[b:b + counts.shape[0]] = (counts @ wx) / np.where(den > 0, den, np.nan)[:, None]
    return out


def _groups(document_frames: Any, outlets: Any) -> "tuple[np.ndarray, list[str]]":
    import pandas as pd

    labels = document_frames["outlet"] if outlets is None else outlets
    labels = pd.Series(np.asarray(labels, dtype=object))
    if len(labels) != len(document_frames):
        raise _core.InvalidArgumentError(f"{len(labels)} outlet labels for {len(document_frames)} documents; give one per document")
    codes, names = pd.factorize(labels, sort=False)
    return codes, [str(x) for x in names]


def outlet_frames(document_frames: Any, outlets: Any = None, frames: "Iterable[str] | None" = None,
                  weights: Any = None, level: float = 0.95, resamples: int = 2000, seed: int = 0) -> Any:
    """Each outlet's frame score with a percentile bootstrap interval over its documents.

    ``document_frames``: one row per document (``Comparison.document_frames``, or ``FrameLexicon.score``);
    ``outlets``: one label per document (default: its ``outlet`` column); ``frames``: the score columns
    (default: every numeric column but document/tokens). The score of an outlet is the mean of its documents'
    scores (with ``weights``, e.g. tokens, the weighted mean); documents are resampled with replacement
    ``resamples`` times per outlet. Returns one row per outlet and frame: outlet, frame, documents, score,
    low, high.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 4, "conflict": [1.0, 2, 3, 4, 0, 0, 1, 1]})
    >>> outlet_frames(d, resamples=500)[["outlet", "score"]].values.tolist()
    [['A', 2.5], ['B', 0.5]]
    """
    import pandas as pd

    cols, V, w, codes, names, rng = _prepare(document_frames, outlets, frames, weights, level, resamples, seed)
    alpha = (1.0 - level) / 2.0
    rows = []
    for g, outlet in enumerate(names):
        n, score, boot = _outlet_bootstrap(V, w, codes == g, resamples, rng)
        lo, hi = np.nanquantile(boot, [alpha, 1.0 - alpha], axis=0)
        rows.append(pd.DataFrame({"outlet": outlet, "frame": cols, "documents": n, "score": score, "low": lo, "high": hi}))
    return pd.concat(rows, ignore_index=True)


def outlet_difference(document_frames: Any, a: str, b: str, outlets: Any = None, frames: "Iterable[str] | None" = None,
                      weights: Any = None, level: float = 0.95, resamples: int = 2000, seed: int = 0) -> Any:
    """The frame score of outlet ``a`` minus outlet ``b`` with a percentile bootstrap interval (documents of
    each outlet resampled independently). An interval that excludes 0 marks a framing difference larger
    than the sampling noise of these documents. Returns one row per frame: frame, a, b, difference, low,
    high, excludes_zero.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"outlet": ["A"] * 30 + ["B"] * 30, "conflict": [3.0, 4.0] * 15 + [0.0, 1.0] * 15})
    >>> r = outlet_difference(d, "A", "B", resamples=500)
    >>> float(r.loc[0, "difference"]), bool(r.loc[0, "excludes_zero"])
    (3.0, True)
    """
    import pandas as pd

    cols, V, w, codes, names, rng = _prepare(document_frames, outlets, frames, weights, level, resamples, seed)
    parts = []
    for o in (a, b):
        if o not in names:
            raise _core.NotFoundError(f"no outlet {o!r}; the outlets are {names}")
        parts.append(_outlet_bootstrap(V, w, codes == names.index(o), resamples, rng)[1:])
    diff = parts[0][0] - parts[1][0]
    boot = parts[0][1] - parts[1][1]
    alpha = (1.0 - level) / 2.0
    lo, hi = np.nanquantile(boot, [alpha, 1.0 - alpha], axis=0)
    return pd.DataFrame({"frame": cols, "a": parts[0][0], "b": parts[1][0], "difference": diff, "low": lo, "high": hi,
                         "excludes_zero": (lo > 0) | (hi < 0)})


def _prepare(document_frames: Any, outlets: Any, frames: "Iterable[str] | None", weights: Any, level: float,
             resamples: int, seed: int) -> tuple:
    """Checked options -> (frame columns, values n × F, weights or None, outlet codes, outlet names, rng)."""
    _check_level(level, resamples)
    cols = _frame_columns(document_frames, frames)
    V = document_frames[cols].to_numpy(dtype=np.float64)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    if w is not None and (w.shape != (len(V),) or not np.isfinite(w).all() or (w < 0).any()):
        raise _core.InvalidArgumentError(f"weights: give {len(V)} finite, non-negative numbers, one per document")
    codes, names = _groups(document_frames, outlets)
    return cols, V, w, codes, names, np.random.default_rng(seed)


def _outlet_bootstrap(V: np.ndarray, w: "np.ndarray | None", rows: np.ndarray, resamples: int,
                      rng: np.random.Generator) -> tuple:
    """(documents, score per frame, bootstrap means resamples × F) of the selected rows."""
    idx = np.flatnonzero(rows)
    wg = None if w is None else w[idx]
    score = V[idx].mean(axis=0) if wg is None else (wg @ V[idx]) / wg.sum()
    return idx.size, score, _bootstrap_means(V[idx], wg, resamples, rng)


def _check_level(level: float, resamples: int) -> None:
    if not 0.0 < level < 1.0:
        raise _core.InvalidArgumentError(f"level={level!r}: a confidence level lies strictly between 0 and 1 (e.g. 0.95)")
    if isinstance(resamples, bool) or not isinstance(resamples, (int, np.integer)) or resamples < 100:
        raise _core.InvalidArgumentError(f"resamples={resamples!r}: use an integer of at least 100 (2000 is usual)")
