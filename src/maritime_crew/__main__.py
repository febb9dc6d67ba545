"""``python -m maritime_crew``: the same command line as ``maritime-crew``."""

import sys

from .cli import main

sys.exit(main())
