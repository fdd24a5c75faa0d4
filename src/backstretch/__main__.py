"""``python -m backstretch``: the same as the ``backstretch`` command."""

import sys

from .cli import main

sys.exit(main())
