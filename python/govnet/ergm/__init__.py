"""Exponential random graph models (ERGM), statnet style, on govnet's C++ core.

``govnet.ergm(net, "edges + mutual + nodematch('tier') + gwesp(0.5, fixed=True)",
relation="deliberation")`` fits a model (this module is callable: ``govnet.ergm(...)``
is :func:`govnet.ergm.fit.ergm`). Terms and their formulas: :mod:`govnet.ergm.terms`;
estimation: :mod:`govnet.ergm.fit`; simulation and goodness of fit:
:func:`simulate_ergm`, :func:`gof`; several networks at once: :func:`ergm_pooled`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from govnet.ergm._common import DegenerateModelError
from govnet.ergm.fit import Control, ErgmModel, build_model, ergm, fit_model
from govnet.ergm.formula import TermCall, parse_formula
from govnet.ergm.gof import GofResult, gof
from govnet.ergm.pooled import ergm_pooled
from govnet.ergm.result import ErgmResult
from govnet.ergm.simulate import SimulationResult, simulate_ergm
from govnet.ergm.terms import TERMS

__all__ = ["ergm", "Control", "ErgmResult", "ErgmModel", "DegenerateModelError", "build_model",
           "fit_model", "parse_formula", "TermCall", "TERMS", "simulate_ergm", "SimulationResult",
           "gof", "GofResult", "ergm_pooled"]


class _CallableModule(types.ModuleType):
    """``govnet.ergm`` is both this subpackage and the fitting function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return ergm(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
