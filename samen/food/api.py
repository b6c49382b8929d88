"""The sensors' API: a device posts its readings with its own token (OpenAPI at
/api/v1/openapi.json)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import HttpBearer

from samen.core.api import Problem
from samen.food import services

router = Router(tags=["koudeketen"])


class DeviceToken(HttpBearer):
    """Authorization: Bearer <the token given when the sensor was registered>."""

    def authenticate(self, request, token: str):
        return services.sensor_for_token(token)


class ReadingIn(Schema):
    celsius: Decimal = Field(..., ge=-40, le=60, description="Gemeten temperatuur in °C")
    at: dt.datetime | None = Field(None, description="Tijdstip van de meting (ISO 8601)")


class ReadingOut(Schema):
    id: int
    celsius: Decimal
    out_of_range: bool
    quarantined_lots: int


@router.post(
    "/temperaturen",
    auth=DeviceToken(),
    response={201: ReadingOut, 401: Problem, 422: Problem},
    url_name="api_temperature",
    summary="Een temperatuurmeting van een sensor",
)
def post_reading(request, data: ReadingIn):
    device = request.auth
    try:
        reading = services.reading_record(
            celsius=data.celsius,
            at=data.at,
            device=device,
            location=device.location,
            van=device.van,
        )
    except ValidationError as exc:
        return Status(422, {"detail": " ".join(exc.messages)})
    alert = getattr(reading, "alert", None)
    quarantined = alert.quarantined_lots if alert else 0
    return Status(
        201,
        {
            "id": reading.pk,
            "celsius": reading.celsius,
            "out_of_range": reading.out_of_range,
            "quarantined_lots": quarantined,
        },
    )
