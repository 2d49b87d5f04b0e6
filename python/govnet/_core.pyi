"""
govnet compiled core (C++17). Use the functions in the govnet package instead.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['CsrGraph', 'TwoMode', 'aggregate', 'betweenness', 'has_openmp', 'log_message']
class CsrGraph:
    """
    Immutable compressed-sparse-row graph (one relation layer).
    """
    @staticmethod
    def build(n: typing.SupportsInt | typing.SupportsIndex, sources: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], targets: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], weights: typing.Any = None, directed: bool = False, duplicates: str = 'sum', self_loops: str = 'drop') -> CsrGraph:
        """
        Build from integer-coded ties (validated; GIL released).
        """
    def __getstate__(self) -> tuple[int, bool, ..., ..., ...]:
        ...
    def __init__(self) -> None:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def edges(self) -> tuple:
        """
        (sources, targets, weights), each tie once, sorted.
        """
    def in_degrees(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    def out_degrees(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    def out_offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    def out_targets(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def out_weights(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    def to_undirected(self, take_max: bool = False) -> CsrGraph:
        ...
    def weight(self, u: typing.SupportsInt | typing.SupportsIndex, v: typing.SupportsInt | typing.SupportsIndex) -> float:
        ...
    @property
    def directed(self) -> bool:
        ...
    @property
    def memory_bytes(self) -> int:
        ...
    @property
    def num_edges(self) -> int:
        ...
    @property
    def num_nodes(self) -> int:
        ...
    @property
    def weighted(self) -> bool:
        ...
class TwoMode:
    """
    Actor x duty incidence, CSR both ways.
    """
    def __init__(self, rows: typing.SupportsInt | typing.SupportsIndex, cols: typing.SupportsInt | typing.SupportsIndex, row_ids: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], col_ids: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], roles: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8]) -> None:
        ...
    def col_offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    def col_rows(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def row_cols(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def row_offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def num_cols(self) -> int:
        ...
    @property
    def num_incidences(self) -> int:
        ...
    @property
    def num_rows(self) -> int:
        ...
def aggregate(layers: collections.abc.Sequence[CsrGraph], mode: str = 'sum') -> CsrGraph:
    """
    Combine layers over the same nodes.
    """
def betweenness(graph: CsrGraph, normalized: bool = True, endpoints: bool = False, weighted: bool = False, k: typing.SupportsInt | typing.SupportsIndex = 0, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.float64]:
    """
    Brandes betweenness (networkx conventions).
    """
def log_message(arg0: typing.SupportsInt | typing.SupportsIndex, arg1: str) -> None:
    """
    Emit a record through the C++ logger (for tests of the bridge).
    """
has_openmp: bool = True
