from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One access to person data. Ids and actions only, never names or contents, so
    anonymising a person never rewrites the trail. Hash-chained: see access/audit.py."""

    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    user_id = models.BigIntegerField(null=True, db_index=True)
    role = models.CharField(max_length=30, blank=True)
    unit = models.CharField(max_length=40, blank=True)  # "organisation:12" or "team:3"
    action = models.CharField(max_length=30)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True)
    person_id = models.BigIntegerField(null=True, db_index=True)
    purpose = models.CharField(max_length=60, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # ids only
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]


class AuditHead(models.Model):
    """One row: the chain's head. Locking it serialises appends on PostgreSQL."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)


class BreakGlass(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="break_glasses"
    )
    reason = models.TextField(_("reden"))
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("beoordeling"), blank=True)
    justified = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
