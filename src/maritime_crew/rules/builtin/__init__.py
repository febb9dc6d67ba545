"""The built-in rule packs, one module per family."""

from . import cert, data, doc, eqp, man, path, rest, terms, trn
from ._registry import RULES

__all__ = ["RULES", "cert", "data", "doc", "eqp", "man", "path", "rest", "terms", "trn"]
