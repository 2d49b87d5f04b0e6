"""ERGM terms: statnet's definitions and coefficient names, built into core specs.

Notation: y the tie indicator, d_i a degree, SP(i, j) the shared partners of
i and j (undirected: common neighbours; directed: outgoing two-paths
i -> k -> j, statnet's default ``"OTP"``), r = 1 - exp(-alpha).

===============================  =============================================  ==========================
term                             statistic                                      coefficient name
===============================  =============================================  ==========================
edges                            sum y_ij                                       edges
mutual                           pairs with y_ij = y_ji = 1 (directed)          mutual
nodecov(a)                       sum y_ij (a_i + a_j)                           nodecov.a
nodeocov(a) / nodeicov(a)        sum y_ij a_i / sum y_ij a_j (directed)         nodeocov.a / nodeicov.a
nodefactor(a, base=1)            per level l: sum y_ij ([a_i=l] + [a_j=l])      nodefactor.a.l
nodeofactor / nodeifactor        per level: sender's / receiver's level          nodeofactor.a.l
nodematch(a)                     sum y_ij [a_i = a_j]                           nodematch.a
nodematch(a, diff=True)          per level l: sum y_ij [a_i = a_j = l]          nodematch.a.l
nodemix(a)                       per level pair (u, v): ties from u to v        mix.a.u.v
absdiff(a, pow=1)                sum y_ij |a_i - a_j|^pow                       absdiff.a (absdiff<pow>.a)
edgecov(x)                       sum y_ij x_ij                                  edgecov.x
kstar(k)                         sum_i C(d_i, k) (undirected)                   kstar<k>
istar(k) / ostar(k)              sum_i C(indeg_i, k) / C(outdeg_i, k)           istar<k> / ostar<k>
triangle                         triangles; directed: ttriple + ctriple         triangle
ttriple / ctriple                transitive / cyclic triples (directed)         ttriple / ctriple
transitive                       triads of type 030T, 120D, 120U or 300         transitive
transitiveties                   ties i->j with a two-path i->k->j              transitiveties
cyclicalties                     ties i->j with a two-path j->k->i              cyclicalties
gwesp(alpha, fixed=True)         e^a sum_{ties} (1 - r^{SP(i,j)})               gwesp.fixed.<alpha>
gwdsp(alpha, fixed=True)         e^a sum_{dyads} (1 - r^{SP(i,j)})              gwdsp.fixed.<alpha>
gwnsp(alpha, fixed=True)         gwdsp - gwesp (non-tie dyads)                  gwnsp.fixed.<alpha>
gwdegree(d, fixed=True)          e^d sum_i (1 - (1 - e^{-d})^{d_i})             gwdeg.fixed.<d>
gwidegree / gwodegree            the same over in- / out-degrees                gwideg / gwodeg.fixed.<d>
isolates                         nodes without ties                             isolates
b1star(k) / b2star(k)            sum over mode-1 / mode-2 nodes of C(d_i, k)    b1star<k> / b2star<k>
gwb1degree / gwb2degree(d)       gwdegree over mode-1 / mode-2 nodes            gwb1deg / gwb2deg.fixed.<d>
b1factor(a) / b2factor(a)        per level: ties of mode-1 / mode-2 nodes       b1factor.a.l / b2factor.a.l
===============================  =============================================  ==========================

Levels are the sorted distinct values of an attribute; ``base=1`` drops the
first (statnet's default ``levels=-1``), ``base=0`` keeps all. nodemix drops
the first cell of the mixing matrix (statnet's ``levels2=-1``); cells run
column by column over (sender level u, receiver level v), and for undirected
networks over u <= v, as statnet orders them. ``nodematch(diff=True)`` keeps
every level. Undirected edgecov reads x_ij for i < j in node order (statnet's
upper triangle); a layer used as a covariate is read as 0/1 (``weight=True``:
its tie weights), symmetrised for an undirected model. Curved terms
(``fixed=False``) are not supported: pass ``fixed=True``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet.ergm._common import ErgmData, fmt_number
from govnet.ergm.formula import TermCall
from govnet.errors import InvalidParameterError

# core term kinds, in cpp/include/govnet/ergm.hpp's order
KINDS = ["edges", "mutual", "nodecov", "nodefactor", "nodematch", "nodematch_diff", "nodemix",
         "absdiff", "edgecov", "kstar", "istar", "ostar", "triangle", "gwesp", "gwdsp", "gwnsp",
         "gwdegree", "gwidegree", "gwodegree", "isolates", "transitive", "cyclicalties",
         "transitiveties", "b1star", "b2star", "gwb1degree", "gwb2degree", "b1factor", "b2factor",
         "nodeocov", "nodeicov", "nodeofactor", "nodeifactor", "ttriple", "ctriple"]
KIND = {k: i for i, k in enumerate(KINDS)}

#: Terms whose change statistic does not depend on the rest of the network.
DYAD_INDEPENDENT = {"edges", "nodecov", "nodefactor", "nodematch", "nodematch_diff", "nodemix",
                    "absdiff", "edgecov", "b1factor", "b2factor", "nodeocov", "nodeicov",
                    "nodeofactor", "nodeifactor"}


@dataclass(frozen=True)
class BuiltTerm:
    """One term, ready for the core: its spec, coefficient names and kind."""

    kind: str
    names: tuple[str, ...]
    spec: Any
    offset: bool
    label: str

    @property
    def dyad_independent(self) -> bool:
        return self.kind in DYAD_INDEPENDENT


def _spec(kind: str, nstats: int = 1, **fields: Any) -> Any:
    s = _core.ErgmTermSpec()
    s.kind = KIND[kind]
    s.nstats = nstats
    for k, v in fields.items():
        setattr(s, k, v)
    return s


# -- argument handling ---------------------------------------------------------

def _args(call: TermCall, names: list[str], defaults: dict[str, Any]) -> dict[str, Any]:
    """Bind positional and keyword arguments to ``names``, naming the term on error."""
    if len(call.args) > len(names):
        raise InvalidParameterError(
            f"term {call.text!r}: {call.name}() takes at most {len(names)} positional "
            f"argument(s) ({', '.join(names) or 'none'}), got {len(call.args)}")
    out = dict(defaults)
    for n, v in zip(names, call.args):
        out[n] = v
    for k, v in call.kwargs.items():
        if k not in names:
            raise InvalidParameterError(
                f"term {call.text!r}: unknown argument {k!r} of {call.name}(); "
                f"it takes {', '.join(names) or 'no arguments'}")
        out[k] = v
    missing = [n for n in names if n not in out]
    if missing:
        raise InvalidParameterError(f"term {call.text!r}: {call.name}() needs {', '.join(missing)}")
    return out


def _need(cond: bool, call: TermCall, what: str) -> None:
    if not cond:
        raise InvalidParameterError(f"term {call.text!r}: {what}")


def _attribute(call: TermCall, data: ErgmData, attr: Any, nodes: slice | None = None) -> pd.Series:
    _need(isinstance(attr, str), call, f"the attribute must be a column name (str), got {attr!r}")
    frame = data.attributes
    if attr not in frame.columns:
        raise InvalidParameterError(
            f"term {call.text!r}: no node attribute {attr!r}; attributes: {list(frame.columns)}")
    col = frame[attr]
    if nodes is not None:
        col = col.iloc[nodes]
    bad = col.isna().to_numpy()
    if bad.any():
        who = col.index[np.flatnonzero(bad)[0]]
        raise InvalidParameterError(
            f"term {call.text!r}: attribute {attr!r} is missing for node {who!r} "
            f"({int(bad.sum())} node(s)); fill or drop them first")
    return col


def _levels(col: pd.Series) -> tuple[list[Any], np.ndarray]:
    values = col.to_numpy()
    try:
        levels = sorted(set(values.tolist()))
    except TypeError:
        levels = sorted(set(values.tolist()), key=str)
    index = {v: i for i, v in enumerate(levels)}
    return levels, np.array([index[v] for v in values.tolist()], dtype=np.int64)


def _label(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float, np.integer, np.floating)):
        return fmt_number(float(v))
    return str(v)


def _numeric(call: TermCall, col: pd.Series, attr: str) -> list[float]:
    try:
        return [float(v) for v in pd.to_numeric(col).to_numpy()]
    except (TypeError, ValueError):
        raise InvalidParameterError(f"term {call.text!r}: attribute {attr!r} is not numeric") from None


def _base(call: TermCall, base: Any, nlevels: int) -> int:
    _need(isinstance(base, (int, np.integer)) and not isinstance(base, bool) and bool(0 <= base <= nlevels),
          call, f"base must be 0 (keep every level) or a level number 1..{nlevels}, got {base!r}")
    return int(base)


def _decay(call: TermCall, a: dict[str, Any]) -> float:
    _need(a["fixed"] is True, call,
          "curved (fixed=False) terms are not supported; pass fixed=True with a decay value")
    d = a["decay"]
    _need(isinstance(d, (int, float)) and not isinstance(d, bool) and bool(np.isfinite(d)) and d >= 0, call,
          f"the decay must be a number >= 0, got {d!r}")
    return float(d)


def _order(call: TermCall, k: Any) -> list[int]:
    ks = k if isinstance(k, list) else [k]
    for v in ks:
        _need(isinstance(v, int) and not isinstance(v, bool) and v >= 1, call,
              f"the star order must be an integer >= 1, got {v!r}")
    return [int(v) for v in ks]


# -- term builders ----------------------------------------------------------------

Builder = Callable[[TermCall, ErgmData], list[tuple[str, list[str], Any]]]


def _simple(kind: str, name: str, need: str | None = None) -> Builder:
    def build(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
        _args(call, [], {})
        _check_mode(call, data, need)
        return [(kind, [name], _spec(kind))]
    return build


def _check_mode(call: TermCall, data: ErgmData, need: str | None) -> None:
    if need == "directed":
        _need(data.directed, call, f"{call.name} needs a directed network")
    elif need == "undirected":
        _need(not data.directed, call, f"{call.name} needs an undirected network")
    elif need == "bipartite":
        _need(data.n1 > 0, call, f"{call.name} needs a two-mode network (two_mode=...)")
    elif need == "onemode":
        _need(data.n1 == 0, call, f"{call.name} is for one-mode networks")


def _stars(kind: str, prefix: str, need: str | None) -> Builder:
    def build(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
        a = _args(call, ["k"], {})
        _check_mode(call, data, need)
        return [(kind, [f"{prefix}{k}"], _spec(kind, k=k)) for k in _order(call, a["k"])]
    return build


def _gw(kind: str, prefix: str, need: str | None) -> Builder:
    def build(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
        a = _args(call, ["decay", "fixed"], {"fixed": False})
        _check_mode(call, data, need)
        d = _decay(call, a)
        return [(kind, [f"{prefix}.fixed.{fmt_number(d)}"], _spec(kind, decay=d))]
    return build


def _nodecov(kind: str, prefix: str, need: str | None) -> Builder:
    def build(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
        a = _args(call, ["attr"], {})
        _check_mode(call, data, need)
        col = _attribute(call, data, a["attr"])
        return [(kind, [f"{prefix}.{a['attr']}"], _spec(kind, x=_numeric(call, col, a["attr"])))]
    return build


def _factor(kind: str, prefix: str, need: str | None, mode: int = 0) -> Builder:
    def build(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
        a = _args(call, ["attr", "base"], {"base": 1})
        _check_mode(call, data, need)
        nodes = None if mode == 0 else (slice(0, data.n1) if mode == 1 else slice(data.n1, data.n))
        col = _attribute(call, data, a["attr"], nodes)
        levels, codes = _levels(col)
        base = _base(call, a["base"], len(levels))
        keep = [i for i in range(len(levels)) if i != base - 1]
        _need(bool(keep), call, f"attribute {a['attr']!r} has one level only: nothing to estimate")
        mp = [-1] * len(levels)
        for s, i in enumerate(keep):
            mp[i] = s
        full = np.zeros(data.n, dtype=np.int64)
        if nodes is None:
            full[:] = codes
        else:
            full[nodes] = codes
        names = [f"{prefix}.{a['attr']}.{_label(levels[i])}" for i in keep]
        return [(kind, names, _spec(kind, len(keep), nlevels=len(levels), cat=full.tolist(), map=mp))]
    return build


def _nodematch(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
    a = _args(call, ["attr", "diff"], {"diff": False})
    _need(isinstance(a["diff"], bool), call, f"diff must be True or False, got {a['diff']!r}")
    col = _attribute(call, data, a["attr"])
    levels, codes = _levels(col)
    if not a["diff"]:
        return [("nodematch", [f"nodematch.{a['attr']}"],
                 _spec("nodematch", nlevels=len(levels), cat=codes.tolist()))]
    names = [f"nodematch.{a['attr']}.{_label(v)}" for v in levels]
    return [("nodematch_diff", names, _spec("nodematch_diff", len(levels), nlevels=len(levels),
                                             cat=codes.tolist(), map=list(range(len(levels)))))]


def _nodemix(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
    a = _args(call, ["attr"], {})
    col = _attribute(call, data, a["attr"])
    levels, codes = _levels(col)
    L = len(levels)
    if data.n1 > 0:
        l1 = sorted(set(codes[:data.n1].tolist()))
        l2 = sorted(set(codes[data.n1:].tolist()))
        cells = [(u, v) for v in l2 for u in l1]
    elif data.directed:
        cells = [(u, v) for v in range(L) for u in range(L)]
    else:
        cells = [(u, v) for v in range(L) for u in range(v + 1)]
    cells = cells[1:]
    _need(bool(cells), call, f"attribute {a['attr']!r} has one level only: nothing to estimate")
    mp = [-1] * (L * L)
    for s, (u, v) in enumerate(cells):
        mp[u * L + v] = s
    names = [f"mix.{a['attr']}.{_label(levels[u])}.{_label(levels[v])}" for u, v in cells]
    return [("nodemix", names, _spec("nodemix", len(cells), nlevels=L, cat=codes.tolist(), map=mp))]


def _absdiff(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
    a = _args(call, ["attr", "pow"], {"pow": 1})
    col = _attribute(call, data, a["attr"])
    pw = a["pow"]
    _need(isinstance(pw, (int, float)) and not isinstance(pw, bool) and pw > 0, call,
          f"pow must be a positive number, got {pw!r}")
    name = f"absdiff.{a['attr']}" if pw == 1 else f"absdiff{fmt_number(pw)}.{a['attr']}"
    return [("absdiff", [name], _spec("absdiff", x=_numeric(call, col, a["attr"]), power=float(pw)))]


def _edgecov(call: TermCall, data: ErgmData) -> list[tuple[str, list[str], Any]]:
    a = _args(call, ["x"], {})
    _need(isinstance(a["x"], str), call,
          "edgecov takes the name of a layer or of a matrix passed in covariates=")
    name = a["x"]
    if name not in data.covariates:
        raise InvalidParameterError(
            f"term {call.text!r}: no covariate {name!r}: name a relation layer of the network "
            f"or pass covariates={{{name!r}: matrix}}; available: {sorted(data.covariates)}")
    mat = np.ascontiguousarray(data.covariates[name], dtype=float)
    return [("edgecov", [f"edgecov.{name}"], _spec("edgecov", mat=mat.ravel().tolist()))]


TERMS: dict[str, Builder] = {
    "edges": _simple("edges", "edges"),
    "mutual": _simple("mutual", "mutual", "directed"),
    "nodecov": _nodecov("nodecov", "nodecov", None),
    "nodeocov": _nodecov("nodeocov", "nodeocov", "directed"),
    "nodeicov": _nodecov("nodeicov", "nodeicov", "directed"),
    "nodefactor": _factor("nodefactor", "nodefactor", None),
    "nodeofactor": _factor("nodeofactor", "nodeofactor", "directed"),
    "nodeifactor": _factor("nodeifactor", "nodeifactor", "directed"),
    "nodematch": _nodematch,
    "nodemix": _nodemix,
    "absdiff": _absdiff,
    "edgecov": _edgecov,
    "kstar": _stars("kstar", "kstar", "undirected"),
    "istar": _stars("istar", "istar", "directed"),
    "ostar": _stars("ostar", "ostar", "directed"),
    "b1star": _stars("b1star", "b1star", "bipartite"),
    "b2star": _stars("b2star", "b2star", "bipartite"),
    "triangle": _simple("triangle", "triangle", "onemode"),
    "ttriple": _simple("ttriple", "ttriple", "directed"),
    "ctriple": _simple("ctriple", "ctriple", "directed"),
    "transitive": _simple("transitive", "transitive", "directed"),
    "transitiveties": _simple("transitiveties", "transitiveties", "directed"),
    "cyclicalties": _simple("cyclicalties", "cyclicalties", "directed"),
    "isolates": _simple("isolates", "isolates"),
    "gwesp": _gw("gwesp", "gwesp", "onemode"),
    "gwdsp": _gw("gwdsp", "gwdsp", "onemode"),
    "gwnsp": _gw("gwnsp", "gwnsp", "onemode"),
    "gwdegree": _gw("gwdegree", "gwdeg", "undirected"),
    "gwidegree": _gw("gwidegree", "gwideg", "directed"),
    "gwodegree": _gw("gwodegree", "gwodeg", "directed"),
    "gwb1degree": _gw("gwb1degree", "gwb1deg", "bipartite"),
    "gwb2degree": _gw("gwb2degree", "gwb2deg", "bipartite"),
    "b1factor": _factor("b1factor", "b1factor", "bipartite", mode=1),
    "b2factor": _factor("b2factor", "b2factor", "bipartite", mode=2),
}


def build_terms(calls: list[TermCall], data: ErgmData) -> list[BuiltTerm]:
    """The core specs of a parsed formula on ``data``; errors name the term."""
    out: list[BuiltTerm] = []
    for call in calls:
        builder = TERMS.get(call.name)
        if builder is None:
            raise InvalidParameterError(
                f"term {call.text!r}: unknown ERGM term {call.name!r}; terms: {', '.join(sorted(TERMS))}")
        if data.n1 > 0 and call.name in ("mutual", "kstar", "gwdegree", "triangle"):
            _check_mode(call, data, "onemode")
        for kind, names, spec in builder(call, data):
            out.append(BuiltTerm(kind, tuple(names), spec, call.offset, call.text))
    names = [nm for t in out for nm in t.names]
    dup = sorted({nm for nm in names if names.count(nm) > 1})
    if dup:
        raise InvalidParameterError(f"the formula names the statistic(s) {dup} twice")
    return out
