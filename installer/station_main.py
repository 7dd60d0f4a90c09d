"""Entry point of the PyInstaller bundle: the same ``station`` command as the wheel's."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
