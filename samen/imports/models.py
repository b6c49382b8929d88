from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One imported file: who, when, what, its checksum; undoable as a whole."""

    kind = models.CharField(max_length=40)
    source = models.CharField(max_length=60, blank=True)
    filename = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-imported_at"]


class ImportedRecord(models.Model):
    """A row's effect: which object it created or changed (and what it was before)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    row = models.PositiveIntegerField()
    model = models.CharField(max_length=60)  # "registry.person"
    object_id = models.BigIntegerField()
    created = models.BooleanField()
    before = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
