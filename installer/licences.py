"""The bundle's third-party licences, generated from what PyInstaller put in it.

    python installer/licences.py BUNDLE_DIR [--contents build/bundle-contents.json]

Maps every module, library and data file of the bundle (``build/bundle-contents.json``,
written by ``station.spec``) to the Python distribution that installed it, or — for a system
library PyInstaller copied — to the Debian package that owns it. Writes
``BUNDLE_DIR/THIRD-PARTY-LICENSES.txt`` (name, version, licence of each) and copies each one's
licence files under ``BUNDLE_DIR/licenses/``. Exits 1 when a component is under the GPL
(not the LGPL, and not dual-licensed with a permissive or LGPL choice) or has no licence
we can name, so a GPL library never ships unnoticed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

# Licences we may ship in a proprietary product (the LGPL ones as shared libraries).
_GPL = re.compile(r"\bA?GPL|General Public License", re.I)
_LGPL_OR_CHOICE = re.compile(
    r"LGPL|Lesser General Public|Library General Public|GPL-2\.0-or-later OR LGPL|"
    r"GPLv2\+ or LGPLv3\+|with.*exception|linking exception|LGPL-3\.0", re.I)
_PERMISSIVE = re.compile(r"\b(MIT|BSD|Apache|PSF|ISC|Zlib|Expat|public domain)\b", re.I)
# Names the owner gives in words where the metadata is empty (checked against the files).
_KNOWN = {
    "python": "PSF-2.0 (the Python interpreter and standard library)",
}
# Licences whose metadata says GPL but that allow shipping with any program.
_EXCEPTIONS = {
    # Only its bootloader and runtime hooks are in a bundle: "the bootloader exception".
    "pyinstaller": "GPL-2.0-or-later with the PyInstaller bootloader exception: a bundle may "
                   "carry any licence",
}
# Free-text copyright files (not machine-readable): the first that matches names the licence.
_FREE_TEXT = (
    (r"GNU (Lesser|Library) General Public", "LGPL"),
    (r"Permission is hereby granted, free of charge", "MIT/X11"),
    (r"Permission to use, copy, modify,? (and|or) distribute", "MIT/ISC-style"),
    (r"Permission to use, copy, modify, distribute,? and sell", "MIT/X11-style"),
    (r"Redistribution and use in source and binary forms", "BSD-style"),
    (r"GNU General Public License", "GPL"),
)


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    text = meta.get("License-Expression") or ""
    if not text:
        classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                       if c.startswith("License ::")]
        text = "; ".join(classifiers)
    if not text:
        raw = (meta.get("License") or "").strip()
        text = raw.splitlines()[0][:120] if raw else ""
    return text


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    found = []
    for f in dist.files or []:
        name = f.name.upper()
        if name.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")) or (
            "/licenses/" in str(f).lower() or "/licences/" in str(f).lower()
        ):
            path = Path(str(f.locate()))
            if path.is_file():
                found.append(path)
    return found


def _owners() -> dict[str, metadata.Distribution]:
    """Absolute file path → the distribution that installed it."""
    owner: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions():
        for f in dist.files or []:
            owner[str(Path(str(f.locate())).resolve())] = dist
    return owner


def _debian_package(path: str) -> str | None:
    try:
        done = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.split(":")[0].strip() or None


def _debian_licence(package: str, files: set[str] | None = None) -> tuple[str, Path | None]:
    """The licence of the library itself: the ``Files: *`` stanza of a machine-readable
    copyright file (other stanzas cover build scripts and tests, often GPL), else words of
    a free-text one."""
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    if not copyright_file.is_file():
        return "", None
    text = copyright_file.read_text(encoding="utf-8", errors="replace")
    stanzas = re.split(r"\n\s*\n", text)
    # The library's own source folder first (util-linux: "Files: libuuid/*" is BSD while
    # "Files: *" is GPL for the programs), then the package-wide stanza.
    stems = {re.sub(r"\.so.*$", "", f) for f in files or ()}
    wanted = [rf"^Files:.*\b{re.escape(stem)}/" for stem in stems] + [r"^Files:\s*\*\s*$"]
    for pattern in wanted:
        for stanza in stanzas:
            if re.search(pattern, stanza, re.M):
                found = re.search(r"^License:\s*(\S.*)$", stanza, re.M)
                if found:
                    return found.group(1).strip()[:200], copyright_file
    for pattern, name in _FREE_TEXT:
        if re.search(pattern, text, re.I | re.S):
            return name + " (free-text copyright file)", copyright_file
    return "", copyright_file


def collect(contents: list[tuple[str, str]]) -> tuple[list[dict], list[str]]:
    """(components, problems) for the bundle's files."""
    owner = _owners()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    dists: dict[str, metadata.Distribution] = {}
    debian: dict[str, set[str]] = {}
    python_parts = False
    ours = Path(__file__).resolve().parents[1]
    for _name, path in contents:
        if not path:
            continue
        real = Path(path).resolve()
        key = str(real)
        if key in owner:
            dist = owner[key]
            dists.setdefault(dist.metadata["Name"], dist)
        elif real.is_relative_to(ours):
            continue  # our own code and resources
        elif real.is_relative_to(stdlib) or real.name.startswith("libpython"):
            python_parts = True
        elif real.exists():
            package = _debian_package(key)
            if package:
                debian.setdefault(package, set()).add(real.name)
            elif real.is_relative_to(stdlib.parent):  # e.g. pyenv's lib-dynload
                python_parts = True
    components: list[dict] = []
    problems: list[str] = []
    if python_parts:
        components.append({"name": "Python", "version": sys.version.split()[0],
                           "licence": _KNOWN["python"], "files": [], "source": "interpreter"})
    for name, dist in sorted(dists.items(), key=lambda kv: kv[0].lower()):
        if name.lower() == "packing-station":
            continue
        licence = _EXCEPTIONS.get(name.lower()) or _licence_of(dist)
        components.append({"name": name, "version": dist.version, "licence": licence,
                           "files": _licence_files(dist), "source": "PyPI"})
    for package, files in sorted(debian.items()):
        licence, copyright_file = _debian_licence(package, files)
        components.append({"name": package, "version": "", "licence": licence,
                           "files": [copyright_file] if copyright_file else [],
                           "source": "Debian: " + ", ".join(sorted(files))[:200]})
    for _name, path in contents:  # FFmpeg's GPL encoders by file name, whatever the metadata
        if path and re.match(r"lib(x264|x265)", Path(path).name):
            problems.append(f"{Path(path).name}: x264/x265 are GPL (PyAV's FFmpeg)")
    for c in components:
        if not c["licence"]:
            problems.append(f"{c['name']}: no licence could be named")
        elif c["name"].lower() in _EXCEPTIONS:
            continue
        elif (_GPL.search(c["licence"]) and not _LGPL_OR_CHOICE.search(c["licence"])
              and not _PERMISSIVE.search(c["licence"])):  # GPL with no other choice
            problems.append(f"{c['name']}: {c['licence']} (GPL: may not ship)")
    return components, problems


def write(bundle: Path, components: list[dict]) -> Path:
    folder = bundle / "licenses"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    lines = ["Packing Station: third-party components in this bundle",
             "(generated by installer/licences.py from what the build put in it)", ""]
    for c in components:
        version = f" {c['version']}" if c["version"] else ""
        lines.append(f"{c['name']}{version}: {c['licence']}  [{c['source']}]")
        target = folder / re.sub(r"[^A-Za-z0-9._-]", "_", c["name"])
        for i, f in enumerate(c["files"]):
            target.mkdir(exist_ok=True)
            shutil.copyfile(f, target / (f.name if i == 0 else f"{i}-{f.name}"))
    lines += ["", "The licence texts are in licenses/<name>/."]
    out = bundle / "THIRD-PARTY-LICENSES.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--contents", type=Path, default=Path("build/bundle-contents.json"))
    args = parser.parse_args(argv)
    contents = [tuple(x) for x in json.loads(args.contents.read_text())]
    components, problems = collect(contents)  # type: ignore[arg-type]
    out = write(args.bundle, components)
    print(f"{out}: {len(components)} components")
    for p in problems:
        print(f"LICENCE PROBLEM: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
