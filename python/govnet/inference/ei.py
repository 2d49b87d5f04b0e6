"""Krackhardt & Stern's E-I index with a permutation test."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_p_convention, check_seed, check_threads, progress_bar
from govnet.errors import InvalidNetworkError
from govnet.inference._common import _check_permutations, _html, _null_summary
from govnet.model.access import as_network, layer_of


@dataclass(frozen=True)
class EIResult:
    """E-I index of a partition, global and per group (see :func:`ei_index`)."""

    ei: float
    external: int
    internal: int
    p_greater: float
    p_less: float
    p_two_sided: float
    null_mean: float
    null_sd: float
    groups: pd.DataFrame = field(repr=False, compare=False)
    n_permutations: int
    seed: int
    null_distribution: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        with pd.option_context("display.float_format", lambda v: f"{v:.4g}", "display.width", 120):
            return (
                f"EIResult(E-I={self.ei:.4f} (E={self.external}, I={self.internal}), "
                f"null mean {self.null_mean:.4f} sd {self.null_sd:.4f}, "
                f"p_greater={self.p_greater:.4g}, p_less={self.p_less:.4g}, "
                f"{self.n_permutations} permutations, seed={self.seed})\n" + self.groups.to_string()
            )

    def _repr_html_(self) -> str:
        return _html(
            "E-I index (Krackhardt & Stern 1988)",
            [
                ("E-I (global)", self.ei),
                ("external ties", self.external),
                ("internal ties", self.internal),
                ("null mean", self.null_mean),
                ("P(null ≥ E-I)", self.p_greater),
                ("P(null ≤ E-I)", self.p_less),
                ("permutations", self.n_permutations),
                ("seed", self.seed),
            ],
            self.groups,
            "−1: all ties inside groups; +1: all ties across groups.",
        )


def ei_index(
    net: Any,
    groups: str | Mapping[Any, Any] | pd.Series = "tier",
    *,
    relation: Any = None,
    n_permutations: int = 1000,
    seed: int | None = None,
    keep_null: bool = False,
    p_convention: str = "plus_one",
    threads: int | None = None,
    progress: bool | None = None,
) -> EIResult:
    """Krackhardt & Stern's (1988) E-I index across groups, with a permutation test.

    ``EI = (E - I) / (E + I)``: E ties join different groups, I ties the same
    group; −1 means every tie stays inside a group (closed tiers), +1 that
    every tie crosses groups. A group's index uses the ties with at least one
    end in it (E_g: to other groups, I_g: inside). By default the groups are
    the tiers: core (一核), support (支撑), plural (多元), external.

    Parameters
    ----------
    net : Network or networkx graph
    groups : str, mapping or Series, default "tier"
        An actor attribute column, or a mapping actor id -> group.
    relation : str, list of str, or None
    n_permutations, seed, keep_null, p_convention, threads, progress
        Group labels are permuted over actors (group sizes kept), as
        Krackhardt & Stern's test; p-values as in :func:`qap_test`.

    Returns
    -------
    EIResult
        Global ``ei``, ``external``, ``internal``, p-values and null summary;
        ``groups``: DataFrame indexed by group with external, internal, ei,
        null_mean, p_greater, p_less.

    Notes
    -----
    Each tie counts once (directed arcs once each); weights and self-loops are
    ignored. NaN when there are no ties (for a group: none touching it).
    O(R (n + m)).

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and
    organizational crises: An experimental simulation. Social Psychology
    Quarterly 51(2), 123–140. doi:10.2307/2786835

    Examples
    --------
    >>> import govnet
    >>> res = govnet.ei_index(govnet.datasets.nanshan(), relation="leadership",
    ...                       n_permutations=100, seed=1)
    >>> res.ei
    1.0
    """
    net = as_network(net)
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
    pc = check_p_convention(p_convention)
    if isinstance(groups, str):
        table = net.actors
        if groups not in table.columns:
            raise InvalidNetworkError(
                f"no actor attribute {groups!r}; attributes: {list(table.columns)}"
            )
        labels = table[groups]
    else:
        mapping = pd.Series(groups) if isinstance(groups, Mapping) else groups
        mapping.index = mapping.index.astype(str)
        missing = [a for a in net.actor_ids if a not in mapping.index]
        if missing:
            raise InvalidNetworkError(f"groups: no group for actor {missing[0]!r}")
        labels = mapping.reindex(net.actor_ids)
    if labels.isna().any():
        raise InvalidNetworkError(
            f"groups: missing group for actor {labels.index[labels.isna()][0]!r}"
        )
    cats = pd.Categorical(labels.astype(str))
    codes = np.asarray(cats.codes, dtype=np.int32)
    names = list(cats.categories)
    g = layer_of(net, relation)
    with progress_bar(progress, "E-I index", R) as cb:
        out = _core.ei_test(
            g,
            codes,
            len(names),
            n_permutations=R,
            seed=s,
            p_convention=pc,
            threads=check_threads(threads),
            progress=cb,
        )
    tests = out["tests"]
    nulls = [np.asarray(t["null"]) for t in tests]
    per_group = pd.DataFrame(
        {
            "external": np.asarray(out["group_external"], dtype=np.int64),
            "internal": np.asarray(out["group_internal"], dtype=np.int64),
            "ei": [t["statistic"] for t in tests[1:]],
            "null_mean": [_null_summary(nl)["null_mean"] for nl in nulls[1:]],
            "p_greater": [t["p_greater"] for t in tests[1:]],
            "p_less": [t["p_less"] for t in tests[1:]],
        },
        index=pd.Index(names, name="group"),
    )
    summ = _null_summary(nulls[0])
    nd = pd.DataFrame(np.column_stack(nulls), columns=["(global)", *names]) if keep_null else None
    return EIResult(
        ei=float(tests[0]["statistic"]),
        external=int(out["external"]),
        internal=int(out["internal"]),
        p_greater=float(tests[0]["p_greater"]),
        p_less=float(tests[0]["p_less"]),
        p_two_sided=float(tests[0]["p_two_sided"]),
        null_mean=summ["null_mean"],
        null_sd=summ["null_sd"],
        groups=per_group,
        n_permutations=R,
        seed=s,
        null_distribution=nd,
    )
