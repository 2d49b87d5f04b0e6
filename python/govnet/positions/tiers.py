"""Formal tiers against empirical positions (层级与位置): do the tiers of the
1+3+N model (or any actor column) describe the network's structure?

Two questions, two tests:

* :func:`partition_agreement` / :func:`tier_fit` — do the formal tiers and the
  positions found in the data (structural equivalence, CONCOR, REGE, or any
  given partition, e.g. communities) sort the actors alike? Adjusted Rand
  index and normalised mutual information, against the formal labels shuffled
  over the actors.
* :func:`tier_density_test` — are the tiers tied to each other (and inside)
  more or less than the actors' degrees alone imply? The tier-by-tier density
  (image) matrix against degree-preserving rewiring.

References
----------
Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification 2,
193–218. doi:10.1007/BF01908075
Danon, L., Díaz-Guilera, A., Duch, J. & Arenas, A. (2005). Comparing community structure
identification. J. Stat. Mech. P09008. doi:10.1088/1742-5468/2005/09/P09008
Maslov, S. & Sneppen, K. (2002). Specificity and stability in topology of protein
networks. Science 296(5569), 910–913. doi:10.1126/science.1065103
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_p_convention, check_seed, progress_bar
from govnet.errors import InvalidParameterError
from govnet.model.access import Relation, as_network, layer_of
from govnet.positions._common import check_permutations, html_table
from govnet.positions._partition import partition_codes
from govnet.positions.equivalence import concor, cutree, equivalence_clustering, hclust, rege

__all__ = ["partition_agreement", "TierDensityTest", "tier_density_test", "TierFit", "tier_fit"]

_METHODS = ("structural", "concor", "rege")


def _contingency(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ka, kb = int(a.max()) + 1, int(b.max()) + 1
    c = np.zeros((ka, kb))
    np.add.at(c, (a, b), 1.0)
    return c


def _ari_nmi(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(ARI, NMI) of two integer label vectors."""
    c = _contingency(a, b)
    n = float(a.size)
    comb = lambda x: x * (x - 1) / 2  # noqa: E731
    sum_ij = float(comb(c).sum())
    sa = float(comb(c.sum(axis=1)).sum())
    sb = float(comb(c.sum(axis=0)).sum())
    expected = sa * sb / comb(n) if n > 1 else 0.0
    top = 0.5 * (sa + sb)
    ari = (sum_ij - expected) / (top - expected) if top != expected else (
        1.0 if sum_ij == expected else math.nan)
    pij = c / n
    pa, pb = pij.sum(axis=1), pij.sum(axis=0)
    nz = pij > 0
    mi = float((pij[nz] * np.log(pij[nz] / np.outer(pa, pb)[nz])).sum())
    ha = -float((pa[pa > 0] * np.log(pa[pa > 0])).sum())
    hb = -float((pb[pb > 0] * np.log(pb[pb > 0])).sum())
    if ha + hb == 0:
        nmi = 1.0          # both partitions a single block: identical (igraph, sklearn)
    else:
        nmi = max(0.0, 2.0 * mi / (ha + hb))
    return ari, nmi


def partition_agreement(net: Any, a: Any, b: Any) -> pd.Series:
    """Agreement of two partitions of the actors: adjusted Rand index and normalised
    mutual information.

    ``ARI`` (Hubert & Arabie 1985): the Rand index corrected for chance,
    ``(Σ C(n_ij, 2) − E) / (½[Σ C(a_i, 2) + Σ C(b_j, 2)] − E)`` with
    ``E = Σ C(a_i, 2) Σ C(b_j, 2) / C(n, 2)``; 1 for identical partitions, 0 in
    expectation for unrelated ones (it can be negative). ``NMI`` (Danon et al.
    2005): ``2 I(A; B) / (H(A) + H(B))`` (natural logarithms; the arithmetic
    normalisation of igraph's ``compare_communities(method="nmi")`` and
    scikit-learn's default); 1 when both are one block. Labels do not matter,
    only who is together.

    Parameters
    ----------
    a, b : str, Series, mapping or list of sets
        Partitions as :func:`govnet.modularity` takes them (``"tier"``, an
        actor column, a Series actor → label, disjoint sets).

    Returns
    -------
    Series
        ``ari``, ``nmi``.
    """
    net = as_network(net)
    ca, _ = partition_codes(net, a)
    cb, _ = partition_codes(net, b)
    ari, nmi = _ari_nmi(ca, cb)
    return pd.Series({"ari": ari, "nmi": nmi}, name="agreement")


@dataclass(frozen=True)
class TierDensityTest:
    """The tier-by-tier density matrix against degree-preserving rewiring (see
    :func:`tier_density_test`)."""

    observed: pd.DataFrame = field(repr=False)
    null_mean: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    directed: bool
    n_permutations: int
    seed: int
    level: float

    def __repr__(self) -> str:
        more = int((self.table["verdict"] == "more than chance").sum())
        less = int((self.table["verdict"] == "less than chance").sum())
        return (f"TierDensityTest({len(self.observed)} blocks, {len(self.table)} pairs: {more} "
                f"tied more than chance, {less} less (p < {self.level:g}), "
                f"{self.n_permutations} rewirings, seed={self.seed})")

    def _repr_html_(self) -> str:
        return html_table("Tier densities against degree-preserving rewiring", [
            ("blocks", len(self.observed)), ("rewirings", self.n_permutations),
            ("seed", self.seed), ("level", self.level)], self.table,
            note="verdict: two-sided p < level, in the direction of observed − null mean")


def _pair_table(obs: np.ndarray, null: np.ndarray, labels: list[Any], directed: bool,
                pc: str, level: float) -> pd.DataFrame:
    k = len(labels)
    rows = []
    for i in range(k):
        for j in range(k):
            if not directed and j < i:
                continue
            o = float(obs[i, j])
            nd = null[:, i, j]
            ok = nd[np.isfinite(nd)]
            mean = float(ok.mean()) if ok.size else math.nan
            sd = float(ok.std(ddof=1)) if ok.size > 1 else math.nan
            if math.isfinite(sd) and sd <= 1e-12 * max(1.0, abs(mean)):
                sd = 0.0            # a constant null (rounding noise only)
            z = (o - mean) / sd if sd > 0 and math.isfinite(o) else math.nan
            if math.isfinite(o):
                pv = _core.permutation_p_values(nd, o, p_convention=pc)
            else:
                pv = {"p_greater": math.nan, "p_less": math.nan, "p_two_sided": math.nan}
            p2 = float(pv["p_two_sided"])
            if p2 < level and o > mean:
                verdict = "more than chance"
            elif p2 < level and o < mean:
                verdict = "less than chance"
            elif math.isfinite(p2):
                verdict = "as chance"
            else:
                verdict = "undefined"
            rows.append({"from": labels[i], "to": labels[j], "observed": o, "null_mean": mean,
                         "null_sd": sd, "z": z, "p_greater": float(pv["p_greater"]),
                         "p_less": float(pv["p_less"]), "p_two_sided": p2, "verdict": verdict})
    return pd.DataFrame(rows)


def tier_density_test(net: Any, partition: Any = "tier", *, relation: Relation = None,
                      n_permutations: int = 1000, seed: int | None = None,
                      swaps_per_edge: float = 10.0, level: float = 0.05,
                      p_convention: str = "plus_one", progress: bool | None = None
                      ) -> TierDensityTest:
    """Which tier pairs are tied more, or less, than the actors' degrees imply?

    The observed block density matrix of the partition (the image of
    :func:`govnet.blockmodel`, on the unweighted layer) is compared, cell by
    cell, with its distribution over ``n_permutations`` degree-preserving
    rewirings of the layer (double edge swaps keeping every actor's degree —
    in- and out-degree on a directed layer — with no self-loops or multiple
    ties; ``swaps_per_edge`` × m attempted swaps; the C++ null model of
    :func:`govnet.permutation_test`, ``null="rewire"``, rewiring i from
    ``Rng(seed, i)``). A tier that is dense only because its actors have many
    ties is "as chance"; one whose actors direct their ties to each other is
    "more than chance".

    Returns
    -------
    TierDensityTest
        ``observed`` and ``null_mean`` (k × k), and ``table``: one row per
        block pair (ordered pairs on a directed layer, unordered on an
        undirected one) with observed density, null mean and sd,
        ``z = (observed − mean) / sd`` (NaN when the null is constant),
        ``p_greater``, ``p_less``,
        ``p_two_sided`` (docs/p-values.md) and ``verdict``: "more than
        chance" / "less than chance" when ``p_two_sided < level`` (default
        0.05, per pair, not corrected for the k² comparisons), else "as
        chance". A pair with no dyad (a one-actor tier with itself) is
        "undefined".
    """
    net = as_network(net)
    R = check_permutations(n_permutations)
    s = check_seed(seed)
    pc = check_p_convention(p_convention)
    if not (isinstance(swaps_per_edge, (int, float)) and not isinstance(swaps_per_edge, bool)
            and swaps_per_edge >= 0):
        raise InvalidParameterError(
            f"swaps_per_edge must be a non-negative number, got {swaps_per_edge!r}")
    if not (isinstance(level, (int, float)) and 0 < level < 1):
        raise InvalidParameterError(f"level must be in (0, 1), got {level!r}")
    codes, labels = partition_codes(net, partition)
    g = layer_of(net, relation)
    k = len(labels)
    directed = bool(g.directed)

    sizes = np.bincount(codes, minlength=k).astype(float)
    dyads = np.outer(sizes, sizes) - np.diag(sizes)
    if not directed:
        np.fill_diagonal(dyads, np.diag(dyads) / 2)

    def densities(h: Any) -> np.ndarray:
        # O(m): ties per block pair from the edge list (each tie once; undirected ties
        # count in both off-diagonal cells, once on the diagonal), over the dyads
        src, dst, _ = h.edges()
        src = np.asarray(src, dtype=np.int64)
        dst = np.asarray(dst, dtype=np.int64)
        keep = src != dst
        cs, cd = codes[src[keep]], codes[dst[keep]]
        tot = np.zeros((k, k))
        np.add.at(tot, (cs, cd), 1.0)
        if not directed:
            off = cs != cd
            np.add.at(tot, (cd[off], cs[off]), 1.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(dyads > 0, tot / np.where(dyads > 0, dyads, 1.0), np.nan)

    obs = densities(g)
    null = np.empty((R, k, k))
    with progress_bar(progress, "tier density test", R) as cb:
        for i in range(R):
            null[i] = densities(_core.null_graph(g, "rewire", s, i, float(swaps_per_edge)))
            if cb is not None and (i % 10 == 9 or i == R - 1):
                cb(i + 1, R)
    lab = pd.Index(labels, name="block")
    table = _pair_table(obs, null, labels, directed, pc, float(level))
    finite = np.isfinite(null)
    count = finite.sum(axis=0)
    total = np.where(finite, null, 0.0).sum(axis=0)
    mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return TierDensityTest(
        observed=pd.DataFrame(obs, index=lab.copy(), columns=lab.copy()),
        null_mean=pd.DataFrame(mean, index=lab.copy(), columns=lab.copy()),
        table=table, directed=directed, n_permutations=R, seed=s, level=float(level))


@dataclass(frozen=True)
class TierFit:
    """Do the formal tiers describe the structure? (see :func:`tier_fit`)"""

    formal: pd.Series = field(repr=False)
    positions: pd.Series = field(repr=False)
    method: str
    ari: float
    nmi: float
    ari_null_mean: float
    nmi_null_mean: float
    ari_p: float
    nmi_p: float
    crosstab: pd.DataFrame = field(repr=False)
    densities: TierDensityTest = field(repr=False)
    n_permutations: int
    seed: int

    @property
    def verdict(self) -> str:
        """One sentence answering "do the tiers describe the structure?"."""
        lev = self.densities.level
        agree = self.ari_p < lev and self.ari > self.ari_null_mean
        t = self.densities.table
        more = t[t["verdict"] == "more than chance"]
        less = t[t["verdict"] == "less than chance"]
        first = ("the empirical positions agree with the formal partition more than chance "
                 f"(ARI {self.ari:.3g}, p = {self.ari_p:.3g})" if agree else
                 "the empirical positions do not agree with the formal partition beyond chance "
                 f"(ARI {self.ari:.3g}, p = {self.ari_p:.3g})")
        pairs = (f"{len(more)} block pair(s) tied more and {len(less)} less than the degrees "
                 f"imply (p < {lev:g})")
        return f"{first}; {pairs}."

    def __repr__(self) -> str:
        return (f"TierFit({self.method} positions vs the formal partition: ARI {self.ari:.4g} "
                f"(p={self.ari_p:.4g}), NMI {self.nmi:.4g} (p={self.nmi_p:.4g}); "
                f"{self.n_permutations} permutations, seed={self.seed})")

    def _repr_html_(self) -> str:
        rows: list[tuple[str, Any]] = [
            ("answer", self.verdict), ("positions", self.method),
            ("adjusted Rand index", self.ari), ("ARI: null mean", self.ari_null_mean),
            ("ARI: P(null ≥ observed)", self.ari_p), ("NMI", self.nmi),
            ("NMI: null mean", self.nmi_null_mean), ("NMI: P(null ≥ observed)", self.nmi_p),
            ("permutations", self.n_permutations), ("seed", self.seed)]
        return (html_table("Do the tiers describe the structure?", rows, self.crosstab,
                           note="rows: formal blocks; columns: empirical positions")
                + self.densities._repr_html_())


def _positions(net: Any, method: str, relation: Relation, k: int) -> pd.Series:
    if method == "structural":
        return equivalence_clustering(net, relation=relation, k=k).positions  # type: ignore[return-value]
    if method == "concor":
        depth = max(1, math.ceil(math.log2(max(k, 2))))
        return concor(net, relation=relation, depth=depth)
    e = rege(net, relation=relation)
    tree = hclust(1.0 - e.to_numpy(), "complete")
    return pd.Series(cutree(tree["merge"], k), index=net.actor_ids.copy(), name="rege")


def tier_fit(net: Any, partition: Any = "tier", *, positions: Any = "structural",
             relation: Relation = None, k: int | None = None, n_permutations: int = 1000,
             seed: int | None = None, swaps_per_edge: float = 10.0, level: float = 0.05,
             p_convention: str = "plus_one", progress: bool | None = None) -> TierFit:
    """Do the formal tiers (一核 / 3 / 多元, or any partition) describe the network's
    structure? One call, two tests.

    1. **Agreement with empirical positions.** ``positions`` — a method
       (``"structural"``: :func:`equivalence_clustering`, Hamming distances,
       complete linkage, cut into ``k`` positions; ``"concor"``:
       :func:`concor` with ``depth = ⌈log₂ k⌉``; ``"rege"``: complete-linkage
       clustering of 1 − :func:`rege`, cut into ``k``) or any partition
       (communities, a column) — is compared with ``partition`` by the
       adjusted Rand index and NMI (:func:`partition_agreement`). Null: the
       formal labels shuffled over the actors (``n_permutations`` times,
       ``numpy.random.default_rng(SeedSequence(seed))``), the positions fixed;
       ``ari_p``, ``nmi_p`` are ``p_greater`` (agreement larger than chance)
       by the package's p-value routine (docs/p-values.md).
    2. **Tier densities.** :func:`tier_density_test` of ``partition``
       (degree-preserving rewiring; ``Rng(seed, i)``).

    ``k`` defaults to the number of formal blocks.

    Returns
    -------
    TierFit
        ``ari``, ``nmi``, their null means and p-values, ``crosstab`` (formal
        × empirical), ``densities`` (a :class:`TierDensityTest`) and
        ``verdict`` — one sentence; ``_repr_html_`` shows it all.
    """
    net = as_network(net)
    R = check_permutations(n_permutations)
    s = check_seed(seed)
    pc = check_p_convention(p_convention)
    codes, labels = partition_codes(net, partition)
    if k is None:
        k = len(labels)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, got {type(k).__name__}")
    if not 1 <= k <= len(net):
        raise InvalidParameterError(f"k must be in 1..{len(net)}, got {k}")
    if isinstance(positions, str) and positions in _METHODS:
        method = positions
        pos = _positions(net, positions, relation, int(k))
    elif isinstance(positions, str) and positions not in net.actors.columns:
        raise InvalidParameterError(
            f"positions={positions!r}: not a method {_METHODS} nor an actor column")
    else:
        method = "given" if not isinstance(positions, str) else f"column {positions!r}"
        pos = positions
    pcodes, plabels = partition_codes(net, pos)
    ari, nmi = _ari_nmi(codes, pcodes)
    rng = np.random.default_rng(np.random.SeedSequence(s))
    null = np.empty((R, 2))
    for i in range(R):
        null[i] = _ari_nmi(codes[rng.permutation(codes.size)], pcodes)
    p_ari = float(_core.permutation_p_values(null[:, 0], ari, p_convention=pc)["p_greater"])
    p_nmi = float(_core.permutation_p_values(null[:, 1], nmi, p_convention=pc)["p_greater"])
    dens = tier_density_test(net, partition, relation=relation, n_permutations=R, seed=s,
                             swaps_per_edge=swaps_per_edge, level=level, p_convention=pc,
                             progress=progress)
    formal = pd.Series(np.asarray(labels, dtype=object)[codes], index=net.actor_ids.copy(),
                       name="formal")
    empirical = pd.Series(np.asarray(plabels, dtype=object)[pcodes], index=net.actor_ids.copy(),
                          name="position")
    ct = pd.crosstab(formal, empirical)
    return TierFit(formal=formal, positions=empirical, method=method, ari=ari, nmi=nmi,
                   ari_null_mean=float(null[:, 0].mean()), nmi_null_mean=float(null[:, 1].mean()),
                   ari_p=p_ari, nmi_p=p_nmi, crosstab=ct, densities=dens, n_permutations=R,
                   seed=s)
