"""``station-sim``: run a scale, printer or scanner simulator for a person or a test.

station-sim scale --protocol mt-sics --pty      # prints the pty path; then type commands:
    w 1250 | motion | stable | overload | underload | mute | unmute | unplug | plug | quit
station-sim printer --lang zpl --port 9100 --out DIR
    ready | paper-out | head-open | pause | no-reply | quit
station-sim scanner --pty [--file CODES.txt] [--aim ]C1]
    every typed line is sent as one scan; quit ends
station-sim dimensioner --pty [--unit mm|cm]   # cubing line protocol, docs/dimensioner.md
    size 300 200 150 | no-object | too-big | moving | push | mute | unmute | quit
"""

from __future__ import annotations

import argparse
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterable

from drivers.sim.dimensioner_sim import FAULT_LINES, DimensionerSimulator
from drivers.sim.printer_sim import LANGS, PrinterSimulator
from drivers.sim.scale_sim import SIM_PROTOCOLS, ScaleSimulator
from drivers.sim.scanner_sim import ScannerSimulator

HOLD_ON_EOF = [False]  # set by main() for a real process


def _lines(stream: Iterable[str]) -> Iterable[str]:
    for line in stream:
        text = line.rstrip("\r\n")
        if text.strip().lower() in ("quit", "exit", "q"):
            return
        yield text
    if HOLD_ON_EOF[0]:
        # stdin is /dev/null (``station-sim … &`` in a script): the simulator keeps running
        # until it is told to stop by a signal, instead of vanishing after a moment. (A pipe
        # that its writer closes still ends it, as "quit" does.)
        signal.signal(signal.SIGTERM, _interrupt)
        threading.Event().wait()


def _stdin_is_null() -> bool:
    """stdin is /dev/null: a background job of a script (``station-sim … &``), not a person or
    a program that will close the pipe to stop us."""
    try:
        here, null = os.fstat(0), os.stat(os.devnull)
    except OSError:
        return True  # no stdin at all
    return stat.S_ISCHR(here.st_mode) and here.st_rdev == null.st_rdev


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run_scale(args: argparse.Namespace, stdin: Iterable[str]) -> int:
    sim = ScaleSimulator(
        args.protocol,
        request=args.request,
        link_path=args.link,
        grams=args.grams,
        rate_hz=args.rate,
        with_checksum=args.checksum,
    )
    with sim:
        print(sim.path, flush=True)
        # A pty refuses 7-bit/parity settings: tell the person the address that works.
        print(f"configure the scale as {sim.uri}", file=sys.stderr, flush=True)
        for line in _lines(stdin):
            words = line.split()
            if not words:
                continue
            cmd = words[0].lower()
            try:
                if cmd == "w" and len(words) == 2:
                    sim.set_weight(int(words[1]), "stable")
                elif cmd in ("stable", "motion", "overload", "underload"):
                    sim.set_mode(cmd)
                elif cmd in ("mute", "unmute"):
                    sim.muted = cmd == "mute"
                elif cmd == "unplug":
                    sim.unplug()
                elif cmd == "plug":
                    sim.plug()
                    print(sim.path, flush=True)
                else:
                    print(
                        "commands: w GRAMS, stable, motion, overload, underload, mute, "
                        "unmute, unplug, plug, quit",
                        flush=True,
                    )
                    continue
            except ValueError as exc:
                print(f"error: {exc}", flush=True)
                continue
            print(f"ok {sim.mode} {sim.grams} g{' (muted)' if sim.muted else ''}", flush=True)
    return 0


def run_printer(args: argparse.Namespace, stdin: Iterable[str]) -> int:
    with PrinterSimulator(args.lang, port=args.port, out_dir=args.out) as sim:
        print(f"listening on {sim.uri}, jobs to {args.out}", flush=True)
        for line in _lines(stdin):
            mode = line.strip().lower().replace("-", "_").replace("pause", "paused")
            if not mode:
                continue
            try:
                sim.set_mode(mode)
            except ValueError as exc:
                print(f"error: {exc}", flush=True)
                continue
            print(f"ok {sim.mode}; {len(sim.jobs)} job(s) stored", flush=True)
    return 0


def run_scanner(args: argparse.Namespace, stdin: Iterable[str]) -> int:
    with ScannerSimulator(link_path=args.link, terminator=args.terminator) as sim:
        print(sim.path, flush=True)
        if args.file:
            with open(args.file, encoding="utf-8") as codes:
                for code in codes:
                    code = code.rstrip("\r\n")
                    if code:
                        sim.send(code.replace("<GS>", "\x1d"), args.aim)
                        time.sleep(args.interval)
        for line in _lines(stdin):
            if line:
                sim.send(line.replace("<GS>", "\x1d"), args.aim)
    return 0


def run_dimensioner(args: argparse.Namespace, stdin: Iterable[str]) -> int:
    with DimensionerSimulator(link_path=args.link, unit=args.unit) as sim:
        print(sim.link.path, flush=True)
        for line in _lines(stdin):
            words = line.split()
            if not words:
                continue
            cmd = words[0].lower()
            if cmd == "size" and len(words) == 4 and all(w.isdigit() for w in words[1:]):
                sim.set_size(int(words[1]), int(words[2]), int(words[3]))
            elif cmd in FAULT_LINES:
                sim.set_fault(cmd)
            elif cmd == "push":
                sim.push()
            elif cmd in ("mute", "unmute"):
                sim.muted = cmd == "mute"
            else:
                print(f"unknown command: {line}", file=sys.stderr, flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="station-sim",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="device", required=True)
    scale = sub.add_parser("scale", help="a serial scale on a pty")
    scale.add_argument("--protocol", choices=SIM_PROTOCOLS, required=True)
    scale.add_argument("--pty", action="store_true", help="serve on a pty (the only transport)")
    scale.add_argument("--link", help="also reach the pty under this stable path (symlink)")
    scale.add_argument("--grams", type=int, default=0)
    scale.add_argument("--rate", type=int, default=10, help="frames/s of streaming protocols")
    scale.add_argument("--checksum", action="store_true", help="toledo-cont: append checksum")
    scale.add_argument("--request", action="store_true", help="cas: answer ENQ/DC1, no stream")
    printer = sub.add_parser("printer", help="a TCP label printer on 127.0.0.1")
    printer.add_argument("--lang", choices=LANGS, required=True)
    printer.add_argument("--port", type=int, default=9100)
    printer.add_argument("--out", required=True, help="folder receiving one file per job")
    scanner = sub.add_parser("scanner", help="a serial barcode scanner on a pty")
    scanner.add_argument("--pty", action="store_true", help="serve on a pty (the only transport)")
    scanner.add_argument("--link", help="also reach the pty under this stable path (symlink)")
    scanner.add_argument("--file", help="send each line of this file first (<GS> = 0x1D)")
    scanner.add_argument("--aim", help="AIM symbology id to prefix, e.g. ]C1")
    scanner.add_argument("--terminator", default="CR", choices=("CR", "LF", "CRLF", "TAB"))
    scanner.add_argument("--interval", type=float, default=0.2, help="seconds between file lines")
    dim = sub.add_parser("dimensioner", help="a serial dimensioner (cubing device) on a pty")
    dim.add_argument("--pty", action="store_true", help="serve on a pty (the only transport)")
    dim.add_argument("--link", help="also reach the pty under this stable path (symlink)")
    dim.add_argument("--unit", default="mm", choices=("mm", "cm"))
    return parser


def main(argv: list[str] | None = None, stdin: Iterable[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    source = stdin if stdin is not None else sys.stdin
    HOLD_ON_EOF[0] = stdin is None and _stdin_is_null()
    runner = {"scale": run_scale, "printer": run_printer, "scanner": run_scanner,
              "dimensioner": run_dimensioner}[args.device]
    try:
        return runner(args, source)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
