"""Exceptions raised by govnet.

Every class derives from :class:`GovnetError` and also from the built-in
exception it resembles, so ``except ValueError`` or ``except KeyError`` in
user code keeps working.
"""

from __future__ import annotations

__all__ = [
    "GovnetError",
    "InvalidNetworkError",
    "EmptyNetworkError",
    "FileFormatError",
    "InvalidParameterError",
    "ActorNotFoundError",
    "RelationNotFoundError",
    "ConvergenceError",
    "TooLargeError",
    "GovnetInternalError",
    "GovnetWarning",
]


class GovnetError(Exception):
    """Base class of every error govnet raises on purpose."""


class InvalidNetworkError(GovnetError, ValueError):
    """Input that cannot make a valid network; the message names the row or value."""


class EmptyNetworkError(InvalidNetworkError):
    """An empty network (or layer) where a measure needs actors or ties."""


class FileFormatError(InvalidNetworkError):
    """A file that cannot be decoded or parsed; the message names the file and line."""


class InvalidParameterError(GovnetError, ValueError):
    """A parameter value outside what a function accepts (a wrong *type* is a TypeError);
    the message names the parameter, the value and what is accepted."""


class _KeyMessage(KeyError):
    # KeyError's str() shows the repr of its argument (quotes, escaped Chinese);
    # show the plain message instead.
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ActorNotFoundError(GovnetError, _KeyMessage):
    """An actor id that is not in the network."""


class RelationNotFoundError(GovnetError, _KeyMessage):
    """A relation (layer) name that is not in the network."""


class ConvergenceError(GovnetError, RuntimeError):
    """An iterative method did not reach its tolerance within its iteration limit."""


class TooLargeError(GovnetError, MemoryError):
    """A result that would not fit in memory, refused before allocating it."""


class GovnetWarning(UserWarning):
    """A default that changed or dropped part of the user's data, named in the message
    (duplicate ties summed, self-loops dropped, ...). Choosing the policy explicitly
    silences it; ``warnings.simplefilter("error", GovnetWarning)`` makes it an error."""


class GovnetInternalError(GovnetError, RuntimeError):
    """A broken invariant inside govnet: please report it."""
