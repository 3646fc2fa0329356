"""Entry script of the frozen application: the same ``main`` the ``workbench`` console script runs.

PyInstaller needs a script, not an entry point; keeping it this small means the bundle and a pip
install cannot drift apart in behaviour.
"""

import sys

from workbench.app import main

if __name__ == "__main__":
    sys.exit(main())
