"""The CAINIAO print component (菜鸟打印组件) on the bench PC, over its local WebSocket.

E-waybills of Cainiao and the platforms shaped like it are not files: the carrier hands out
``print_data`` (often encrypted) and a template URL, and only the component renders them, on a
printer it drives through the OS. The station talks to it as to a printer: one ``print``
request per label, then the component's ``notifyPrintResult`` for that task says whether the
document printed. Nothing else counts as printed: no answer within the timeout is "not
printed (unconfirmed)", and the packer decides with REPRINT.

PDD's print component (拼多多打印组件) speaks the same protocol on its own port:
``pdd://127.0.0.1:5000?printer=NAME`` (``pdd+tls://`` for wss on 18653).

Protocol (JSON text frames, modelled on public clients of the component; ``ws://127.0.0.1:13528``,
``wss`` on 13529):

- ``{"cmd": "getPrinters", "requestID", "version": "1.0"}`` →
  ``{"cmd": "getPrinters", "requestID", "defaultPrinter", "printers": [{"name", "status"}]}``
- ``{"cmd": "print", "requestID", "version": "1.0", "task": {"taskID", "preview": false,
  "printer", "documents": [{"documentID", "contents": [{"templateURL", "data"}]}]}}`` →
  ``{"cmd": "print", "requestID", "taskID", "status": "success" | "failed", "msg"}``, later
  ``{"cmd": "notifyPrintResult", "taskID", "taskStatus": "printed" | "failed",
  "printStatus": [{"documentID", "status": "success" | "failed", "msg"}]}``
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from drivers.errors import DeviceConfigError
from drivers.i18n import _

DEFAULT_URI = "cainiao://127.0.0.1:13528"
# Each platform's component and its default ports (ws, wss).
_PORTS = {"cainiao": (13528, 13529), "pdd": (5000, 18653)}


@dataclass(frozen=True)
class ComponentAnswer:
    printed: bool
    message: str = ""


class CainiaoComponent:
    """``cainiao://HOST:PORT?printer=NAME`` (``cainiao+tls://`` for wss; ``pdd://`` for PDD's
    component); ``printer`` empty: the component's default printer."""

    def __init__(self, uri: str = DEFAULT_URI, timeout_s: float = 15.0) -> None:
        parts = urlsplit(uri)
        platform = parts.scheme.removesuffix("+tls")
        if platform not in _PORTS or not parts.hostname:
            raise DeviceConfigError(_(
                "A print component address looks like cainiao://127.0.0.1:13528?printer=NAME, "
                "not {uri}.").format(uri=uri))
        scheme = "wss" if parts.scheme.endswith("+tls") else "ws"
        port = parts.port or _PORTS[platform][1 if scheme == "wss" else 0]
        self.url = f"{scheme}://{parts.hostname}:{port}"
        self.printer = (parse_qs(parts.query).get("printer") or [""])[0]
        self.timeout_s = timeout_s

    def _connect(self) -> Any:
        from websockets.sync.client import connect

        # proxy=None: the component is on this PC; a system proxy must never carry it
        return connect(self.url, open_timeout=min(5.0, self.timeout_s), proxy=None,
                       max_size=2**22)

    def printers(self) -> list[str]:
        """The printers the component offers (Devices page, doctor)."""
        with self._connect() as ws:
            request = uuid.uuid4().hex
            ws.send(json.dumps({"cmd": "getPrinters", "requestID": request, "version": "1.0"}))
            answer = self._wait(ws, lambda m: m.get("cmd") == "getPrinters"
                                and m.get("requestID") == request, self.timeout_s)
        if answer is None:
            return []
        return [str(p.get("name")) for p in answer.get("printers") or [] if p.get("name")]

    def print_document(self, document: dict[str, Any]) -> ComponentAnswer:
        """Print one document ``{documentID, templateURL, data}``; printed only when the
        component says the task printed and that document succeeded."""
        task = uuid.uuid4().hex
        request = uuid.uuid4().hex
        document_id = str(document.get("documentID") or "")
        message = {"cmd": "print", "requestID": request, "version": "1.0", "task": {
            "taskID": task, "preview": False, "printer": self.printer,
            "documents": [{"documentID": document_id, "contents": [
                {"templateURL": document.get("templateURL"), "data": document.get("data")}]}]}}
        try:
            with self._connect() as ws:
                ws.send(json.dumps(message, ensure_ascii=False))
                deadline = time.monotonic() + self.timeout_s
                accepted = self._wait(ws, lambda m: m.get("cmd") == "print"
                                      and m.get("requestID") == request,
                                      deadline - time.monotonic())
                if accepted is None:
                    return ComponentAnswer(False, _(
                        "The print component did not take the label (no answer)."))
                if accepted.get("status") != "success":
                    return ComponentAnswer(False, _(
                        "The print component refused the label: {why}").format(
                            why=accepted.get("msg") or accepted.get("status")))
                result = self._wait(ws, lambda m: m.get("cmd") == "notifyPrintResult"
                                    and m.get("taskID") == task, deadline - time.monotonic())
        except (OSError, TimeoutError) as exc:
            return ComponentAnswer(False, _(
                "The print component cannot be reached at {url}: is it running? ({why})").format(
                    url=self.url, why=type(exc).__name__))
        except Exception as exc:  # websockets' own errors: the link, not a bug of ours
            return ComponentAnswer(False, _(
                "The print component's connection failed: {why}").format(why=exc))
        if result is None:
            return ComponentAnswer(False, _(
                "The print component did not confirm the label: check the printer, then "
                "REPRINT if nothing came out."))
        statuses = {str(s.get("documentID")): s for s in result.get("printStatus") or []}
        mine = statuses.get(document_id, {})
        if result.get("taskStatus") == "printed" and mine.get("status") == "success":
            return ComponentAnswer(True)
        return ComponentAnswer(False, _("The print component could not print the label: "
                                        "{why}").format(why=mine.get("msg")
                                                        or result.get("taskStatus")))

    @staticmethod
    def _wait(ws: Any, wanted: Any, timeout_s: float) -> dict[str, Any] | None:
        """The first message ``wanted`` accepts within ``timeout_s`` (others are skipped:
        the component also sends notifications of other clients' tasks)."""
        deadline = time.monotonic() + max(0.0, timeout_s)
        while (left := deadline - time.monotonic()) > 0:
            try:
                raw = ws.recv(timeout=left)
            except TimeoutError:
                return None
            try:
                message = json.loads(raw)
            except ValueError:
                continue
            if isinstance(message, dict) and wanted(message):
                return message
        return None
