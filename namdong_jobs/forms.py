"""Form helpers shared by every app."""

from django.core.exceptions import ValidationError


class ServiceErrorsMixin:
    """``add_service_errors(error)``: show a service's ``ValidationError`` on the form — each
    message next to the field its key names (``service_field_map`` renames service keys to
    form fields; a key mapped to ``None``, unknown, or naming a disabled field goes to the
    top), and an error without keys at the top. Services raise errors keyed by their own
    argument names; forms show them where the person typed."""

    service_field_map: dict[str, str | None] = {}

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            field = self.service_field_map.get(key, key)
            usable = field in self.fields and not self.fields[field].disabled
            self.add_error(field if usable else None, errors)
