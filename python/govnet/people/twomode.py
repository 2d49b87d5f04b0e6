"""Two-mode (dual) centralities of persons and organisations (Borgatti & Everett 1997).

The bipartite graph has one node per person (the persons table) and per
organisation (every actor), and an edge per distinct (person, organisation)
pair of the posts kept. Normalisations are Borgatti–Everett's, as
``networkx.algorithms.bipartite`` (persons are the "top" set, n of them;
organisations the "bottom" set, m):

* degree — deg / m for a person, deg / n for an organisation;
* closeness — ``(m + 2(n−1)) / S`` for a person and ``(n + 2(m−1)) / S`` for
  an organisation (S = sum of distances to the nodes it reaches), times
  ``(r − 1)/(N − 1)`` (r nodes in its component, N = n + m) so that
  disconnected graphs compare (networkx ``normalized=True``); 0 when S = 0;
* betweenness — Brandes betweenness on the bipartite graph (each unordered
  pair once) divided by the two-mode maximum of the node's set
  (networkx's ``bet_max_top`` / ``bet_max_bot``); 0 where that maximum is 0
  (networkx divides by zero there);
* eigenvector — the leading eigenvector of the bipartite adjacency, unit L2
  norm over all nodes, non-negative (Bonacich 1991: persons' scores are the
  eigenvector of BBᵀ, organisations' of BᵀB, for the same eigenvalue λ²). On
  a disconnected graph it lives on the component with the largest λ (ties:
  not unique, as networkx's ``eigenvector_centrality_numpy``).

References
----------
Borgatti, S. P. & Everett, M. G. (1997). Network analysis of 2-mode data.
Social Networks 19(3), 243–269. doi:10.1016/S0378-8733(96)00301-2
Bonacich, P. (1991). Simultaneous group and individual centralities. Social
Networks 13(2), 155–168. doi:10.1016/0378-8733(91)90018-O
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_threads
from govnet.errors import EmptyNetworkError
from govnet.model.network import Network
from govnet.people._common import incidence

__all__ = ["TwoModeCentrality", "two_mode_centrality", "bipartite_edges"]


@dataclass(frozen=True)
class TwoModeCentrality:
    """Result of :func:`two_mode_centrality`: ``persons`` (indexed by person id) and
    ``organisations`` (indexed by actor id), columns ``degree``, ``closeness``,
    ``betweenness``, ``eigenvector``."""

    persons: pd.DataFrame
    organisations: pd.DataFrame

    def __repr__(self) -> str:
        def top(frame: pd.DataFrame) -> str:
            if len(frame) == 0:
                return "-"
            return ", ".join(f"{i} ({v:.2f})" for i, v in
                             frame["degree"].sort_values(ascending=False).head(3).items())
        return (f"TwoModeCentrality({len(self.persons)} persons, {len(self.organisations)} "
                f"organisations; top persons by degree: {top(self.persons)}; top organisations: "
                f"{top(self.organisations)})")

    def _repr_html_(self) -> str:
        def table(frame: pd.DataFrame, title: str) -> str:
            head = frame.sort_values("degree", ascending=False).head(10)
            rows = "".join(f"<tr><td>{escape(str(i))}</td>" + "".join(
                f"<td>{v:.3f}</td>" for v in r) + "</tr>" for i, r in
                zip(head.index, head.to_numpy()))
            cols = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
            return f"<p>{title}</p><table><tr><th></th>{cols}</tr>{rows}</table>"
        return (f"<div><strong>Two-mode centrality</strong>{table(self.persons, 'persons')}"
                f"{table(self.organisations, 'organisations')}</div>")


def bipartite_edges(net: Network, *, roles: Any = None, at: Any = None
                    ) -> tuple[pd.Index, pd.Index, np.ndarray, np.ndarray]:
    """(person ids, actor ids, person positions, actor positions) of the distinct
    (person, organisation) pairs of the posts kept."""
    inc = incidence(net, roles, at, "two_mode_centrality")
    return inc.persons, inc.actors, inc.pp, inc.pa


def _eigen(n_top: int, n_all: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    import scipy.sparse as sp
    import scipy.sparse.linalg as sla

    if src.size == 0:
        return np.full(n_all, np.nan)
    a = sp.coo_matrix((np.ones(src.size), (src, dst)), shape=(n_all, n_all)).tocsr()
    a = a + a.T
    if n_all <= 400:
        vals, vecs = np.linalg.eigh(a.toarray())
        v = vecs[:, -1]
    else:
        vals, vecs = sla.eigsh(a, k=1, which="LA", tol=1e-12, maxiter=100000)
        v = vecs[:, 0]
    v = v * np.sign(v[np.argmax(np.abs(v))])
    v[np.abs(v) < 1e-15] = 0.0
    return v / np.linalg.norm(v)


def two_mode_centrality(net: Network, *, roles: Any = None, at: Any = None,
                        threads: int | None = None) -> TwoModeCentrality:
    """Two-mode degree, closeness, betweenness and eigenvector centrality of the
    persons and organisations of the posts (see the module docstring for the
    conventions; they equal networkx's ``bipartite.degree_centrality``,
    ``closeness_centrality``, ``betweenness_centrality`` with the persons as
    ``nodes``, and ``eigenvector_centrality_numpy`` on the bipartite graph).

    ``roles`` / ``at`` choose the posts (see :func:`govnet.people.cross_appointment`).
    Shortest paths run in the C++ core (GIL released, ``threads=``).
    """
    pid, aid, pp, pa = bipartite_edges(net, roles=roles, at=at)
    n, m = len(pid), len(aid)
    if n == 0:
        raise EmptyNetworkError("two_mode_centrality: the persons table is empty")
    total = n + m
    src = pp.astype(np.int32)
    dst = (pa + n).astype(np.int32)
    g = _core.CsrGraph.build(total, src, dst, None, directed=False, duplicates="raise",
                             self_loops="raise")
    th = check_threads(threads)
    deg = np.bincount(np.r_[pp, pa + n], minlength=total).astype(float)
    degree = np.r_[deg[:n] / m, deg[n:] / n]
    reached, dsum, _ = _core.distance_sums(g, weighted=False, incoming=False, threads=th)
    num = np.r_[np.full(n, m + 2.0 * (n - 1)), np.full(m, n + 2.0 * (m - 1))]
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where(dsum > 0, num / dsum, 0.0)
    if total > 1:
        close = close * (reached / (total - 1))
    raw = _core.betweenness(g, normalized=False, threads=th)
    s, t = divmod(n - 1, m)
    top_max = ((m ** 2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0
    p, r = divmod(m - 1, n)
    bot_max = ((n ** 2) * ((p + 1) ** 2) + n * (p + 1) * (2 * r - p - 1) - r * (2 * p - r + 3)) / 2.0
    # a maximum of 0 (one person, or one organisation, ...): no node of that set can
    # lie between two others, and its raw betweenness is 0; reported as 0
    between = np.r_[raw[:n] / top_max if top_max > 0 else np.zeros(n),
                    raw[n:] / bot_max if bot_max > 0 else np.zeros(m)]
    eig = _eigen(n, total, src.astype(np.int64), dst.astype(np.int64))
    cols = {"degree": degree, "closeness": close, "betweenness": between, "eigenvector": eig}
    persons = pd.DataFrame({k: v[:n] for k, v in cols.items()}, index=pd.Index(pid, name="person"))
    orgs = pd.DataFrame({k: v[n:] for k, v in cols.items()}, index=pd.Index(aid.copy(), name="actor"))
    return TwoModeCentrality(persons, orgs)
