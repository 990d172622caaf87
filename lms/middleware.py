from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    """The language the person picked with the language switcher, else the site's own.

    Only Django's language cookie (written by the `set_language` view) counts: a
    phone set to English still gets Indonesian until its owner asks for English.
    """
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def restore_language_on_login(sender, request, user, **kwargs):
    """On a device without the language cookie, give back the language the person chose before.

    The switcher saves a logged-in person's choice on the account (User.language); the
    cookie is written on the response by ChosenLanguageMiddleware. A cookie already there
    is this device's own choice and stays.
    """
    language = getattr(user, "language", settings.LANGUAGE_CODE)
    cookie_missing = request is not None and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
    if cookie_missing and language != settings.LANGUAGE_CODE:
        request.language_to_remember = language


class ChosenLanguageMiddleware:
    """Activate `chosen_language()` for each request, in place of Django's LocaleMiddleware,
    which would follow the browser's Accept-Language header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if language := getattr(request, "language_to_remember", None):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        patch_vary_headers(response, ("Cookie",))
        return response
