"""Screenshots of the pack evidence player, English and 简体中文, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python -m ui.evidence_shots

Records a short clip of FFmpeg's test pattern per language (so the burned-in overlay is in
that language too), looks it up by its tracking number and grabs the screen mid-playback.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from ui.screenshots import OUT, ROOT, wait_until


def evidence_screenshots(out: Path = OUT, languages: tuple[str, ...] = ("en", "zh_CN")
                         ) -> list[Path]:
    from station.bootstrap import open_store
    from station.config import CameraSettings, Settings
    from station.evidence.recorder import EvidenceRecorder
    from ui.i18n import Language, reset
    from ui.ops import Ops
    from ui.screens.evidence import EvidenceScreen

    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="shots-evidence-"))
    engine = open_store(Settings(database=folder / "station.sqlite3")).engine
    camera = CameraSettings(uri="sim://testsrc", fps=15, size="1280x720", folder=folder / "ev")
    recorder = EvidenceRecorder(engine, camera, station="ST-01")
    recorder.start()
    recorder.wait_ready()
    language = Language()
    ops = Ops()
    shots: list[Path] = []
    try:
        for lang in languages:
            language.switch(lang)
            number = f"SF1000000{len(shots) + 1}"
            recorder.order_opened("SO-1001", "B-PACKER 王芳", "ST-01")
            recorder.tracking_added(number)
            time.sleep(3.0)
            recorder.order_ended("labelled").result(30)
            screen = EvidenceScreen(recorder, ops)
            screen.resize(1366, 768)
            screen.show()
            screen.code.setText(number)
            screen.look_up(number)
            wait_until(lambda s=screen: s.frames_shown >= 20)
            path = out / f"11_evidence_player_{lang}.png"
            screen.grab().save(str(path))
            shots.append(path)
            screen.close()
    finally:
        ops.shutdown()
        recorder.close()
        engine.dispose()
        reset()
    return shots


def main() -> int:
    from ui.qt import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    for path in evidence_screenshots():
        print(path.relative_to(ROOT))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
