from django.http import HttpResponse
from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Never a stack trace. When the database is out of reach (dropped connection, a
    restart), say so and ask to try again: the service's transaction was rolled back,
    so nothing was half saved."""
    import logging
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logging.getLogger("samen.errors").error("database unreachable: %s", error)
        page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
