"""``station enroll URL CODE``: trade a one-time enrolment code for this station's API token.

IT creates the code on the central server (``station-central enrol-code create --station
ST-01``), reads it to the person at the bench or puts it in the deployment, and the station
stores the token it gets back in the OS keyring. The token is never printed or written to a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import requests

from station.i18n import _
from station.sync.token import TokenUnavailable, ensure_keyring, save_token


class EnrolmentError(Exception):
    """Enrolment failed; ``str()`` says why and what to do."""


@dataclass(frozen=True)
class Enrolled:
    station_id: str
    warehouse: str


def enroll(
    url: str, code: str, *, verify: bool | Path | str = True, timeout_s: float = 15.0,
    machine: bool = False, allow_http: bool = False,
) -> Enrolled:
    """Exchange ``code`` at the central server ``url``; keep the token in the keyring, or with
    ``machine`` for every OS user of this PC (:mod:`station.ops.machine`)."""
    from station.config import is_loopback

    if not url.startswith(("http://", "https://")):
        raise EnrolmentError(_("the central URL must start with https://"))
    if url.startswith("http://") and not allow_http and not is_loopback(url):
        raise EnrolmentError(_(
            "http:// would send the station's token in clear: use the https:// address, or "
            "--allow-http if the network is private"))
    # Before the code is spent: a used code cannot be exchanged again.
    if machine:
        _check_machine_folder()
    else:
        try:
            ensure_keyring()
        except TokenUnavailable as exc:
            raise EnrolmentError(str(exc)) from exc
    try:
        answer = requests.post(
            url.rstrip("/") + "/v1/enroll",
            json={"code": code},
            timeout=timeout_s,
            verify=str(verify) if isinstance(verify, Path) else verify,
        )
    except requests.RequestException as exc:
        raise EnrolmentError(
            _("the central server {url} cannot be reached: {error}").format(url=url, error=exc)
        ) from exc
    if answer.status_code != 200:
        try:
            message = str(answer.json().get("message") or answer.text)
        except ValueError:
            message = answer.text[:200]
        raise EnrolmentError(
            _("the central server refused the code ({status}): {message}").format(
                status=answer.status_code, message=message
            )
        )
    try:
        body = answer.json()
        station, warehouse, token = body["station_id"], body["warehouse"], body["token"]
    except (ValueError, KeyError, TypeError) as exc:
        raise EnrolmentError(
            _("the central server gave an answer that is not an enrolment")
        ) from exc
    try:
        if machine:
            from station.ops.machine import write_token

            try:
                write_token(station, token)
            except OSError as exc:
                raise TokenUnavailable(str(exc)) from exc
        else:
            save_token(station, token)
    except TokenUnavailable as exc:
        raise EnrolmentError(
            _("the code was used but the token could not be stored: {error}. Ask IT for a new "
              "code.").format(error=exc)
        ) from exc
    return Enrolled(station, warehouse)


def _check_machine_folder() -> None:
    """Whether this process may keep the machine's token (root / administrator, usually)."""
    import tempfile

    from station.ops.machine import token_dir

    folder = token_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            pass
    except OSError as exc:
        raise EnrolmentError(_(
            "the machine's settings folder {folder} is not writable ({error}): run "
            "'station enroll --machine' as root (sudo) or administrator"
        ).format(folder=folder, error=exc.strerror or exc)) from exc
