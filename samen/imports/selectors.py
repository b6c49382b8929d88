from django.db.models import QuerySet

from samen.access import policy
from samen.imports.framework import REGISTRY, ImportKind
from samen.imports.models import ImportBatch


def kinds_for(user) -> list[ImportKind]:
    return [k for _name, k in sorted(REGISTRY.items()) if policy.has_role(user, k.allowed_roles)]


def batches_of(user, limit: int | None = 30) -> QuerySet[ImportBatch]:
    """The imports this user made (the undo list)."""
    batches = ImportBatch.objects.filter(imported_by=user).order_by("-imported_at")
    return batches[:limit] if limit else batches
