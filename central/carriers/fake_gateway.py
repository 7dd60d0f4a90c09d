"""The loopback HTTP server under the carriers' form-posting fakes (SF, Cainiao, PDD): each
POST's form fields go to the fake's ``answer(fields) -> (status, JSON body, lose)``; with
``lose`` the request was handled but its answer is lost on the way back (the connection is
closed), as a network path can do after the carrier acted."""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs


class FormGateway(ABC):
    """Subclasses set ``path`` and implement :meth:`answer`."""

    path = "/"

    def __init__(self) -> None:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                fields = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(),
                                                       keep_blank_values=True).items()}
                status, body, lose = gateway.answer(fields)
                if lose:
                    self.close_connection = True
                    self.connection.close()
                    return
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @abstractmethod
    def answer(self, fields: dict[str, str]) -> tuple[int, dict[str, Any], bool]:
        """(HTTP status, JSON body, lose the answer) for one request's form fields."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.path}"

    def start(self) -> Self:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
