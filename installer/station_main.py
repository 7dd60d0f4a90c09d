"""Entry point of the PyInstaller bundle: the same ``station`` command as the wheel's.

Add-ons (``<bundle>/addons/<name>/``, e.g. the pack evidence add-on with PyAV and NumPy, which
the default bundle leaves out: PyAV's FFmpeg carries GPL encoders) are importable when
installed: their folders go at the end of ``sys.path``, so the bundle's own modules win.
"""

import multiprocessing
import sys
from pathlib import Path


def _addons() -> None:
    base = Path(sys.executable).resolve().parent / "addons"
    if base.is_dir():
        for folder in sorted(base.iterdir()):
            if folder.is_dir():
                sys.path.append(str(folder))


if __name__ == "__main__":
    _addons()  # before freeze_support: the evidence recorder process imports PyAV too
    multiprocessing.freeze_support()  # a spawned recorder process runs its target here
    from ui.launch import main

    sys.exit(main())
