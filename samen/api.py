"""Samen's HTTP API (django-ninja: OpenAPI 3 generated from the types). Each module adds
its router here. The interactive docs page is off: it loads scripts from a CDN, which the
content security policy forbids; the OpenAPI document is at /api/v1/openapi.json."""

from ninja import NinjaAPI

from samen.food.api import router as food_router
from samen.reports.api import router as open_data_router

api = NinjaAPI(title="Samen", version="1", urls_namespace="api", docs_url=None)
api.add_router("/voeding/", food_router)
api.add_router("/open-data/", open_data_router)
