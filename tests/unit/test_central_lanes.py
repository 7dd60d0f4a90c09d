"""Labels before bulk ingest: a chunk of ingest waits while a label request is served, and
never longer than its bound (a stream of labels cannot stall ingest for good)."""

from __future__ import annotations

import threading
import time

from central.lanes import LabelFirst


def test_ingest_makes_way_while_a_label_is_served_and_goes_on_after():
    first = LabelFirst(max_wait_s=5.0)
    served = threading.Event()
    order: list[str] = []

    def label() -> None:
        with first.label():
            served.set()
            time.sleep(0.2)
            order.append("label")

    thread = threading.Thread(target=label)
    thread.start()
    served.wait(2)
    first.make_way()
    order.append("ingest chunk")
    thread.join()
    assert order == ["label", "ingest chunk"]


def test_a_stream_of_labels_never_stalls_ingest_beyond_its_bound():
    first = LabelFirst(max_wait_s=0.1)
    with first.label():  # a label that never ends
        started = time.perf_counter()
        first.make_way()
        assert 0.09 <= time.perf_counter() - started < 1.0
