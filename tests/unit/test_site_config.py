"""Fleet settings: a site file shared by every station, this station's file over it key by
key, the user's file and the environment over both. A site file on a share that is down does
not stop the bench; `station doctor` says it is missing."""

from __future__ import annotations

from station.config import load_settings, machine_config_path, site_config_path
from station.doctor import check_settings


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


SITE = """
warehouse = "WH-SHA"
language = "zh_CN"
[central]
url = "https://wms.example.com"
[weigh]
tolerance_g = 25
tolerance_pct = "4"
"""


def test_site_file_is_the_base_and_the_station_overrides_single_keys(tmp_path):
    site = write(tmp_path / "site.toml", SITE)
    station = write(tmp_path / "station.toml", 'station_id = "ST-07"\n[weigh]\ntolerance_g = 40\n')
    loaded = load_settings([site, station], {})
    s = loaded.settings
    assert (s.station_id, s.warehouse, s.language) == ("ST-07", "WH-SHA", "zh_CN")
    assert s.central.url == "https://wms.example.com"
    assert (s.weigh.tolerance_g, str(s.weigh.tolerance_pct)) == (40, "4")  # one key overridden
    assert loaded.sources["weigh.tolerance_g"] == str(station)
    assert loaded.sources["weigh.tolerance_pct"] == str(site)


def test_station_file_can_name_the_site_file_on_a_share(tmp_path):
    (tmp_path / "share").mkdir()
    share = write(tmp_path / "share" / "site.toml", SITE)
    station = write(
        tmp_path / "station.toml",
        f'station_id = "ST-08"\nsite_config = "{share.as_posix()}"\nlanguage = "en"\n',
    )
    loaded = load_settings([station], {"STATION_WEIGH__TOLERANCE_G": "10"})
    s = loaded.settings
    assert s.central.url == "https://wms.example.com"  # from the share
    assert s.language == "en"  # the station's own value wins over the site's
    assert s.weigh.tolerance_g == 10  # the environment wins over both
    assert loaded.files == [share, station]
    assert check_settings(loaded).ok


def test_a_site_file_that_is_not_there_is_reported_but_the_station_starts(tmp_path):
    station = write(
        tmp_path / "station.toml",
        f'station_id = "ST-09"\nsite_config = "{(tmp_path / "down" / "site.toml").as_posix()}"\n',
    )
    loaded = load_settings([station], {})
    assert loaded.settings.station_id == "ST-09"
    check = check_settings(loaded)
    assert not check.ok and "site settings file" in check.detail and "down" in check.detail


def test_default_site_file_sits_beside_the_machine_file():
    assert site_config_path().parent == machine_config_path().parent
    assert site_config_path().name == "site.toml"
