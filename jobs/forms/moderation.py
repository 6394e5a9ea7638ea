"""Forms of the moderation pages (district staff): a decision without input (approve a posting
or a revision, verify an employer) and a rejection, which needs a reason.

The forms only carry the input; the rules live in the services they feed
(``jobs.services.lifecycle``, ``employers.services``). :func:`add_service_errors` puts a
service's ``ValidationError`` on a form so the page can show it next to the decision.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from namdong_jobs.text import TidyTextFormMixin


class DecisionForm(forms.Form):
    """A decision (승인, 기업 확인): ``seen``, the fingerprint of what the review page showed
    (``jobs.services.revisions.content_fingerprint``), so a posting changed since is not
    approved unseen; ``flags_checked``, ticked when the reviewer has read the hiring-law
    flags; after a refused decision, the service's reasons as non-field errors."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    flags_checked = forms.BooleanField(
        label=_("법령 검토 표시를 모두 읽고 확인했습니다"),
        required=False,
    )


class RejectForm(TidyTextFormMixin, forms.Form):
    """A rejection (반려): the reason is required and is shown to the employer."""

    #: The reason is marked "(필수)" (templates/forms/_field.html).
    mark_required = True

    reason = forms.CharField(
        label=_("반려 사유"),
        help_text=_("기업 담당자에게 그대로 보입니다. 무엇을 어떻게 고치면 되는지 적어 주세요."),
        widget=forms.Textarea(attrs={"rows": 5, "lang": "ko"}),
        max_length=2000,
        error_messages={
            "required": _("반려 사유를 적어 주세요."),
            "max_length": _("반려 사유는 %(limit_value)d자 이내로 적어 주세요."),
        },
    )


def add_service_errors(form: forms.Form, exc: ValidationError, *, model: type[models.Model] | None = None) -> None:
    """Add the messages of a service's ``ValidationError`` to ``form``: a message keyed by a
    field of the form goes to that field; any other message becomes a non-field error, prefixed
    with the verbose name of ``model``'s field when it is keyed by one (e.g. ``"임금형태: …"``)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        if key in form.fields:
            form.add_error(key, errors)
            continue
        label = _field_label(model, key)
        for message in errors:
            form.add_error(None, f"{label}: {message}" if label else message)


def _field_label(model, name: str) -> str:
    if model is None or name == NON_FIELD_ERRORS:
        return ""
    try:
        return gettext(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:  # an unknown key is shown without a label
        return ""
