"""Layers derived from the posts table: cross-appointment between organisations
(shared persons) and co-membership between persons (shared organisations).

Both are computed from the distinct (person, organisation) pairs of the posts
kept (``roles=``, ``at=``): a person holding two posts in one organisation
links it once. Cross-appointment (交叉任职) of organisations *i* and *j* has
weight ``(BᵀB)[i, j]``, the number of persons holding posts in both, where
``B`` is the 0/1 persons × organisations incidence; co-membership of persons
*p* and *q* has weight ``(BBᵀ)[p, q]``, the number of organisations in which
both hold posts (Breiger's duality)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.network import Network
from govnet.model.validation import canonical_relation
from govnet.people._common import Incidence, incidence, tier_codes, tier_name

__all__ = ["cross_appointment", "with_cross_appointment", "compare_cross_appointment",
           "co_membership", "DERIVED_RELATION"]

#: The name the derived cross-appointment layer takes by default (the built-in
#: relation: undirected, Chinese label 交叉任职/兼职).
DERIVED_RELATION = "cross_appointment"


def shared_pairs(group: np.ndarray, member: np.ndarray, n_members: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (a, b, g) with a < b members of one group g; input sorted by (group, member)
    and without repeats. Vectorised by group size: no Python loop per group."""
    if group.size == 0:
        z = np.zeros(0, np.int64)
        return z, z, z
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, group.size])
    out_a, out_b, out_g = [], [], []
    for k in np.unique(sizes[sizes >= 2]):
        st = starts[sizes == k]
        mat = member[st[:, None] + np.arange(k)]
        i, j = np.triu_indices(int(k), 1)
        out_a.append(mat[:, i].ravel())
        out_b.append(mat[:, j].ravel())
        out_g.append(np.repeat(group[st], i.size))
    if not out_a:
        z = np.zeros(0, np.int64)
        return z, z, z
    return np.concatenate(out_a), np.concatenate(out_b), np.concatenate(out_g)


def _pair_table(a: np.ndarray, b: np.ndarray, g: np.ndarray, n: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct pairs (a, b) with counts, and the groups per pair (sorted, offsets)."""
    key = a * np.int64(n) + b
    order = np.argsort(key, kind="stable")
    key_s = key[order]
    if key_s.size == 0:
        z = np.zeros(0, np.int64)
        return z, z, z, g, z
    first = np.flatnonzero(np.r_[True, key_s[1:] != key_s[:-1]])
    counts = np.diff(np.r_[first, key_s.size])
    uniq = key_s[first]
    return uniq // n, uniq % n, counts, g[order], first


def _cross(inc: Incidence) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    a, b, g = shared_pairs(inc.pp, inc.pa, len(inc.actors))
    return _pair_table(a, b, g, len(inc.actors))


def cross_appointment(net: Network, *, roles: Any = None, at: Any = None,
                      list_persons: bool = True) -> pd.DataFrame:
    """Cross-appointment (交叉任职) between organisations, derived from shared persons.

    Parameters
    ----------
    net : Network
        A network with a posts table.
    roles : role or list of roles, optional
        Only posts of these roles (keys or labels, e.g. ``["secretary", "委员"]``);
        default every post.
    at : date, optional
        Only posts held on that day (``start <= at <= end``, blank = open).
    list_persons : bool
        Add the ``persons`` column (a tuple of person ids per tie, in the
        persons table's order).

    Returns
    -------
    DataFrame
        One row per pair of organisations sharing at least one person:
        ``source``, ``target`` (in actor order), ``weight`` (number of shared
        persons, ``(BᵀB)[i, j]``) and ``persons``.
    """
    return _cross_table(net, roles, at, tuple if list_persons else None)


def _cross_table(net: Network, roles: Any, at: Any, combine: Any) -> pd.DataFrame:
    inc = incidence(net, roles, at, "cross_appointment")
    src, dst, w, grp, first = _cross(inc)
    ids = np.asarray(inc.actors, dtype=object)
    # object columns: no round trip through pandas' text dtype (the validator reads objects)
    cols: dict[str, Any] = {"source": pd.Series(ids[src], dtype=object),
                            "target": pd.Series(ids[dst], dtype=object),
                            "weight": pd.Series(w.astype(float))}
    if combine is not None:
        names = np.asarray(inc.persons, dtype=object)
        flat = names[grp].tolist()
        ends = np.r_[first[1:], len(flat)].tolist()
        cols["persons"] = pd.Series([combine(flat[i:j]) for i, j in zip(first.tolist(), ends)],
                                    dtype=object)
    return pd.DataFrame(cols)


def with_cross_appointment(net: Network, *, relation: str = DERIVED_RELATION, roles: Any = None,
                           at: Any = None, list_persons: bool = True) -> Network:
    """A new network with the cross-appointment layer derived from the posts.

    The layer is undirected, weighted by the number of shared persons (see
    :func:`cross_appointment`), with a tie column ``persons``: the shared
    persons' ids joined by ``"; "``. It is an ordinary layer (validated as any
    tie table), so every measure reads it with ``relation=``.

    **A hand-typed layer is never merged.** If the network already has a layer
    of that name — ``cross_appointment`` or its Chinese label 交叉任职/兼职 —
    this raises :class:`InvalidNetworkError`; pass another ``relation=`` (e.g.
    ``"cross_appointment_posts"``) to add the derived layer beside it, and
    :func:`compare_cross_appointment` lists where the two disagree. If no two
    organisations share a person the layer would be empty, which raises too.
    """
    if not isinstance(relation, str) or not relation.strip():
        raise InvalidParameterError(f"relation must be a non-empty name, got {relation!r}")
    clash = [r for r in net.relations
             if r == relation or canonical_relation(r) == canonical_relation(relation)]
    if clash:
        raise InvalidNetworkError(
            f"the network already has a layer {clash[0]!r}; the layer derived from the posts is "
            f"not merged into it. Pass relation='cross_appointment_posts' (or another new name) to "
            f"add it beside the hand-typed one, and compare them with compare_cross_appointment(net)")
    ties = _cross_table(net, roles, at, "; ".join if list_persons else None)
    if len(ties) == 0:
        raise InvalidNetworkError(
            f"no two organisations share a person in the posts kept (roles={roles!r}, at={at!r}): "
            f"the derived cross-appointment layer would be empty")
    meta_rule = {"roles": roles, "at": None if at is None else str(at)}
    out = net.with_layer(relation, ties, directed=False)
    out.meta["derived_layers"] = {**dict(net.meta.get("derived_layers", {})),
                                  relation: f"cross-appointment from posts {meta_rule}"}
    return out


def compare_cross_appointment(net: Network, relation: str = DERIVED_RELATION, *,
                              roles: Any = None, at: Any = None) -> pd.DataFrame:
    """The hand-typed cross-appointment layer ``relation`` beside the one derived from
    the posts: one row per pair in either, with ``typed`` / ``derived`` (bool),
    their weights (0 where absent) and the shared ``persons``. Pairs are
    unordered (source before target in actor order)."""
    name = net.relation_names(relation)[0]
    if net.relation_spec(name).directed:
        raise InvalidNetworkError(f"layer {name!r} is directed; cross-appointment is undirected")
    derived = cross_appointment(net, roles=roles, at=at)
    s, t, w = net.layer(name).edges()
    pos = {a: i for i, a in enumerate(net.actor_ids)}
    typed = pd.DataFrame({"a": np.minimum(s, t), "b": np.maximum(s, t), "weight_typed": w})
    d = pd.DataFrame({"a": derived["source"].map(pos).to_numpy(dtype=np.int64),
                      "b": derived["target"].map(pos).to_numpy(dtype=np.int64),
                      "weight_derived": derived["weight"].to_numpy(),
                      "persons": derived["persons"].to_numpy()})
    m = typed.merge(d, on=["a", "b"], how="outer", sort=True)
    ids = net.actor_ids
    out = pd.DataFrame({"source": ids[m["a"].to_numpy(dtype=np.int64)].to_numpy(),
                        "target": ids[m["b"].to_numpy(dtype=np.int64)].to_numpy(),
                        "typed": m["weight_typed"].notna().to_numpy(),
                        "derived": m["weight_derived"].notna().to_numpy(),
                        "weight_typed": m["weight_typed"].fillna(0.0).to_numpy(),
                        "weight_derived": m["weight_derived"].fillna(0.0).to_numpy()})
    out["persons"] = [p if isinstance(p, tuple) else () for p in m["persons"]]
    return out


def co_membership(net: Network, *, roles: Any = None, at: Any = None) -> Network:
    """The person × person co-membership network derived from the posts.

    Actors are the persons (persons-table order; ``kind`` ``"person"``,
    columns ``name``, ``party_member``, ``organisations`` = number of
    organisations they hold posts in); one undirected layer
    ``co_membership`` whose weight is the number of organisations both hold
    posts in, ``(BBᵀ)[p, q]``. A person's ``tier`` is the first tier (core,
    support, plural, external) among their organisations; a person without
    a (kept) post is ``external``. When no two persons share an organisation the
    network has no layer (``net.relations == []``).
    """
    inc = incidence(net, roles, at, "co_membership")
    persons = net.optional_tables()["persons"]
    order = np.lexsort((inc.pp, inc.pa))
    a, b, g = shared_pairs(inc.pa[order], inc.pp[order], len(inc.persons))
    src, dst, w, _, _ = _pair_table(a, b, g, len(inc.persons))
    n = len(inc.persons)
    tiers = np.full(n, 3, dtype=np.int64)
    np.minimum.at(tiers, inc.pp, tier_codes(net)[inc.pa])
    actors = pd.DataFrame({"id": inc.persons.to_numpy(), "name": persons["name"].to_numpy(),
                           "tier": [tier_name(int(c)) for c in tiers], "kind": "person",
                           "party_member": persons["party_member"].to_numpy(),
                           "organisations": np.bincount(inc.pp, minlength=n)})
    ties = pd.DataFrame({"source": inc.persons[src].to_numpy(), "target": inc.persons[dst].to_numpy(),
                         "weight": w.astype(float), "relation": "co_membership"})
    name = net.meta.get("name", "network")
    return Network.from_frames(actors, ties, directed={"co_membership": False},
                               meta={"name": f"co-membership of the persons of {name}"})
