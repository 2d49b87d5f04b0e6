"""Classic SNA teaching data sets, bundled as UTF-8 CSV (see data/classic/README.md).

Every actor is in tier ``plural`` (the tiers of the 1+3+N model do not apply);
the original attributes are kept as actor columns.
"""

from __future__ import annotations

import pandas as pd

from govnet.datasets._files import read_csv
from govnet.model.network import Network

__all__ = ["karate", "florentine", "kite", "krackhardt_managers", "davis", "random_dw"]


def _actors(nodes: pd.DataFrame, kind: str) -> pd.DataFrame:
    a = nodes.copy()
    a.insert(1, "tier", "plural")
    a.insert(2, "kind", kind)
    return a


def _numeric(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for c in columns:
        frame[c] = pd.to_numeric(frame[c])
    return frame


def karate() -> Network:
    """Zachary's karate club: 34 members, 78 undirected ties (relation ``tie``).

    ``club`` is the observed split ("Mr. Hi" / "Officer"); ``nx_index`` the
    node number in networkx's ``karate_club_graph()``. Zachary (1977), J.
    Anthropol. Res. 33:452–473, doi:10.1086/jar.33.4.3629752.
    """
    nodes = _numeric(read_csv("classic/karate_nodes.csv"), ["nx_index"])
    return Network.from_frames(_actors(nodes, "person"), read_csv("classic/karate_edges.csv"), directed=False,
                               meta={"name": "Zachary karate club"})


def florentine() -> Network:
    """Padgett's Florentine families: 16 families (Pucci isolated), layers ``marriage`` (20)
    and ``business`` (15), undirected; ``wealth`` and a made-up 3-group partition ``group3``.

    Unlike networkx's ``florentine_families_graph()``, the isolated Pucci family is kept.
    Padgett & Ansell (1993), AJS 98:1259–1319, doi:10.1086/230190.
    """
    nodes = _numeric(read_csv("classic/florentine_nodes.csv"), ["wealth"])
    ties = pd.concat([read_csv("classic/florentine_marriage_edges.csv").assign(relation="marriage"),
                      read_csv("classic/florentine_business_edges.csv").assign(relation="business")],
                     ignore_index=True)
    return Network.from_frames(_actors(nodes, "family"), ties, directed=False,
                               meta={"name": "Florentine families"})


def kite() -> Network:
    """Krackhardt's kite: 10 actors, 18 undirected ties. Krackhardt (1990), ASQ 35:342–369."""
    nodes = _numeric(read_csv("classic/kite_nodes.csv"), ["nx_index"])
    return Network.from_frames(_actors(nodes, "person"), read_csv("classic/kite_edges.csv"), directed=False,
                               meta={"name": "Krackhardt kite"})


def krackhardt_managers() -> Network:
    """Krackhardt's high-tech managers: 21 managers, directed layers ``advice`` (190 arcs),
    ``friendship`` (102) and ``reports_to``; ``age``, ``tenure``, ``level``, ``dept``.

    Krackhardt (1987), Social Networks 9:109–134, doi:10.1016/0378-8733(87)90009-8.
    """
    nodes = _numeric(read_csv("classic/krack_nodes.csv"), ["age", "tenure", "level", "dept"])
    ties = pd.concat([read_csv(f"classic/krack_{r}_edges.csv").assign(relation=r)
                      for r in ("advice", "friendship", "reports_to")], ignore_index=True)
    return Network.from_frames(_actors(nodes, "person"), ties, directed=True,
                               meta={"name": "Krackhardt high-tech managers"})


def davis() -> Network:
    """Davis Southern Women: 18 women and the 14 events they attended (two-mode).

    The women are the actors; the events are ``meetings`` (``net.meetings``:
    one row per woman and event attended, 89 rows). No ties: project the
    attendance to get them. Davis, Gardner & Gardner (1941), Deep South.
    """
    women = _numeric(read_csv("classic/davis_women.csv"), ["order"])
    inc = read_csv("classic/davis_incidence.csv")
    meetings = pd.DataFrame({"meeting": inc["event"], "actor": inc["woman"], "kind": "event"})
    return Network.from_frames(_actors(women, "person"), None, meetings=meetings,
                               meta={"name": "Davis Southern Women"})


def random_dw() -> Network:
    """A fixed random directed weighted graph: 12 actors, 30 arcs with integer weights 1–5,
    not strongly connected, one sink (relation ``tie``). For corner cases of
    weighted and directed measures (generated with seed 20240901)."""
    edges = _numeric(read_csv("classic/random_dw_edges.csv"), ["weight"])
    return Network.from_frames(_actors(read_csv("classic/random_dw_nodes.csv"), "node"), edges,
                               directed=True, meta={"name": "random directed weighted"})
