"""Schemathesis against the checked-in OpenAPI document and a real server (SQLite, PostgreSQL):
no server errors, every answer matches the schema (ApiError bodies included), schema-invalid
requests are refused. (Schema-valid requests may still be refused by business rules —
unknown carrier service, path key differing from the body — so positive acceptance is
not asserted.)

The auth checks (missing/ignored auth) are left out: the test supplies the right token itself;
``test_tokens_and_roles`` covers authentication."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from central.testkit import postgres_url, seeded_central

OPENAPI = Path(__file__).parents[3] / "resources" / "api" / "openapi.yaml"
schema = schemathesis.openapi.from_path(str(OPENAPI))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def live(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('st') / 'central.sqlite3'}"
    else:
        url = postgres_url()
    server = seeded_central(url)
    yield server
    server.stop()


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi_document(case, live):
    token = live.admin_token if case.path.startswith("/v1/admin") else live.station_token
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    case.call_and_validate(
        base_url=live.url,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                response_schema_conformance, response_headers_conformance,
                negative_data_rejection],
    )
