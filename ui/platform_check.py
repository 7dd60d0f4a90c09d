"""Will Qt's xcb platform plugin load on this Linux desktop? Asked before ``QApplication``.

A fresh Debian/Ubuntu desktop lacks some of the X11 libraries the wheel's ``libqxcb.so`` needs
(libxcb-cursor0, libxcb-icccm4, ...). Qt then aborts the process with "could not load the Qt
platform plugin xcb" and a hint nobody at a packing bench can act on. We read the plugin's
dependencies with ``ldd`` first and name the missing libraries and the one command that
installs them. ``python -m ui.platform_check --install`` (used by ``make demo``) installs them
itself when it may (root or password-less sudo).

No Qt import here: the check must run before Qt can abort.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from station.i18n import _

# soname of a library libqxcb.so (or its Qt libraries) loads -> the Debian/Ubuntu package with
# it. Measured with ldd + dpkg -S on Debian 12 against the PySide6 6.11 wheel.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

# Everything the xcb window needs beyond a minimal Debian: what `make demo` and CI install.
XCB_PACKAGES: tuple[str, ...] = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-randr0", "libxcb-shape0", "libxcb-xkb1", "libxcb-util1",
    "libxkbcommon-x11-0", "libx11-xcb1", "libegl1", "libgl1", "libfontconfig1",
    "libdbus-1-3", "libglib2.0-0",
)

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.M)


def missing_from_ldd(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` reported as "not found", each once, in the order met."""
    seen: dict[str, None] = {}
    for name in _NOT_FOUND.findall(ldd_output):
        seen.setdefault(name, None)
    return list(seen)


def packages_for(sonames: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Debian packages that provide ``sonames``, sonames no package of ours provides)."""
    packages: dict[str, None] = {}
    unknown = []
    for soname in sonames:
        if soname in DEBIAN_PACKAGES:
            packages.setdefault(DEBIAN_PACKAGES[soname], None)
        else:
            unknown.append(soname)
    return list(packages), unknown


def install_command(packages: Sequence[str]) -> str:
    return "sudo apt-get install -y " + " ".join(packages)


def xcb_plugin(environ: Mapping[str, str] | None = None) -> Path | None:
    """The ``libqxcb.so`` Qt will load: the folder of ``QT_QPA_PLATFORM_PLUGIN_PATH`` when set
    (Qt's own variable), else the one inside PySide6 (installed or bundled)."""
    environ = os.environ if environ is None else environ
    override = environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if override:
        candidates = [Path(override) / "libqxcb.so"]
    else:
        candidates = []
        spec = importlib.util.find_spec("PySide6")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            candidates.append(Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so")
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle:
            qt = Path(bundle) / "PySide6" / "Qt"
            candidates.append(qt / "plugins" / "platforms" / "libqxcb.so")
    return next((c for c in candidates if c.is_file()), None)


def wants_xcb(environ: Mapping[str, str] | None = None) -> bool:
    """True when Qt will try the xcb plugin: Linux, and QT_QPA_PLATFORM names xcb, or is unset
    on a desktop without Wayland."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return "xcb" in platform.split(";")[0]
    return not environ.get("WAYLAND_DISPLAY")


def missing_libraries(plugin: Path) -> list[str]:
    """Sonames the plugin cannot find, by ``ldd`` (or, without ldd, the first one ``dlopen``
    names)."""
    ldd = shutil.which("ldd")
    if ldd:
        out = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=30, check=False
        )
        return missing_from_ldd(out.stdout)
    import ctypes

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:  # "libxcb-cursor.so.0: cannot open shared object file: ..."
        return [str(exc).split(":", 1)[0].strip()]
    return []


def describe(missing: Sequence[str]) -> str:
    """The message for IT: which libraries are missing and the command that installs them."""
    packages, unknown = packages_for(missing)
    lines = [
        _(
            "The station window cannot open on this desktop: Qt's X11 (xcb) platform plugin "
            "is missing these system libraries: {libraries}."
        ).format(libraries=", ".join(missing))
    ]
    if packages:
        lines.append(
            _("Install them with:\n    {command}").format(command=install_command(packages))
        )
    if unknown:
        lines.append(
            _(
                "These are not system packages we know ({libraries}): reinstall the station, "
                "or ask IT to provide them."
            ).format(libraries=", ".join(unknown))
        )
    return "\n".join(lines)


def check_display(environ: Mapping[str, str] | None = None) -> str | None:
    """``None`` when the window can start, else the sentence for IT (see :func:`describe`)."""
    env = os.environ if environ is None else environ
    if not wants_xcb(env):
        return None
    if not env.get("DISPLAY"):
        return _(
            "The station window needs a desktop: no display is set (DISPLAY). Start it from the "
            "desktop session, or run 'station doctor' / 'station selftest' without a window."
        )
    plugin = xcb_plugin(env)
    if plugin is None:
        return None  # not a PySide6 we know the layout of: let Qt speak for itself
    missing = missing_libraries(plugin)
    return describe(missing) if missing else None


def _may_install() -> list[str] | None:
    """The prefix that runs apt-get as root here, or None when we may not."""
    if shutil.which("apt-get") is None:
        return None
    if os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo:
        probe = subprocess.run([sudo, "-n", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return [sudo, "-n"]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """``--install``: install what is missing when allowed, else print the one command (exit 1)."""
    args = list(sys.argv[1:] if argv is None else argv)
    plugin = xcb_plugin()
    if not sys.platform.startswith("linux") or plugin is None:
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    packages, unknown = packages_for(missing)
    prefix = _may_install() if "--install" in args and packages and not unknown else None
    if prefix is None:
        print(describe(missing), file=sys.stderr)
        return 1
    print(_("installing {packages}").format(packages=" ".join(packages)))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=False, env=env)
    done = subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=False, env=env,
    )
    still = missing_libraries(plugin)
    if done.returncode != 0 or still:
        print(describe(still or missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
