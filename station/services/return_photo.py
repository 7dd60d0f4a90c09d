"""A photo of a returned parcel by the bench camera (``CMD:PHOTO`` during a return): kept
beside the order's pack videos as a PNG with the overlay burnt in, its hash sealed in the
audit chain like a clip's, so a dispute about what came back has a picture that cannot be
swapped later."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Protocol

from station.domain.returns import Return
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop
from station.store.outbox import audit
from station.store.uow import StationStore

PHOTO_WAIT_S = 8.0  # a picture needs the next frame; the camera's first start takes longer


class ReturnCamera(Protocol):
    """The bench camera (``station.evidence.recorder.EvidenceRecorder``)."""

    def photo(self, order_id: str, operator: str, note: str) -> Future[Any]: ...


def take_photo(store: StationStore, camera: ReturnCamera | None, ret: Return,
               badge: str) -> Verdict:
    """Photograph what is on the bench for the open return ``ret``."""
    if camera is None:
        return needs_action("no_camera", "No camera is set up at this bench: describe the "
                            "damage in the return's reason.", Sound.ERROR)
    future = camera.photo(ret.order_id, badge, f"return {ret.return_id[:8]}")
    try:
        photo = future.result(PHOTO_WAIT_S)
    except FutureTimeout:
        return needs_action("photo_pending", "The camera is slow: the photo is still being "
                            "taken; it will be kept with order {order}'s videos.",
                            order=ret.order_id)
    if photo is None or photo.status != "finished":
        return stop("photo_failed", "No photo was taken: check the camera (Devices), then "
                    "scan PHOTO again.", Sound.ERROR)
    store.run(lambda conn: audit(conn, "return_photo", badge, ret.order_id,
                                 return_id=ret.return_id, clip_id=photo.clip_id,
                                 sha256=photo.sha256))
    return ok("return_photo", "Photo taken: kept with order {order}'s videos.",
              order=ret.order_id)
