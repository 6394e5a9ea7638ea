"""Korean-first language selection."""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class KoreanFirstLocaleMiddleware(MiddlewareMixin):
    """Serve Korean unless the visitor chose another language with the language switch
    (Django's ``set_language`` view, which sets the ``LANGUAGE_COOKIE_NAME`` cookie).

    Unlike ``django.middleware.locale.LocaleMiddleware`` it ignores the browser's
    ``Accept-Language`` header: a public Korean portal opened in an English-language browser
    still shows Korean first, with English one click away.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class FriendlyMethodNotAllowedMiddleware:
    """Give an empty ``405 Method Not Allowed`` (Django's answer when a POST-only action such
    as "마감하기" is opened by address or a bookmark) a Korean page that says what to do, keeping
    the status and the ``Allow`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method in ("GET", "POST"):
            from django.template.loader import render_to_string

            response.content = render_to_string("405.html", request=request)
            response.headers["Content-Type"] = "text/html; charset=utf-8"
        return response
