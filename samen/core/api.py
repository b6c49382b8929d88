"""What every API answer that is not a success looks like: {"detail": "..."} for our own
refusals, {"detail": [{"loc": ..., "msg": ...}]} when a request does not match the
schema (django-ninja's validation). Documented on every operation."""

from ninja import Schema


class Problem(Schema):
    detail: str | list[dict]
