"""Shared helpers of the driver integration tests: an event recorder with deadlines."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from drivers.events import DeviceEvent, WeightEvent
from drivers.manager import DeviceConfig, DeviceManager
from drivers.scales.base import ScaleState

DEADLINE = 5.0  # generous for a loaded 2-core CI box; latency is measured in bench/


class EventLog:
    """Collects events from the device threads; ``wait_for`` polls with a deadline."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def mark(self) -> int:
        with self._cond:
            return len(self.events)

    def since(self, mark: int) -> list[DeviceEvent]:
        with self._cond:
            return list(self.events[mark:])

    def wait_for(
        self, predicate: Callable[[DeviceEvent], bool], since: int = 0, timeout: float = DEADLINE
    ) -> DeviceEvent:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event in self.events[since:]:
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no matching event within {timeout} s; got {self.events[since:][-8:]}"
                    )
                self._cond.wait(left)


def weight_is(state: ScaleState, grams: int | None = None) -> Callable[[DeviceEvent], bool]:
    def match(event: DeviceEvent) -> bool:
        return (
            isinstance(event, WeightEvent)
            and event.reading.state is state
            and (grams is None or event.reading.grams == grams)
        )

    return match


def of_type(kind: type, **fields: object) -> Callable[[DeviceEvent], bool]:
    def match(event: DeviceEvent) -> bool:
        return isinstance(event, kind) and all(getattr(event, k) == v for k, v in fields.items())

    return match


@contextmanager
def running(*configs: DeviceConfig, **kwargs: object) -> Iterator[tuple[DeviceManager, EventLog]]:
    log = EventLog()
    manager = DeviceManager(configs, on_event=log, reconnect_max_s=0.3, **kwargs)  # type: ignore[arg-type]
    manager.start()
    try:
        yield manager, log
    finally:
        manager.stop()
