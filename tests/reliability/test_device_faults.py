"""Device faults at random: a scale over a real pty and a printer over loopback TCP are
shaken, unplugged, silenced, fed garbage, run out of paper... The station never takes a
weight that was not a settled one, never calls a label printed that the printer did not
take while ready, and comes back every time the fault clears."""

from __future__ import annotations

import random
import time

from conftest import record_figure, soak_size
from drivers_helpers import running, weight_is

from drivers.events import WeightEvent
from drivers.manager import DeviceConfig
from drivers.printers.printer import PrintOutcome
from drivers.scales.base import ScaleState
from drivers.sim.printer_sim import PrinterSimulator
from drivers.sim.scale_sim import ScaleSimulator

SCALE_FAULTS = soak_size(20, 400)
PRINT_JOBS = soak_size(20, 400)
GATE = {"stable_min_ms": 150, "poll_interval_ms": 50, "no_reply_ms": 2000}


def test_scale_faults_never_give_an_unsettled_weight(tmp_path):
    rng = random.Random(5150)
    settled = {1250}  # weights the scale really settled on (even grams)
    with ScaleSimulator("mt-sics", link_path=str(tmp_path / "scale"), grams=1250,
                        rate_hz=20) as sim:
        config = DeviceConfig("scale", "scale", sim.uri, {"protocol": "mt-sics", **GATE})
        with running(config) as (_manager, log):
            log.wait_for(weight_is(ScaleState.STABLE, 1250))
            for _ in range(SCALE_FAULTS):
                fault = rng.choice(["shake", "settle", "overload", "unplug", "garbage",
                                    "mute"])
                if fault == "shake":  # odd grams: only ever seen in motion
                    sim.set_weight(rng.randrange(1, 20_000, 2), "motion")
                elif fault == "settle":
                    grams = rng.randrange(0, 20_000, 2)
                    settled.add(grams)
                    sim.set_weight(grams, "stable")
                elif fault == "overload":
                    sim.set_mode("overload")
                elif fault == "unplug":
                    sim.unplug()
                    time.sleep(rng.uniform(0.05, 0.3))
                    sim.plug()
                elif fault == "garbage":
                    sim.send_raw(bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))))
                else:
                    sim.muted = True
                    time.sleep(rng.uniform(0.05, 0.3))
                    sim.muted = False
                time.sleep(rng.uniform(0.02, 0.25))
            grams = 4242
            settled.add(grams)
            mark = log.mark()
            sim.set_weight(grams, "stable")
            log.wait_for(weight_is(ScaleState.STABLE, grams), since=mark, timeout=15)
    stable = [e.reading.grams for e in log.events
              if isinstance(e, WeightEvent) and e.reading.state is ScaleState.STABLE]
    assert set(stable) <= settled, f"unsettled weights taken: {set(stable) - settled}"
    record_figure("device_faults_scale", SCALE_FAULTS, "faults", "0 unsettled weights taken")


def test_printer_faults_never_count_a_label_that_was_not_taken(tmp_path):
    rng = random.Random(9100)
    job = b"^XA^FO50,50^A0N,40,40^FH^FDParcel_5E1^FS^XZ"
    printed = 0
    with PrinterSimulator("zpl", out_dir=tmp_path) as sim:
        config = DeviceConfig("printer", "printer", sim.uri,
                              {"language": "zpl", "timeout_ms": 400})
        with running(config) as (manager, _log):
            for _ in range(PRINT_JOBS):
                mode = rng.choice(["ready", "ready", "ready", "paper_out", "head_open",
                                   "paused", "no_reply"])
                sim.set_mode(mode)
                before = len(sim.jobs)
                result = manager.print_job("printer", job).result(timeout=15)
                taken = len(sim.jobs) - before
                if result.printed:
                    printed += 1
                    assert mode == "ready" and taken == 1
                else:
                    assert result.outcome is not PrintOutcome.PRINTED
                    assert mode != "ready" or taken == 0
                    assert result.message  # the packer is told why
            sim.set_mode("ready")
            assert manager.print_job("printer", job).result(timeout=15).printed
    assert printed + 1 == len(sim.jobs)  # every job the printer took was reported printed
    record_figure("device_faults_printer", PRINT_JOBS, "jobs", "0 labels miscounted")
