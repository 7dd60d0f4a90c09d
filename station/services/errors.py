"""Typed failures of the use cases. ``message`` is a translated sentence for people."""

from __future__ import annotations

from typing import Any

from station.i18n import _


class ServiceError(Exception):
    code = "service_error"

    def __init__(self, text: str, /, **params: Any) -> None:
        self.text = text
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(self.text).format(**self.params)


class NotLoggedIn(ServiceError):
    code = "not_logged_in"


class LoginFailed(ServiceError):
    code = "login_failed"


class PermissionDenied(ServiceError):
    code = "permission_denied"


class NoOpenSession(ServiceError):
    code = "no_open_session"


class InvalidInput(ServiceError):
    code = "invalid_input"


class StoreUnavailable(ServiceError):
    """The database refused the write (locked, read-only, damaged). Nothing was recorded and
    the session is as it was before the action: the packer can repeat it."""

    code = "store_unavailable"


class ReferenceDataMissing(ServiceError):
    """An order or product the bench needs is not in the station's reference data."""

    code = "reference_data_missing"
