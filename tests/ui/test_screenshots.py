"""Every screen renders at 1366×768 in English and 简体中文 (the README's screenshots)."""

from __future__ import annotations

from ui.qt import QImage


def test_every_screen_renders_in_both_languages(qapp, tmp_path):
    from ui.screenshots import take_screenshots

    shots = take_screenshots(tmp_path)
    names = {p.name for p in shots}
    assert len(shots) == 40  # 20 screens × 2 (lead and inbound screens among them)
    for p in shots:
        image = QImage(str(p))
        assert not image.isNull()
        if not p.name.startswith(("09_", "10_")):
            assert (image.width(), image.height()) == (1366, 768), p.name
    assert "07_label_printed_zh_CN.png" in names
    assert {"11_handover_zh_CN.png", "12_lookup_en.png", "13_dashboard_zh_CN.png"} <= names
    en = QImage(str(tmp_path / "01_login_en.png"))
    zh = QImage(str(tmp_path / "01_login_zh_CN.png"))
    assert en != zh  # the Chinese screen really is different text
    for name in ("11_receiving", "12_receiving_over_notice", "13_returns_lead_decision",
                 "14_stock_alerts"):
        assert QImage(str(tmp_path / f"{name}_en.png")) != QImage(
            str(tmp_path / f"{name}_zh_CN.png")), name
