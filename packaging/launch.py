"""Entry point of the frozen build (PyInstaller needs a script, not a package's __main__)."""
import sys

from studio.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
