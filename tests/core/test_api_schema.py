"""schemathesis against the HTTP API's own OpenAPI document: generated requests (valid
and invalid) never cause a server error and every answer matches the schema."""

import schemathesis
from hypothesis import HealthCheck, settings

from samen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(max_examples=75, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_holds_to_its_schema(case, db, world):
    case.call_and_validate()
