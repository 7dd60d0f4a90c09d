"""A stand-in for the CAINIAO print component: the same local WebSocket protocol
(``getPrinters``, ``print`` then ``notifyPrintResult``), for tests and the demo.

It keeps every document it was asked to print (``printed``), decodes the fake gateway's
``print_data`` so a test can check which waybill reached it, and can be told what a real
component does when its printer is in trouble: ``mode`` = ``ready`` | ``paper_out`` (the task
fails with the printer's words) | ``silent`` (takes the task, never reports).
"""

from __future__ import annotations

import base64
import json
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve


class CainiaoComponentSim:
    def __init__(self, printers: tuple[str, ...] = ("ZDesigner ZD421", "Microsoft Print to PDF"),
                 port: int = 0) -> None:
        self.printer_names = printers
        self.mode = "ready"
        self.printed: list[dict[str, Any]] = []
        self.tasks: list[dict[str, Any]] = []
        self._server = serve(self._handle, "127.0.0.1", port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="sim-cainiao-component")

    @property
    def uri(self) -> str:
        return f"cainiao://127.0.0.1:{self._server.socket.getsockname()[1]}"

    def start(self) -> CainiaoComponentSim:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(2)

    def __enter__(self) -> CainiaoComponentSim:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _handle(self, ws: Any) -> None:
        try:
            for raw in ws:
                message = json.loads(raw)
                cmd = message.get("cmd")
                if cmd == "getPrinters":
                    ws.send(json.dumps({
                        "cmd": "getPrinters", "requestID": message.get("requestID"),
                        "defaultPrinter": self.printer_names[0],
                        "printers": [{"name": n, "status": "enable"}
                                     for n in self.printer_names]}))
                elif cmd == "print":
                    self._print(ws, message)
        except ConnectionClosed:
            pass

    def _print(self, ws: Any, message: dict[str, Any]) -> None:
        task = message.get("task") or {}
        self.tasks.append(task)
        printer = task.get("printer") or self.printer_names[0]
        documents = task.get("documents") or []
        if printer not in self.printer_names or not documents:
            ws.send(json.dumps({"cmd": "print", "requestID": message.get("requestID"),
                                "taskID": task.get("taskID"), "status": "failed",
                                "msg": f"打印机 {printer} 不存在" if documents else "没有文档"}))
            return
        ws.send(json.dumps({"cmd": "print", "requestID": message.get("requestID"),
                            "taskID": task.get("taskID"), "status": "success", "msg": ""}))
        if self.mode == "silent":
            return
        statuses = []
        for doc in documents:
            content = (doc.get("contents") or [{}])[0]
            if self.mode == "paper_out":
                statuses.append({"documentID": doc.get("documentID"), "status": "failed",
                                 "msg": "打印机缺纸"})
                continue
            self.printed.append({"printer": printer, "documentID": doc.get("documentID"),
                                 "templateURL": content.get("templateURL"),
                                 "data": _decoded(content.get("data"))})
            statuses.append({"documentID": doc.get("documentID"), "status": "success",
                             "msg": ""})
        ws.send(json.dumps({"cmd": "notifyPrintResult", "printer": printer,
                            "taskID": task.get("taskID"),
                            "taskStatus": "failed" if self.mode == "paper_out" else "printed",
                            "printStatus": statuses}, ensure_ascii=False))


def _decoded(data: Any) -> Any:
    """The fake gateway's print data is base64 JSON; anything else is kept as it came."""
    if isinstance(data, str):
        try:
            return json.loads(base64.b64decode(data, validate=True))
        except ValueError:
            return data
    return data
