"""The xcb check reads ldd's report and names the missing libraries and the install command."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui import platform_check as pc

# ldd's output for the PySide6 6.11 libqxcb.so on a Debian 12 desktop without the xcb extras
# (the two missing lines appear twice: once for the plugin, once via libQt6XcbQpa).
LDD_FRESH_DESKTOP = """\
\tlinux-vdso.so.1 (0x00007ffd0f1e5000)
\tlibQt6XcbQpa.so.6 => /opt/ps/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x1)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f3c1c0a1000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3c1b000000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f3c1c2d0000)
"""


def test_missing_libraries_are_read_from_ldd_once_each_in_order():
    assert pc.missing_from_ldd(LDD_FRESH_DESKTOP) == [
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1",
    ]


def test_message_names_the_libraries_and_the_one_install_command():
    text = pc.describe(pc.missing_from_ldd(LDD_FRESH_DESKTOP))
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in text


def test_an_unknown_library_is_named_with_advice_instead_of_a_wrong_package():
    text = pc.describe(["libQt6XcbQpa.so.6", "libxcb-shape.so.0"])
    assert "sudo apt-get install -y libxcb-shape0" in text
    assert "libQt6XcbQpa.so.6" in text and "reinstall the station" in text


@given(st.lists(st.sampled_from(sorted(pc.DEBIAN_PACKAGES)), max_size=12))
def test_every_known_soname_maps_to_its_package_and_none_is_lost(sonames):
    packages, unknown = pc.packages_for(sonames)
    assert unknown == []
    assert set(packages) == {pc.DEBIAN_PACKAGES[s] for s in sonames}


def test_ci_installs_every_package_the_window_needs():
    from pathlib import Path

    ci = (Path(__file__).parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert [p for p in pc.XCB_PACKAGES if p not in ci.split()] == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"DISPLAY": ":0"}, True),
    ],
)
def test_only_an_xcb_start_is_checked(env, expected, monkeypatch):
    monkeypatch.setattr(pc.sys, "platform", "linux")
    assert pc.wants_xcb(env) is expected


def test_no_display_is_said_plainly(monkeypatch):
    monkeypatch.setattr(pc.sys, "platform", "linux")
    message = pc.check_display({"QT_QPA_PLATFORM": "xcb"})
    assert message is not None and "DISPLAY" in message
