"""What the decision views share: a review page's two decision forms, and a decision posted
from it (approve, reject, verify) that calls its service and shows the result."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from ...forms.moderation import DecisionForm, RejectForm, add_service_errors
from ...models import JobPosting


def decision_forms(kwargs: dict, approve_name: str = "approve_form") -> dict:
    """The decision forms of a review page's context: the approving one (``approve_name``) and
    ``reject_form``, each the refused form passed in ``kwargs`` or a new one, and
    ``error_form``, the one whose errors the page summarises at the top (``None`` if neither)."""
    approve_form = kwargs.get(approve_name) or DecisionForm()
    reject_form = kwargs.get("reject_form") or RejectForm()
    return {
        approve_name: approve_form,
        "reject_form": reject_form,
        "error_form": next((f for f in (approve_form, reject_form) if f.is_bound and f.errors), None),
    }


class DecisionMixin:
    """A decision posted from a review page (put it before the review view among the bases).

    ``form_class`` is read from the POST; when it is valid, :meth:`decide` calls the service.
    A recorded decision redirects to the queue with the confirmation :meth:`decide` returns. A
    refused one (the service's ``ValidationError``, or an invalid form) changes nothing and
    shows the review page again, with the reasons on the form passed as ``form_name``; the
    service's messages keyed by a field of ``error_model`` are prefixed with its label."""

    http_method_names = ["post"]
    form_class = DecisionForm
    form_name = "approve_form"
    error_model = JobPosting

    def decide(self, form) -> str:
        """Make the decision through its service (which raises ``ValidationError`` when it
        refuses) and return the confirmation shown on the queue."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                message = self.decide(form)
            except ValidationError as exc:
                add_service_errors(form, exc, model=self.error_model)
            else:
                messages.success(request, message)
                return redirect("moderation:queue")
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))
