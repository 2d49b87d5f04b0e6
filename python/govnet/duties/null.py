"""The fixed-margin (curveball) null model of duty overlap."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_p_convention, check_seed, check_threads, progress_bar
from govnet.duties._common import _check_dense
from govnet.duties.table import as_duty_table
from govnet.errors import InvalidParameterError

_STATISTICS = ("pairs_sharing", "overlap_sd", "max_shared", "ambiguity_index")


@dataclass(frozen=True)
class DutyNullResult:
    """Fixed-margin null model of a duty list (see :func:`duty_null_model`).

    Attributes
    ----------
    statistics : DataFrame
        Indexed by statistic (pairs_sharing, overlap_sd, max_shared,
        ambiguity_index): observed, mean, sd, z, p_greater, p_less, p_two_sided.
    pairs : DataFrame or None
        Per observed sharing pair: actor_a, actor_b, shared, expected (null
        mean), sd, z, p_value (P(null >= observed), ``p_convention``).
    null_distribution : DataFrame
        One row per sample, one column per statistic.
    n_permutations, trades, seed : int
    """

    statistics: pd.DataFrame
    pairs: pd.DataFrame | None
    null_distribution: pd.DataFrame
    n_permutations: int
    trades: int
    seed: int

    def __repr__(self) -> str:
        lines = [f"DutyNullResult(curveball, {self.n_permutations} samples x {self.trades} trades, "
                 f"seed={self.seed})"]
        for name, r in self.statistics.iterrows():
            lines.append(f"  {name:<16} observed {r['observed']:.4g}  null {r['mean']:.4g} ± "
                         f"{r['sd']:.3g}  z {r['z']:.2f}  p≥ {r['p_greater']:.4f}")
        if self.pairs is not None:
            sig = int((self.pairs["p_value"] <= 0.05).sum())
            lines.append(f"  pairs: {len(self.pairs)} sharing duties, {sig} with p <= 0.05")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = escape(repr(self).splitlines()[0])
        table = self.statistics.to_html(float_format=lambda x: f"{x:.4g}")
        html = f"<div><strong>{head}</strong>{table}"
        if self.pairs is not None:
            top = self.pairs.sort_values("z", ascending=False).head(10)
            html += (f"<p>Pairs with the largest z (of {len(self.pairs)}):</p>"
                     f"{top.to_html(index=False)}")
        return html + "</div>"


def duty_null_model(data: Any, *, n_permutations: int = 1000, trades: int | None = None,
                    seed: int | None = None, pairs: bool = True,
                    p_convention: str = "plus_one", threads: int | None = None,
                    progress: bool | None = None) -> DutyNullResult:
    """Is the overlap more than chance? A null model with every margin fixed.

    Each null sample is a 0/1 actor × duty matrix in which every actor holds
    as many duties and every duty has as many holders as observed, drawn by
    the curveball algorithm (Strona et al. 2014), which samples such matrices
    uniformly (Carstens 2015). Sample i is the end of an independent chain of
    ``trades`` trades started at the observed matrix and seeded from
    (seed, i), so results are reproducible and identical for any thread count.
    Roles are ignored (the incidence only).

    Statistics compared with the null:

    * ``pairs_sharing`` — actor pairs sharing at least one duty;
    * ``overlap_sd`` — the standard deviation (population) of the number of
      shared duties over all C(n, 2) actor pairs. The mean is fixed by the
      duties' holder counts (Σ_duties C(h, 2) / C(n, 2)), so a larger sd
      means the shared duties concentrate on fewer pairs;
    * ``max_shared`` — the largest number of duties one pair shares;
    * ``ambiguity_index`` — the share of duties with 2+ holders. It depends on
      the duties' holder counts only, which the null keeps: it is the same in
      every sample (sd 0, z NaN, p 1) and is reported to make that explicit.
      Whether the duty list is more ambiguous than chance is a question about
      *which* actors share (the pairs and the three statistics above), not
      about how many duties are shared.

    Parameters
    ----------
    n_permutations : int, default 1000
    trades : int, optional
        Trades per chain. Default max(100, 5 L), L the smaller of the two
        dimensions (the chain trades along it); a heuristic burn-in — raise it
        to check the results do not change.
    seed : int, optional
        None draws one (stored in the result).
    pairs : bool, default True
        Also give each observed sharing pair's null mean, sd, z and p-value
        (24 bytes of memory per pair).
    p_convention : {"plus_one", "sna"}, default "plus_one"
        As in :func:`govnet.qap_test` (docs/p-values.md).

    Returns
    -------
    DutyNullResult
        ``z`` = (observed − mean) / sd with the sample sd (ddof 1), NaN when
        sd = 0; ``p_greater`` = (1 + #{null ≥ observed}) / (1 + n_permutations),
        ``p_less`` likewise with ≤ and ``p_two_sided = min(1, 2 min(p_greater, p_less))``
        (``p_convention="sna"``: #/n_permutations, and #{|null| ≥ |observed|}/n_permutations).

    Notes
    -----
    The per-pair p-values are listed only for pairs that share at least one
    duty, so on random data more than 5% of *listed* pairs can have p <= 0.05
    (pairs sharing 2+ duties are rare but all significant); over all pairs the
    test keeps its level. They are not corrected for multiple testing.

    Cost per sample: 2 × trades × mean line length for the chain plus
    Σ_duties holders² / 2 for the overlaps; 10,000 actors × 50,000 duties
    with 10⁶ incidences take about 0.12 s of CPU per sample. Memory: 24 bytes
    per sharing pair plus 4 bytes per pair and sample in flight (8 samples).
    Ctrl-C stops within a sample.
    """
    t = as_duty_table(data)
    if not isinstance(n_permutations, (int, np.integer)) or n_permutations < 1:
        raise InvalidParameterError(
            f"n_permutations must be a positive integer, got {n_permutations!r}")
    if trades is not None and (not isinstance(trades, (int, np.integer)) or trades < 1):
        raise InvalidParameterError(f"trades must be a positive integer or None, got {trades!r}")
    seed = check_seed(seed)
    pc = check_p_convention(p_convention)
    with progress_bar(progress, "duty null model", n_permutations) as cb:
        r = _core.duty_null_model(t._two_mode(), int(n_permutations), int(trades or 0), seed, pairs,
                                  p_convention=pc, threads=check_threads(threads), progress=cb)
    R = int(n_permutations)
    samples = r["samples"].reshape(len(_STATISTICS), R).T
    dist = pd.DataFrame(samples, columns=list(_STATISTICS))
    obs = r["observed"]
    mean = samples.mean(axis=0)
    sd = samples.std(axis=0, ddof=1) if R > 1 else np.full(len(_STATISTICS), np.nan)
    if R > 1:
        sd[np.ptp(samples, axis=0) == 0] = 0.0  # constant: no rounding noise from the mean
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sd > 0, (obs - mean) / sd, np.nan)
    # The C++ statistics are exact integers (overlap_sd from exact integer sums).
    stats = pd.DataFrame({
        "observed": obs, "mean": mean, "sd": sd, "z": z,
        "p_greater": r["p_greater"], "p_less": r["p_less"], "p_two_sided": r["p_two_sided"],
    }, index=pd.Index(_STATISTICS, name="statistic"))
    pair_frame = None
    if pairs:
        a, b, shared, _ = _core.shared_pairs(t._two_mode(), 1, threads=check_threads(threads))
        m = r["pair_sum"] / R
        var = (r["pair_sum_sq"] - R * m * m) / (R - 1) if R > 1 else np.full(m.size, np.nan)
        psd = np.sqrt(np.maximum(var, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            pz = np.where(psd > 0, (shared - m) / psd, np.nan)
        pair_frame = pd.DataFrame({
            "actor_a": pd.Categorical.from_codes(a, categories=t.actor_ids),
            "actor_b": pd.Categorical.from_codes(b, categories=t.actor_ids),
            "shared": shared, "expected": m, "sd": psd, "z": pz,
            "p_value": r["pair_p"],
        })
    return DutyNullResult(stats, pair_frame, dist, R, int(r["trades"]), seed)


def duty_null_samples(data: Any, *, n_permutations: int = 10, trades: int | None = None,
                      seed: int | None = None, first: int = 0) -> list[pd.DataFrame]:
    """The null samples :func:`duty_null_model` uses, as dense 0/1 DataFrames.

    Sample ``first + i`` here equals sample ``first + i`` of
    ``duty_null_model(data, seed=seed, trades=trades)``. Meant for checking
    the sampler (margins, uniformity) on small tables.
    """
    t = as_duty_table(data)
    _check_dense(t.n_actors * max(n_permutations, 1), t.n_duties, "the null samples")
    seed = check_seed(seed)
    out = []
    for rows, cols in _core.curveball_samples(t._two_mode(), int(n_permutations), int(trades or 0),
                                              seed, int(first)):
        m = np.zeros((t.n_actors, t.n_duties), dtype=np.int8)
        m[rows, cols] = 1
        out.append(pd.DataFrame(m, index=t.actor_ids.copy(), columns=t.duty_ids.copy()))
    return out
