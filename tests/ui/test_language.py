"""English and 简体中文, switched while the station runs; core verdicts follow."""

from __future__ import annotations


def test_switching_to_chinese_at_run_time_translates_screen_and_verdict(make_window):
    window, packer = make_window()
    packer.scan("B-PACKER")
    packer.scan("SO-1005")
    packer.scan("2000000000046")  # wrong item: a red stop with a core sentence
    assert window.pack.banner.text.text().startswith("Wrong item")
    window.lang_button.click()
    assert window.language.current == "zh_CN"
    assert window.pack.banner.text.text().startswith("错件")
    assert window.pack.banner.tag.text() == "停止"
    assert window.lock_button.text() == "锁定"
    assert window.status.labels["central"].text().endswith("中央：检查中")
    assert window.pack.lines.horizontalHeaderItem(2).text() == "应发"
    packer.scan("SO-1005")  # the next verdict comes in Chinese too
    assert window.pack.banner.text.text() == "错件已放到一边。请继续。"
    window.lang_button.click()
    assert window.pack.banner.text.text() == "Wrong item set aside. Carry on."
    assert window.lang_button.text() == "简体中文"


def test_chinese_from_settings_at_start(make_window):
    window, _packer = make_window(language="zh_CN")
    assert window.login.title.text() == "请扫描工牌"
