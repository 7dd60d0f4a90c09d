"""Shipment attempt keys against a real central server: a retry gets its number back, a new
attempt a new number, an abandoned attempt never keeps or gets one."""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import select

from central import tables as t
from contract import EventBatch, ShipmentRequest
from station.sync.client import CentralClient, CentralRejected, CentralUnavailable


def _request(order_id="SO-1001", key=None, parcel_no=1, carrier="EMS", service="EMS-STD"):
    body = {"order_id": order_id, "parcel_no": parcel_no, "parcel_count": 2, "carrier": carrier,
            "service": service, "weight_g": 420}
    return body | ({"attempt_key": key} if key else {})


def _ship(central, **kw):
    return central.call("POST", "/v1/shipments", central.station_token, json=_request(**kw))


def _event(kind, payload, station="ST-01"):
    return {"idempotency_key": uuid.uuid4().hex, "kind": kind, "station": station,
            "occurred_at": datetime.now(UTC).isoformat(), "order_id": payload["order_id"],
            "payload": payload}


def _post(central, *events, token=None):
    answer = central.call("POST", "/v1/events", token or central.station_token,
                          json={"events": list(events)})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def _abandoned(order_id, key, parcel_no=1, station="ST-01"):
    return _event("shipment_abandoned", {"order_id": order_id, "parcel_no": parcel_no,
                                         "attempt_key": key, "reason": "no answer"}, station)


def _printed(order_id, number, parcel_no=1):
    return _event("label_printed", {"order_id": order_id, "parcel_no": parcel_no,
                                    "tracking_number": number, "carrier": "EMS",
                                    "service": "EMS-STD", "weight_g": 420,
                                    "source": "central"})


def _voided_on_central(central, number):
    with central.engine.connect() as conn:
        return conn.scalar(select(t.tracking_numbers.c.voided)
                           .where(t.tracking_numbers.c.number == number))


def _tracking(central, number):
    answer = central.call("GET", f"/v1/tracking/{number}", central.station_token)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _numbers_issued(central):
    with central.engine.connect() as conn:
        return set(conn.scalars(select(t.tracking_numbers.c.number)
                                .where(t.tracking_numbers.c.source == "central")))


def test_a_retry_with_the_same_key_gets_the_same_number_and_label(central):
    first = _ship(central, key="attempt-A-0001")
    assert first.status_code == 200, first.text
    again = _ship(central, key="attempt-A-0001")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert _numbers_issued(central) == {first.json()["tracking_number"]}
    # The same key on another parcel is another attempt.
    other_parcel = _ship(central, key="attempt-A-0001", parcel_no=2)
    assert other_parcel.json()["tracking_number"] != first.json()["tracking_number"]


def test_a_new_key_gets_a_new_number_while_the_old_one_is_not_voided_yet(central):
    """The station voided the first label locally; its label_voided event is still queued."""
    first = _ship(central, key="attempt-B-0001").json()["tracking_number"]
    assert _post(central, _printed("SO-1001", first))[0]["status"] == "accepted"
    second = _ship(central, key="attempt-B-0002")
    assert second.status_code == 200, second.text
    assert second.json()["tracking_number"] != first
    # Without a key the old behaviour stays: the parcel's live number comes back.
    assert _ship(central).json()["tracking_number"] == first
    # The queued void arrives later: only the first number is cancelled.
    voided = _event("label_voided", {"order_id": "SO-1001", "parcel_no": 1,
                                      "tracking_number": first, "reason": "smudged"})
    assert _post(central, voided)[0]["status"] == "accepted"
    assert _tracking(central, first)["status"] == "voided"
    assert _tracking(central, second.json()["tracking_number"])["status"] == "label_created"
    # A retry of the voided attempt is refused: the number is never handed out again.
    retry = _ship(central, key="attempt-B-0001")
    assert retry.status_code == 409 and retry.json()["code"] == "attempt_voided"


def test_abandoning_an_issued_unprinted_attempt_voids_its_number(central):
    number = _ship(central, key="attempt-C-0001").json()["tracking_number"]
    results = _post(central, _abandoned("SO-1001", "attempt-C-0001"))
    assert results[0]["status"] == "accepted", results
    assert _voided_on_central(central, number) is True
    timeline = _tracking(central, number)
    assert timeline["status"] == "voided"
    assert [(e["status"], e["note"]) for e in timeline["events"]][-1] == (
        "voided", "label never printed")
    late = _ship(central, key="attempt-C-0001")
    assert late.status_code == 409 and late.json()["code"] == "attempt_abandoned"
    # Reported again (another idempotency key): accepted, nothing more happens.
    assert _post(central, _abandoned("SO-1001", "attempt-C-0001"))[0]["status"] == "accepted"
    # A label_printed of the abandoned number is refused: it stays voided.
    printed = _post(central, _printed("SO-1001", number))[0]
    assert printed["status"] == "rejected" and "abandoned" in printed["error"]
    assert _tracking(central, number)["status"] == "voided"


def test_an_attempt_abandoned_before_its_request_arrives_never_gets_a_number(central):
    before = _numbers_issued(central)
    assert _post(central, _abandoned("SO-1002", "attempt-D-0001"))[0]["status"] == "accepted"
    late = _ship(central, order_id="SO-1002", key="attempt-D-0001")
    assert late.status_code == 409 and late.json()["code"] == "attempt_abandoned"
    assert "attempt-D-0001" in late.json()["message"]
    assert _numbers_issued(central) == before
    fresh = _ship(central, order_id="SO-1002", key="attempt-D-0002")
    assert fresh.status_code == 200 and fresh.json()["tracking_number"] not in before


def test_abandoning_a_printed_attempt_is_rejected_and_keeps_the_number(central):
    number = _ship(central, key="attempt-E-0001").json()["tracking_number"]
    # label_printed and the (contradicting) abandon in one batch: the print wins.
    results = _post(central, _printed("SO-1001", number), _abandoned("SO-1001", "attempt-E-0001"))
    assert results[0]["status"] == "accepted"
    assert results[1]["status"] == "rejected"
    assert number in results[1]["error"] and "printed" in results[1]["error"]
    assert _voided_on_central(central, number) is False
    assert _tracking(central, number)["status"] == "label_created"
    again = _ship(central, key="attempt-E-0001")
    assert again.status_code == 200 and again.json()["tracking_number"] == number


def test_a_station_cannot_abandon_attempts_of_another_warehouse(central):
    number = _ship(central, key="attempt-F-0001").json()["tracking_number"]
    foreign = _post(central, _abandoned("SO-1001", "attempt-F-0001", station="ST-B1"),
                    token=central.other_token)[0]
    assert foreign["status"] == "rejected" and "not known in warehouse" in foreign["error"]
    assert _voided_on_central(central, number) is False
    assert _ship(central, key="attempt-F-0001").json()["tracking_number"] == number


def test_refusals_keep_their_codes_with_an_attempt_key(central):
    central.call("POST", "/v1/admin/orders/SO-1006/decision", central.admin_token,
                 json={"status": "intercepted", "reason": "fraud check"})
    stopped = _ship(central, order_id="SO-1006", key="attempt-G-0001")
    assert stopped.status_code == 409 and stopped.json()["code"] == "order_intercepted"
    first = _ship(central, order_id="SO-1003", key="attempt-G-0002")
    other_carrier = _ship(central, order_id="SO-1003", key="attempt-G-0002", carrier="SF",
                          service="SF-STD")
    assert other_carrier.status_code == 409
    assert other_carrier.json()["code"] == "attempt_key_reused"
    assert _numbers_issued(central) == {first.json()["tracking_number"]}
    short = central.call("POST", "/v1/shipments", central.station_token,
                         json=_request(key="short"))
    assert short.status_code == 422


class _SwallowingProxy:
    """Forwards one request to central (which commits and answers) and never passes the answer
    on: the station's view of a paused server or a lost answer."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.answers: list[requests.Response] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._held.append(client)
            client.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = client.recv(65536)
                if not chunk:  # the client gave up before sending a whole request
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            headers = dict(line.split(": ", 1) for line in lines[1:])
            length = int(headers.get("Content-Length", "0"))
            while len(body) < length:
                chunk = client.recv(65536)
                if not chunk:
                    return
                body += chunk
            path = lines[0].split(" ")[1]
            self.answers.append(requests.post(
                self.upstream + path, data=body, timeout=30,
                headers={"Authorization": headers["Authorization"],
                         "Content-Type": "application/json"}))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for sock in self._held:
            with contextlib.suppress(OSError):
                sock.close()
        self._listener.close()


def test_lost_answer_then_abandoned_shows_the_number_voided_on_the_buyer_page(central):
    proxy = _SwallowingProxy(central.url)
    request = ShipmentRequest.model_validate(_request(order_id="SO-1004", key="attempt-H-0001"))
    lost = CentralClient(proxy.url, central.station_token, shipment_read_timeout_s=0.5)
    try:
        with pytest.raises(CentralUnavailable):
            lost.create_shipment(request)
    finally:
        lost.close()
        proxy.close()
    # Central did commit a number the station never saw.
    assert len(proxy.answers) == 1 and proxy.answers[0].status_code == 200
    orphan = proxy.answers[0].json()["tracking_number"]
    assert "Label created" in central.call("GET", f"/t/{orphan}").text
    with CentralClient(central.url, central.station_token) as client:
        batch = EventBatch.model_validate({"events": [_abandoned("SO-1004", "attempt-H-0001")]})
        assert [r.status for r in client.post_events(batch).results] == ["accepted"]
        with pytest.raises(CentralRejected) as refused:
            client.create_shipment(request)  # the request's own retry, arriving late
        assert refused.value.code == "attempt_abandoned"
    page = central.call("GET", f"/t/{orphan}")
    assert page.status_code == 200
    assert "<strong>Label cancelled</strong>" in page.text
    newest = page.text.split("<ol>", 1)[1].split("</li>", 1)[0]
    assert "Label cancelled" in newest  # the timeline ends with the void
    chinese = central.call("GET", f"/t/{orphan}", params={"lang": "zh"})
    assert "<strong>面单已作废</strong>" in chinese.text
    assert _ship(central, order_id="SO-1004", key="attempt-H-0002").status_code == 200
