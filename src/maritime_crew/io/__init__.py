"""Reading and writing datasets (TOML or JSON) and the errors that loading reports."""

from ._dump import dump, dumps, to_data
from ._errors import DataError, Problem
from ._load import CONFIG_FILES, load, loads
from ._schema import SCHEMA_ID, dataset_schema

__all__ = [
    "CONFIG_FILES",
    "SCHEMA_ID",
    "DataError",
    "Problem",
    "dataset_schema",
    "dump",
    "dumps",
    "load",
    "loads",
    "to_data",
]
