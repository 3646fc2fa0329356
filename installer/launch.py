"""Entry script of the frozen application: the same ``main`` the ``workbench`` console script runs.

PyInstaller needs a script, not an entry point; keeping it this small means the bundle and a pip
install cannot drift apart in behaviour.
"""

import multiprocessing
import sys

from workbench.app import main

if __name__ == "__main__":
    # The isolated workbook reader (workbench.importers.isolated) spawns a child; in a frozen
    # bundle the child is this executable, which must run the child's job, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())
