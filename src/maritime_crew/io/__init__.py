"""Reading and writing datasets (TOML or JSON) and the errors that loading reports."""

from ._dump import dump, dumps, to_data, write_atomically
from ._errors import DataError, Problem, did_you_mean, nearest, suggest
from ._limits import beyond_parser
from ._load import (
    CONFIG_FILES,
    DATA_SUFFIXES,
    HOURS_FOLDER,
    dataset_files,
    from_data,
    load,
    loads,
    record_from_data,
    unread_files,
)
from ._schema import SCHEMA_ID, dataset_schema
from ._sources import key_lines
from ._syntax import explain_toml
from ._validate import validate

__all__ = [
    "CONFIG_FILES",
    "DATA_SUFFIXES",
    "HOURS_FOLDER",
    "SCHEMA_ID",
    "DataError",
    "Problem",
    "beyond_parser",
    "dataset_files",
    "dataset_schema",
    "did_you_mean",
    "dump",
    "dumps",
    "explain_toml",
    "from_data",
    "key_lines",
    "load",
    "loads",
    "nearest",
    "record_from_data",
    "suggest",
    "to_data",
    "unread_files",
    "validate",
    "write_atomically",
]
