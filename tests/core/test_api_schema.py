"""schemathesis against the HTTP API's own OpenAPI document: generated requests (valid
and invalid) never cause a server error and every answer matches the schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from samen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection():
    """The WSGI app is called directly, not through Django's test client: keep its
    request signals from closing the test's database connection (as the client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=75, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_holds_to_its_schema(case, db, world, keep_test_connection):
    case.call_and_validate()
