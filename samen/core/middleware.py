class DutchFirstMiddleware:
    """Dutch unless the user chose otherwise: a browser set to English does not switch the
    platform (a shared office tablet must not change language by itself). Runs before
    Django's LocaleMiddleware, which then sees only the user's own choice (the cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
