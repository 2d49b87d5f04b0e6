"""Missing dyads: pairs that are neither ties nor non-ties (a roster survey's
non-respondents), their validation, the one check every measure inherits,
imputation and the symmetrisation of reported ties.

A network's ``missing`` table (see ``docs/conventions.md``, "Optional tables of
a network") has columns ``source``, ``target``, ``relation`` (actor ids and a
layer name, text). In an undirected relation one row covers both orders.

The rule for measures: a measure reading a layer with missing dyads raises
:class:`~govnet.InvalidNetworkError` naming the layer and the number of
missing dyads (:func:`require_complete`, called by ``model.access.layer_of``),
unless its docstring states a treatment. :func:`impute_missing` and
:func:`symmetrize` give a network without missing dyads on the chosen layers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.validation import RelationSpec, canonical_relation, check_size, id_str, row_label

# Networks are typed Any here: network.py imports this module (validate_missing).
Network = Any

__all__ = ["validate_missing", "missing_counts", "require_complete", "impute_missing",
           "symmetrize", "SymmetrizeResult", "SYMMETRIZE_RULES", "MISSING_COLUMNS"]

MISSING_COLUMNS = ("source", "target", "relation")

#: The rules of :func:`symmetrize`.
SYMMETRIZE_RULES = ("either", "both", "min", "max", "mean")


def _layer_name(relation: str, relations: Mapping[str, RelationSpec]) -> str | None:
    if relation in relations:
        return relation
    want = canonical_relation(relation)
    return next((r for r in relations if canonical_relation(r) == want), None)


def validate_missing(missing: pd.DataFrame, codes: pd.Index,
                     relations: Mapping[str, RelationSpec],
                     ties: pd.DataFrame | None = None) -> pd.DataFrame:
    """The checked ``missing`` table (source, target, relation; text).

    ``relation`` may be left out on a one-layer network. In an undirected
    relation the pair is stored once (first actor in network order first);
    repeated rows are merged. ``ties`` (the internal tie frame with ``src``,
    ``dst``, ``relation``) lets a dyad that is also a tie be refused.

    Raises
    ------
    InvalidNetworkError
        Not a DataFrame; a missing column; an empty id; an actor or relation
        not in the network; a dyad of an actor with itself; a dyad that is
        also a tie. The message names the row and value.
    """
    if not isinstance(missing, pd.DataFrame):
        raise InvalidNetworkError(f"missing must be a DataFrame, got {type(missing).__name__}")
    for c in ("source", "target"):
        if c not in missing.columns:
            raise InvalidNetworkError(f"missing: no {c!r} column; columns: {list(missing.columns)}")
    if "relation" not in missing.columns:
        if len(relations) != 1:
            raise InvalidNetworkError(
                f"missing: no 'relation' column, and the network has {len(relations)} layers "
                f"({', '.join(relations) or 'none'}); say which layer each missing dyad belongs to")
        missing = missing.assign(relation=next(iter(relations)))
    rows: list[tuple[int, int, str]] = []
    for pos in range(len(missing)):
        raw = [missing[c].iloc[pos] for c in MISSING_COLUMNS]
        vals = ["" if (v is None or (isinstance(v, float) and np.isnan(v))) else id_str(v) for v in raw]
        where = row_label(missing, "missing", pos)
        for c, v in zip(MISSING_COLUMNS, vals):
            if v == "":
                raise InvalidNetworkError(f"{where}: {c} is empty")
        rel = _layer_name(vals[2], relations)
        if rel is None:
            raise InvalidNetworkError(
                f"{where}: relation {vals[2]!r} is not a layer of the network; layers: {list(relations)}")
        p = codes.get_indexer([vals[0], vals[1]])
        for c, v, q in zip(("source", "target"), vals, p):
            if q < 0:
                raise InvalidNetworkError(f"{where}: {c} {v!r} is not an actor")
        if p[0] == p[1]:
            raise InvalidNetworkError(f"{where}: a missing dyad of {vals[0]!r} with itself")
        a, b = int(p[0]), int(p[1])
        if not relations[rel].directed and b < a:
            a, b = b, a
        rows.append((a, b, rel))
    if ties is not None and rows and len(ties):
        tie_keys = set()
        for s, t, r in zip(ties["src"].to_numpy(), ties["dst"].to_numpy(), ties["relation"].astype(str)):
            s, t = int(s), int(t)
            if not relations[r].directed and t < s:
                s, t = t, s
            tie_keys.add((s, t, r))
        for pos, key in enumerate(rows):
            if key in tie_keys:
                arrow = "->" if relations[key[2]].directed else "--"
                raise InvalidNetworkError(
                    f"{row_label(missing, 'missing', pos)}: {codes[key[0]]!r} {arrow} "
                    f"{codes[key[1]]!r} in {key[2]!r} is both a tie and a missing dyad")
    uniq = list(dict.fromkeys(rows))
    return pd.DataFrame({"source": [str(codes[a]) for a, _, _ in uniq],
                         "target": [str(codes[b]) for _, b, _ in uniq],
                         "relation": [r for _, _, r in uniq]}, columns=list(MISSING_COLUMNS))


def _missing_table(net: Network) -> pd.DataFrame | None:
    return net.optional_tables().get("missing")


def missing_counts(net: Network, relation: Any = "all") -> dict[str, int]:
    """Missing dyads per layer that ``relation`` selects (layers without any left out)."""
    m = _missing_table(net)
    if m is None or not len(m):
        return {}
    names = net.relation_names(relation)
    counts = m["relation"].value_counts()
    return {r: int(counts[r]) for r in names if r in counts.index and counts[r] > 0}


def require_complete(net: Network, relation: Any) -> None:
    """The default rule for measures: raise if a chosen layer has missing dyads.

    Raises
    ------
    InvalidNetworkError
        Naming each layer with missing dyads and their number, and the ways out.
    """
    counts = missing_counts(net, relation)
    if counts:
        layers = ", ".join(f"{r!r} has {k} missing dyad{'s' if k != 1 else ''}"
                           for r, k in counts.items())
        raise InvalidNetworkError(
            f"relation {layers} (non-respondents: neither ties nor non-ties); this measure does "
            f"not handle missing dyads. Impute them (govnet.impute_missing(net, 'non_ties') or "
            f"'ties'), symmetrise a reported layer (govnet.symmetrize), bound the result "
            f"(govnet.missing_sensitivity), or choose layers without missing dyads")


def _replace_layers(net: Network, ties: pd.DataFrame, relations: Mapping[str, RelationSpec],
                    missing: pd.DataFrame) -> Network:
    ties = ties.reset_index(drop=True)
    ties["relation"] = pd.Categorical(ties["relation"].astype(str), categories=list(relations))
    return net._replace(ties=ties, relations=dict(relations),
                        missing=missing.reset_index(drop=True) if len(missing) else None)


def impute_missing(net: Network, as_: str, *, relation: Any = "all", weight: float = 1.0) -> Network:
    """A network with the missing dyads of the chosen layers read as ``as_``.

    Parameters
    ----------
    as_ : {"non_ties", "ties"}
        ``"non_ties"``: the missing dyads are dropped (read as no tie, the
        lower bound of any count of ties); ``"ties"``: each becomes a tie of
        weight ``weight`` (the upper bound).
    relation : str, list or "all"
        The layers to impute (default every layer).

    Missing dyads of other layers are kept.
    """
    if as_ not in ("non_ties", "ties"):
        raise InvalidParameterError(f"as_ must be 'non_ties' or 'ties', got {as_!r}")
    if not (isinstance(weight, (int, float)) and np.isfinite(weight) and weight > 0):
        raise InvalidParameterError(f"weight must be a positive finite number, got {weight!r}")
    m = _missing_table(net)
    if m is None or not len(m):
        return net
    names = set(net.relation_names(relation))
    chosen = m["relation"].isin(names).to_numpy()
    keep = m[~chosen]
    t = net._ties
    if as_ == "ties":
        take = m[chosen]
        extra = pd.DataFrame({
            "src": net.actor_ids.get_indexer(take["source"]).astype(np.int32),
            "dst": net.actor_ids.get_indexer(take["target"]).astype(np.int32),
            "relation": take["relation"].to_numpy(), "weight": float(weight)})
        t = pd.concat([t.assign(relation=t["relation"].astype(str)), extra], ignore_index=True)
    relations = {r: net.relation_spec(r) for r in net.relations}
    return _replace_layers(net, t.copy(), relations, keep)


@dataclass(frozen=True)
class SymmetrizeResult:
    """Result of :func:`symmetrize`.

    Attributes
    ----------
    network : Network
        The network with the layer replaced by its undirected version (or the
        new layer added).
    rule : str
        The rule applied.
    relation : str
        The directed layer read; ``layer`` the undirected layer written.
    disagreements : DataFrame
        Pairs whose two reports differ: ``a``, ``b``, ``a_to_b``, ``b_to_a``
        (weights; NaN where a side did not report, i.e. a missing dyad) and
        ``result`` (the undirected weight, 0 for no tie).
    """

    network: Any
    rule: str
    relation: str
    layer: str
    disagreements: pd.DataFrame

    def __repr__(self) -> str:
        return (f"SymmetrizeResult({self.relation!r} -> {self.layer!r} by {self.rule!r}: "
                f"{len(self.disagreements)} pair(s) reported differently)")

    def _repr_html_(self) -> str:
        return (f"<div><strong>Symmetrised</strong> {escape(self.relation)} → {escape(self.layer)} "
                f"by rule {escape(self.rule)}; {len(self.disagreements)} disagreement(s)"
                f"{self.disagreements.head(20).to_html()}</div>")


def symmetrize(net: Network, relation: str, rule: str, *, name: str | None = None) -> SymmetrizeResult:
    """Make a directed layer of reported ties undirected by a named rule.

    A roster survey records ``i -> j`` as *i reports a tie to j*. For each
    unordered pair with reports ``w_ij`` and ``w_ji`` (the arc's weight, 0
    for a reported non-tie):

    * ``"either"`` — a tie if either side reports one (weight 1);
    * ``"both"`` — a tie only if both sides report one (weight 1);
    * ``"min"``, ``"max"``, ``"mean"`` — weight ``min``/``max``/mean of the two
      reports; a tie where that is > 0.

    Missing dyads: when one side did not report (``i -> j`` is a missing dyad,
    i a non-respondent), the pair takes the other side's report alone
    (reconstruction); when neither side reported, the pair is a missing dyad
    of the new undirected layer.

    Parameters
    ----------
    relation : str
        A directed layer.
    rule : str
        One of :data:`SYMMETRIZE_RULES`.
    name : str, optional
        Name of the undirected layer; default: replace ``relation`` itself.

    Returns
    -------
    SymmetrizeResult
        The new network and the pairs whose reports disagree.

    Notes
    -----
    Works on dense n x n matrices (survey networks are small): O(n²) memory,
    refused with :class:`~govnet.TooLargeError` beyond the memory limit.
    """
    if rule not in SYMMETRIZE_RULES:
        raise InvalidParameterError(f"rule must be one of {SYMMETRIZE_RULES}, got {rule!r}")
    if not isinstance(relation, str):
        raise TypeError(f"relation must be one layer name (str), got {type(relation).__name__}")
    rel = net.relation_names(relation)[0]
    spec = net.relation_spec(rel)
    if not spec.directed:
        raise InvalidParameterError(f"relation {rel!r} is already undirected")
    out_name = rel if name is None else str(name)
    if out_name != rel and out_name in net.relations:
        raise InvalidParameterError(f"relation {out_name!r} already exists; choose another name=")
    n = len(net)
    check_size("symmetrize: the dense n x n report matrices", float(n) * n, 8 * 3 + 2)
    s, t, w = (np.asarray(x) for x in net.layer(rel).edges())
    mat = np.zeros((n, n))
    np.add.at(mat, (s.astype(np.int64), t.astype(np.int64)), np.asarray(w, dtype=float))
    np.fill_diagonal(mat, 0.0)
    m = _missing_table(net)
    miss = np.zeros((n, n), dtype=bool)
    other_missing = m
    if m is not None and len(m):
        mine = (m["relation"] == rel).to_numpy()
        sub = m[mine]
        miss[net.actor_ids.get_indexer(sub["source"]), net.actor_ids.get_indexer(sub["target"])] = True
        other_missing = m[~mine] if out_name == rel else m
    iu, ju = np.triu_indices(n, 1)
    a, b = mat[iu, ju], mat[ju, iu]
    ma, mb = miss[iu, ju], miss[ju, iu]
    if rule == "either":
        res = ((a > 0) | (b > 0)).astype(float)
    elif rule == "both":
        res = ((a > 0) & (b > 0)).astype(float)
    elif rule == "min":
        res = np.minimum(a, b)
    elif rule == "max":
        res = np.maximum(a, b)
    else:
        res = (a + b) / 2.0
    one_a = mb & ~ma  # only a's report
    one_b = ma & ~mb
    single = b.copy()
    single[one_a] = a[one_a]
    if rule in ("either", "both"):
        single = (single > 0).astype(float)
    res = np.where(one_a | one_b, single, res)
    both_missing = ma & mb
    res[both_missing] = 0.0
    ids = np.asarray(net.actor_ids, dtype=object)
    differ = ~ma & ~mb & (a != b)
    dis = pd.DataFrame({"a": ids[iu[differ]], "b": ids[ju[differ]], "a_to_b": a[differ],
                        "b_to_a": b[differ], "result": res[differ]})
    tie = res > 0
    t_old = net._ties
    if out_name == rel:
        t_old = t_old[(t_old["relation"] != rel).to_numpy()]
    new = pd.DataFrame({"src": iu[tie].astype(np.int32), "dst": ju[tie].astype(np.int32),
                        "relation": out_name, "weight": res[tie]})
    ties = pd.concat([t_old.assign(relation=t_old["relation"].astype(str)), new], ignore_index=True)
    relations = {r: net.relation_spec(r) for r in net.relations}
    relations[out_name] = RelationSpec(out_name, False, spec.label_zh, spec.label_en)
    new_missing = pd.DataFrame({"source": ids[iu[both_missing]], "target": ids[ju[both_missing]],
                                "relation": out_name}, columns=list(MISSING_COLUMNS))
    parts = [p for p in (other_missing, new_missing) if p is not None and len(p)]
    missing = pd.concat(parts, ignore_index=True) if parts else new_missing
    out = _replace_layers(net, ties, relations, missing)
    return SymmetrizeResult(out, rule, rel, out_name, dis.reset_index(drop=True))
