"""Reading and writing networks in the formats researchers bring: GraphML,
GEXF (Gephi), Pajek ``.net``, UCINET DL, CSV and Excel, numpy / scipy.sparse
adjacency matrices and igraph graphs (networkx: :meth:`Network.from_networkx`).

What each format holds
----------------------
============  ======  =====  =====  =========  =======  ======  ==============
format        actors  tier   kind   relations  weights  duties  Chinese labels
============  ======  =====  =====  =========  =======  ======  ==============
GraphML       yes     yes    yes    yes        yes      no      yes
GEXF          yes     yes    yes    yes        yes      no      yes
Pajek         ids     no     no     yes (:k)   yes      no      yes (UTF-8)
UCINET DL     ids     no     no     yes (nm)   yes      no      yes (UTF-8)
CSV / Excel   yes     yes    yes    yes        yes      yes     yes
adjacency     ids     opt.   no     one        yes      no      yes
igraph        yes     yes    yes    yes        yes      no      yes
============  ======  =====  =====  =========  =======  ======  ==============

Where a format cannot hold the tier, the reader gives every actor
``default_tier`` (``"plural"``) and kind ``"actor"``. Pajek and DL store
actor ids as vertex labels (not display names). Relation direction: GraphML,
GEXF, CSV, Excel and igraph keep it per relation; Pajek keeps it as ``*Arcs``
versus ``*Edges``; DL cannot, so a relation read from DL is undirected when
its matrix is symmetric (pass ``directed=`` to override).

Hostile files: XML is parsed with :mod:`defusedxml` (no DTDs, entities or
external references: "billion laughs" and XXE are refused at once); declared
sizes (DL ``n=``, Pajek ``*Vertices``) above ``max_actors`` raise
:class:`~govnet.TooLargeError` before anything is allocated; truncated data
and wrong counts raise :class:`~govnet.FileFormatError` naming the file and
line. Every reader takes a path first; :data:`READERS` maps format names to
readers and :data:`WRITERS` to writers.

Examples
--------
>>> import os, tempfile
>>> import govnet
>>> net = govnet.datasets.nanshan()
>>> d = tempfile.mkdtemp()
>>> import warnings
>>> with warnings.catch_warnings(record=True) as said:
...     warnings.simplefilter("always")
...     govnet.write_graphml(net, os.path.join(d, "nanshan.graphml"))
...     govnet.write_dl(net, os.path.join(d, "nanshan.dl"))            # for UCINET
>>> print(said[0].message)                                   # what GraphML cannot hold
write_graphml: GraphML has no place for the network's duties (277 rows), meeting attendance (15 rows); they are not written. govnet.save or write_excel keeps every table
>>> again = govnet.read_graphml(os.path.join(d, "nanshan.graphml"))
>>> len(again), again.num_ties(), again.relations
(19, 215, ['leadership', 'membership', 'cross_appointment', 'guidance', 'deliberation'])
>>> govnet.io.read(os.path.join(d, "nanshan.dl")).num_ties()          # by extension
215

On the command line: ``govnet convert nanshan.dl nanshan.gexf``.

Fieldwork shapes — roster surveys, name generators, sign-in sheets, duty lists
with several holders per cell — are read by :mod:`govnet.io.fieldwork`
(:func:`read_roster`, :func:`read_name_generator`, :func:`read_signin`,
:func:`read_duty_list`); :func:`check` reads a whole workbook and lists every
problem at once (``govnet check`` on the command line)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from govnet.errors import InvalidParameterError
from govnet.io import fieldwork, native
from govnet.io.check import CheckReport, check
from govnet.io._common import MAX_ACTORS
from govnet.io.fieldwork import (
    DutyList,
    NameGenerator,
    Roster,
    SignIn,
    read_duty_list,
    read_name_generator,
    read_roster,
    read_signin,
)
from govnet.io.dl import read_dl, write_dl, write_dl_posts
from govnet.io.gexf import read_gexf, write_gexf
from govnet.io.graphml import read_graphml, write_graphml
from govnet.io.interop import from_igraph, to_igraph
from govnet.io.matrix import from_adjacency, to_adjacency
from govnet.io.native import load, save
from govnet.io.pajek import read_pajek, write_pajek, write_pajek_posts
from govnet.io.tables import (
    read_csv,
    read_excel,
    read_table,
    read_tables,
    write_csv,
    write_excel,
)
from govnet.model.network import Network

__all__ = [
    "READERS", "WRITERS", "MAX_ACTORS", "format_of", "read", "write", "native", "load", "save",
    "read_graphml", "write_graphml", "read_gexf", "write_gexf", "read_pajek", "write_pajek",
    "read_dl", "write_dl", "read_csv", "write_csv", "read_excel", "write_excel", "read_table", "read_tables",
    "to_adjacency", "from_adjacency", "to_igraph", "from_igraph",
    # fieldwork shapes and the cleaning report (issue 18)
    "fieldwork", "read_roster", "read_name_generator", "read_signin", "read_duty_list", "Roster",
    "NameGenerator", "SignIn", "DutyList", "check", "CheckReport",
    "write_pajek_posts", "write_dl_posts",
]


#: Format name -> reader ``f(path, **options) -> Network``.
READERS: dict[str, Callable[..., Network]] = {
    "graphml": read_graphml,
    "gexf": read_gexf,
    "pajek": read_pajek,
    "dl": read_dl,
    "csv": read_csv,
    "excel": read_excel,
}


#: Format name -> writer ``f(net, path, **options)``.
WRITERS: dict[str, Callable[..., None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "pajek": write_pajek,
    "dl": write_dl,
    "csv": write_csv,
    "excel": write_excel,
}


_EXTENSIONS = {".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf", ".net": "pajek",
               ".paj": "pajek", ".dl": "dl", ".csv": "csv", ".xlsx": "excel", ".xlsm": "excel"}


def format_of(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format name for ``path`` (from ``format`` or the file extension)."""
    if format is not None:
        key = {"net": "pajek", "paj": "pajek", "xlsx": "excel"}.get(format.lower(), format.lower())
        if key not in READERS:
            raise InvalidParameterError(f"unknown format {format!r}; formats: {', '.join(READERS)}")
        return key
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in _EXTENSIONS:
        raise InvalidParameterError(
            f"cannot tell the format of {os.fspath(path)!r} from its extension {ext!r}; "
            f"known: {', '.join(sorted(_EXTENSIONS))}")
    return _EXTENSIONS[ext]


def read(path: str | os.PathLike[str], *, format: str | None = None, **options: Any) -> Network:
    """Read a network, choosing the reader by ``format`` or the file extension."""
    return READERS[format_of(path, format)](path, **options)


def write(net: Network, path: str | os.PathLike[str], *, format: str | None = None,
          **options: Any) -> None:
    """Write a network, choosing the writer by ``format`` or the file extension."""
    WRITERS[format_of(path, format)](net, path, **options)
