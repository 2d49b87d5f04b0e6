"""Inference: QAP / MRQAP, permutation tests, the E-I index and Krackhardt's hierarchy."""

from __future__ import annotations

from govnet.inference.ei import (
    EIResult,
    ei_index,
)
from govnet.inference.hierarchy import (
    KrackhardtHierarchy,
    krackhardt_hierarchy,
)
from govnet.inference.permutation import (
    PermutationTestResult,
    permutation_test,
)
from govnet.inference.qap import (
    MRQAPResult,
    QAPResult,
    mrqap,
    qap_correlation,
    qap_test,
)

__all__ = [
    "QAPResult",
    "qap_correlation",
    "qap_test",
    "MRQAPResult",
    "mrqap",
    "PermutationTestResult",
    "permutation_test",
    "EIResult",
    "ei_index",
    "KrackhardtHierarchy",
    "krackhardt_hierarchy",
]
