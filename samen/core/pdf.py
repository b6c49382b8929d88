"""HTML to PDF with WeasyPrint. Static files (the print style sheet) are read from disk,
never fetched over HTTP from the server itself, and nothing else is fetched at all."""

from django.conf import settings
from django.contrib.staticfiles import finders

SCHEME = "samen-static:"


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFiles(URLFetcher):
        def fetch(self, url, headers=None):
            path = (
                finders.find(url.removeprefix(SCHEME).lstrip("/"))
                if url.startswith(SCHEME)
                else None
            )
            if not path:
                raise ValueError(f"niet opgehaald: {url}")
            with open(path, "rb") as handle:
                body = handle.read()
            kind = "text/css" if path.endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    return StaticFiles()


def render_pdf(html: str) -> bytes:
    import weasyprint

    html = html.replace(f'"{settings.STATIC_URL}', f'"{SCHEME}')
    return weasyprint.HTML(string=html, url_fetcher=_fetcher(), base_url=SCHEME).write_pdf()
