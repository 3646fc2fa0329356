"""``python -m workbench``."""

import sys

from workbench.app import main

# Guarded: the isolated workbook reader starts a spawned child, which imports the main module
# again (as ``__mp_main__``) and must not start a second application.
if __name__ == "__main__":
    sys.exit(main())
