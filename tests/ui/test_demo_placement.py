"""The demo's barcode sheet and control panel open on the station's screen (they opened at
x=1374 and x=1942 beside a 1366×768 window: "Put the expected weight on" could not be
clicked on a 1366×768 or 1920×1080 screen)."""

from __future__ import annotations

import pytest

from ui.demo import place_beside

SHEET, PANEL = 560, 320


@pytest.mark.parametrize("screen_w,screen_h", [(1366, 768), (1920, 1080), (2560, 1440)])
def test_both_helpers_are_inside_the_screen(screen_w, screen_h):
    x, y = place_beside((0, 0, 1366), (SHEET, PANEL), (0, 0, screen_w, screen_h))
    assert x >= 0 and x + SHEET + 8 + PANEL <= screen_w
    assert 0 <= y < screen_h


def test_beside_the_window_when_there_is_room():
    assert place_beside((0, 0, 1000), (SHEET, PANEL), (0, 0, 2560, 1440)) == (1008, 0)


def test_on_the_second_screen_when_the_station_is_there():
    x, _y = place_beside((1920, 0, 1366), (SHEET, PANEL), (1920, 0, 1366, 768))
    assert x >= 1920 and x + SHEET + 8 + PANEL <= 1920 + 1366
