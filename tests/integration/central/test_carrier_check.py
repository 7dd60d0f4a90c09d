"""``station-central carrier check NAME``: one harmless live call with the carrier's own
credentials, against the loopback SF gateway fake that checks every signature."""

from __future__ import annotations

from central.carriers.sf import SfExpress, SfSettings
from central.carriers.sf.fake import FakeSf
from central.cli import carrier_check


def test_right_credentials_pass_wrong_ones_name_the_problem():
    fake = FakeSf().start()
    try:
        good = SfExpress(SfSettings(partner_id=fake.partner_id, check_word=fake.check_word,
                                    url=fake.url))
        ok, text = carrier_check("SF", {"SF": good})
        assert ok, text
        bad = SfExpress(SfSettings(partner_id=fake.partner_id, check_word="not-the-word",
                                   url=fake.url))
        ok, text = carrier_check("SF", {"SF": bad})
        assert not ok and "bad_credentials" in text
    finally:
        fake.stop()


def test_a_carrier_without_credentials_is_named():
    ok, text = carrier_check("UPS", {})
    assert not ok and "No credentials for carrier UPS" in text


def test_carrier_check_reaches_cainiao_with_the_right_and_a_wrong_secret():
    from central.carriers.cainiao import Cainiao, CainiaoSettings
    from central.carriers.cainiao.fake import FakeCainiao
    from central.cli import carrier_check

    fake = FakeCainiao().start()
    try:
        def adapter(secret):
            return {"ZTO": Cainiao(CainiaoSettings(
                app_key=fake.app_key, app_secret=secret, session=fake.session, cp_code="ZTO",
                template_url="https://tpl/zto", url=fake.url), code="ZTO")}

        ok, text = carrier_check("zto", adapter(fake.app_secret))
        assert ok, text
        ok, text = carrier_check("ZTO", adapter("wrong-secret"))
        assert not ok and "bad_credentials" in text and "25" in text
        assert len(fake.requests) == 2  # each check made one real call
    finally:
        fake.stop()
