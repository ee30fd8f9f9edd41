#!/usr/bin/env python
"""Django's command-line utility; `framja` is the same thing installed as a console script."""

import sys

from framja.cli import main

if __name__ == "__main__":
    sys.exit(main())
