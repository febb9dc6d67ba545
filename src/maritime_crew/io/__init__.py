"""Reading and writing datasets (TOML or JSON) and the errors that loading reports."""

from ._dump import dump, dumps, to_data
from ._errors import DataError, Problem
from ._load import CONFIG_FILES, load, loads

__all__ = ["CONFIG_FILES", "DataError", "Problem", "dump", "dumps", "load", "loads", "to_data"]
