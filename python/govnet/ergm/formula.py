"""ERGM formulae written as statnet writes them, parsed without evaluating anything.

``"edges + mutual + nodematch('tier') + gwesp(0.5, fixed=True) + offset(edgecov('x'))"``:
terms joined by ``+``; arguments are numbers, strings, ``True``/``False`` (or
R's ``TRUE``/``FALSE``, ``T``/``F``), lists (``[2, 3]`` or R's ``c(2, 3)``),
keyword arguments with ``=``; an R-style left-hand side (``net ~ ...``) is
ignored. ``offset(term)`` fixes the term's coefficients (``offset_coef=``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from govnet.errors import InvalidParameterError

__all__ = ["TermCall", "parse_formula"]

_CONSTANTS = {"TRUE": True, "FALSE": False, "T": True, "F": False, "True": True, "False": False,
              "NULL": None, "None": None}


@dataclass(frozen=True)
class TermCall:
    """One term of a formula: its name, arguments and whether it is an offset."""

    name: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    offset: bool = False
    text: str = ""


def _value(node: ast.AST, text: str) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)):
        return node.value
    if isinstance(node, ast.Name) and node.id in _CONSTANTS:
        return _CONSTANTS[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _value(node.operand, text)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return -v
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_value(e, text) for e in node.elts]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "c"
            and not node.keywords):
        return [_value(e, text) for e in node.args]
    raise InvalidParameterError(
        f"term {text!r}: argument {ast.unparse(node)!r} is not a number, string, "
        f"True/False or list")


def _term(node: ast.AST, source: str, offset: bool = False) -> TermCall:
    text = ast.get_source_segment(source, node) or ast.unparse(node)
    if isinstance(node, ast.Name):
        return TermCall(node.id, (), {}, offset, text)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "offset":
            if offset or len(node.args) != 1 or node.keywords:
                raise InvalidParameterError(f"term {text!r}: offset() takes exactly one term")
            return _term(node.args[0], source, offset=True)
        args = tuple(_value(a, text) for a in node.args)
        kwargs = {}
        for kw in node.keywords:
            if kw.arg is None:
                raise InvalidParameterError(f"term {text!r}: ** arguments are not allowed")
            kwargs[kw.arg] = _value(kw.value, text)
        return TermCall(node.func.id, args, kwargs, offset, text)
    raise InvalidParameterError(
        f"formula part {text!r} is not a term (a name such as edges, or a call such as "
        f"nodematch('tier'))")


def _flatten(node: ast.AST, source: str, out: list[TermCall]) -> None:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        _flatten(node.left, source, out)
        _flatten(node.right, source, out)
    else:
        out.append(_term(node, source))


def parse_formula(formula: str) -> list[TermCall]:
    """The terms of a statnet-style formula, in order. Errors name the bad part."""
    if not isinstance(formula, str):
        raise TypeError(f"formula must be a string, got {type(formula).__name__}")
    body = formula.split("~", 1)[1] if "~" in formula else formula
    # R's `=` inside calls is Python's keyword syntax already; newlines are allowed.
    source = " ".join(body.split())
    if not source:
        raise InvalidParameterError("the formula has no terms")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        raise InvalidParameterError(f"cannot parse the formula {formula!r}: {e.msg} "
                                    f"at column {e.offset}") from None
    out: list[TermCall] = []
    _flatten(tree.body, source, out)
    return out
