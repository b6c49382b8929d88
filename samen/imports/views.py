"""Import pages: upload → check (every bad row shown, nothing written) → confirm → undo."""

import os
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import rules
from samen.access.decorators import role_required
from samen.core.forms import perform
from samen.imports import forms, framework, selectors

IMPORTERS = rules.IMPORT_PERSONS | rules.IMPORT_REFERENCE_DATA
SALT = "samen.import-upload"
KEEP_SECONDS = 3600


def _upload_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for old in folder.iterdir():  # uploads hold person data: never kept beyond an hour
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    return folder


def _store(upload) -> Path:
    suffix = Path(upload.name).suffix.lower()
    path = _upload_dir() / f"{os.urandom(12).hex()}{suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


def _stored(request: HttpRequest, token: str) -> tuple[dict, Path]:
    try:
        data = signing.loads(token, salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    path = _upload_dir() / data["file"]
    if data["user"] != request.user.pk or not path.exists():
        raise PermissionDenied
    return data, path


@require_http_methods(["GET", "POST"])
@role_required(IMPORTERS)
def import_upload(request: HttpRequest) -> HttpResponse:
    kinds = selectors.kinds_for(request.user)
    form = forms.UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    result, token = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        path = _store(data["file"])
        try:
            result = framework.run(
                data["kind"],
                path,
                actor=request.user,
                source=data["source"],
                dry_run=True,
                filename=data["file"].name,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        if result is not None and result.ok:
            token = signing.dumps(
                {
                    "file": path.name,
                    "kind": data["kind"],
                    "source": data["source"],
                    "user": request.user.pk,
                    "name": data["file"].name,
                },
                salt=SALT,
            )
        else:
            path.unlink(missing_ok=True)
    return render(request, "imports/upload.html", {
        "form": form, "result": result, "token": token, "kinds": kinds,
        "batches": selectors.batches_of(request.user),
    })  # fmt: skip


@require_POST
@role_required(IMPORTERS)
def import_confirm(request: HttpRequest) -> HttpResponse:
    form = forms.ConfirmForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    data, path = _stored(request, form.cleaned_data["token"])
    try:
        result = framework.run(
            data["kind"], path, actor=request.user, source=data["source"], filename=data["name"]
        )
    finally:
        path.unlink(missing_ok=True)
    if result.ok:
        messages.success(
            request,
            _("Import %(id)s: %(rows)s rijen geïmporteerd.")
            % {"id": result.batch.pk, "rows": result.rows},
        )
    else:  # the data changed between the check and the confirmation
        messages.error(request, _("Niets geïmporteerd: ") + "; ".join(map(str, result.errors)))
    return redirect("import_upload")


@require_POST
@role_required(IMPORTERS)
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    if not selectors.batches_of(request.user, limit=None).filter(pk=pk).exists():
        raise PermissionDenied
    perform(
        request,
        lambda: framework.undo(pk, actor=request.user),
        _("Import %(id)s ongedaan gemaakt.") % {"id": pk},
    )
    return redirect("import_upload")


@require_GET
@role_required(IMPORTERS)
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in {k.name for k in selectors.kinds_for(request.user)}:
        raise PermissionDenied
    path = _upload_dir() / f"sjabloon-{os.urandom(6).hex()}.xlsx"
    framework.write_template(kind, path)
    content = path.read_bytes()
    path.unlink()
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="samen-{kind}.xlsx"'
    return response
