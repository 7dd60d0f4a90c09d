"""``POST /v1/enroll``: a new station trades its one-time code for its API token.

No bearer token: the code is the credential. Unknown, used and expired codes get one and the
same 401, so the answer tells a guesser nothing.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection

from central.deps import engine_of, run_in_tx
from central.enrolment import redeem_enrolment_code
from central.strict import StrictBodyRoute

router = APIRouter(prefix="/v1", tags=["enrolment"], route_class=StrictBodyRoute)


class EnrolmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=4, max_length=40, description="the one-time enrolment code")


class Enrolment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    station_id: str
    warehouse: str
    token: str = Field(description="the station's API token, shown this once")


@router.post("/enroll", response_model=Enrolment)
def post_enroll(request: Request, body: EnrolmentRequest) -> Enrolment:
    """Use the code once and answer the station's new API token."""

    def work(conn: Connection) -> Enrolment:
        station, warehouse, token = redeem_enrolment_code(conn, body.code)
        return Enrolment(station_id=station, warehouse=warehouse, token=token)

    return run_in_tx(engine_of(request), work)
