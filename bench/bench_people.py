"""People: the derived cross-appointment layer and the two-level measures.

Full size: govnet.synthetic.posts_network(2,000,000 persons, 100,000
organisations), about 2.5 million posts (target: the derived layer and the
two-level measures together < 10 s). Quick mode: 20,000 persons, 1,000
organisations. The peer is scipy.sparse on the same incidence
(triu(Bᵀ B) for the layer's weights), and the result is checked against it.
"""

from __future__ import annotations

import numpy as np

import govnet
from common import available, timeit
from govnet import people
from govnet.collection import synthetic


def run(table, quick: bool = False) -> None:
    n, m = (20_000, 1_000) if quick else (2_000_000, 100_000)
    net = synthetic.posts_network(n, m, seed=1)
    size = f"{n:,} persons x {m:,} orgs"
    sec, ca = timeit(lambda: people.cross_appointment(net), repeat=2)
    table.add("cross_appointment (with persons)", size, "govnet", sec, f"{len(ca):,} ties")
    sec_l, lay = timeit(lambda: people.with_cross_appointment(net), repeat=2)
    table.add("with_cross_appointment (layer)", size, "govnet", sec_l, "validated layer")
    sec_o, _ = timeit(lambda: people.organisation_shares(net), repeat=2)
    table.add("organisation_shares", size, "govnet", sec_o, "")
    sec_p, _ = timeit(lambda: people.person_profile(net), repeat=2)
    table.add("person_profile", size, "govnet", sec_p, "")
    sec_n, _ = timeit(lambda: people.with_cross_appointment(net, list_persons=False), repeat=2)
    table.add("with_cross_appointment (no persons)", size, "govnet", sec_n,
              "weights only, list_persons=False")
    table.add("layer + two-level measures", size, "govnet", sec_l + sec_o + sec_p,
              "target < 10 s" if not quick else "")
    table.add("layer (no persons) + two-level", size, "govnet", sec_n + sec_o + sec_p,
              "target < 10 s" if not quick else "")
    if available("scipy"):
        import scipy.sparse as sp

        pid, aid, pp, pa = people.bipartite_edges(net)
        b = sp.csr_matrix((np.ones(pp.size), (pp, pa)), shape=(len(pid), len(aid)))
        sec_s, c = timeit(lambda: sp.triu(b.T @ b, k=1).tocoo(), repeat=2)
        table.add("cross_appointment (with persons)", size, "scipy.sparse", sec_s,
                  "triu(B.T @ B), weights only")
        pos = {a: i for i, a in enumerate(aid)}
        got = sorted(zip(ca["source"].map(pos), ca["target"].map(pos), ca["weight"]))
        want = sorted(zip(c.row.tolist(), c.col.tolist(), c.data.tolist()))
        assert got == want, "derived layer differs from scipy's Bᵀ B"
    assert lay.num_ties("cross_appointment") == len(ca)
    _ = govnet  # the package under test
