"""A station process that records one pack and is then killed by the test (SIGKILL)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from station.config import CameraSettings
from station.evidence.recorder import EvidenceRecorder
from station.store.db import create_station_engine


def main() -> None:
    db, folder = Path(sys.argv[1]), Path(sys.argv[2])
    camera = CameraSettings(uri="sim://testsrc", fps=15, size="640x360", folder=folder)
    recorder = EvidenceRecorder(create_station_engine(db), camera, station="ST-07")
    recorder.start()
    recorder.wait_ready()
    recorder.order_opened("SO-5001", "P001", "ST-07")
    recorder.tracking_added("SF9001")
    time.sleep(2.5)
    print("recording", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()
