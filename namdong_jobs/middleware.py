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
