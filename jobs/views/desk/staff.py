"""Desk pages: staff accounts (issue 5 item 1), for district staff only (centre staff and
others 403, anonymous visitors to the login page).

* ``desk:staff_list`` ``/desk/staff/`` — staff by centre, active or not (``?centre=&state=``).
* ``desk:staff_create`` ``/desk/staff/new/`` — a new staff account (name, email, optional
  mobile, centre, role); the person gets an email with a link to set the password, or, with
  an account already, the membership is added to it.
* ``desk:staff_edit`` ``/desk/staff/<membership pk>/`` — change centre and role, stop or
  restore the staff rights, send the set-password link again.

The rules are in ``accounts.services.staff_accounts``. These pages show staff, not
residents: they write no access-log rows."""

import logging
import smtplib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.identifiers import mask_mobile
from accounts.models import StaffMembership
from accounts.services.staff_accounts import (
    CREATED_ACCOUNT,
    StaffAlreadyMember,
    staff_account_create,
    staff_membership_set_active,
    staff_membership_update,
    staff_needs_password,
    staff_password_link_send,
)

from ...forms.desk_staff import STAFF_STATES, StaffAccountForm, StaffFilterForm, StaffMembershipForm
from ..public import get_page, page_window
from .base import DistrictDeskMixin

logger = logging.getLogger(__name__)

#: Staff shown per page of the list.
STAFF_PAGE_SIZE = 50
_MAIL_ERRORS = (smtplib.SMTPException, OSError)


def _mail_failed_message(*, account_created: bool = False) -> str:
    """The warning when the password-setting email could not be sent, one whole sentence
    to translate: after creating an account (``account_created``) or on sending again."""
    if account_created:
        return _(
            "직원 계정을 만들었지만 메일을 보내지 못했습니다. "
            "잠시 뒤 직원 정보 화면에서 '비밀번호 설정 메일 다시 보내기'를 눌러 주세요."
        )
    return _("메일을 보내지 못했습니다. 잠시 뒤 직원 정보 화면에서 '비밀번호 설정 메일 다시 보내기'를 눌러 주세요.")


class StaffListView(DistrictDeskMixin, TemplateView):
    """``/desk/staff/``: memberships (name, email, masked mobile, centre, role, state, whether
    the password is still to be set), filtered by centre and state, 50 a page. Context:
    ``rows``, ``page_obj``, ``page_notice``, ``filter_form``, ``filters``, and for
    ``jobs/desk/_pagination.html`` ``page_numbers`` and ``querystring``."""

    template_name = "jobs/desk/staff_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_form = StaffFilterForm(self.request.GET or None)
        filters = filter_form.filters()
        rows = StaffMembership.objects.select_related("user", "centre").order_by(
            "centre__kind", "centre__name", "user__name", "id"
        )
        if filters["centre"] is not None:
            rows = rows.filter(centre=filters["centre"])
        active = STAFF_STATES[filters["state"]][1]
        if active is not None:
            rows = rows.filter(is_active=active)
        page, notice = get_page(Paginator(rows, STAFF_PAGE_SIZE), self.request.GET.get("page"))
        for row in page.object_list:
            row.masked_phone = mask_mobile(row.user.phone) if row.user.phone else ""
            row.needs_password = staff_needs_password(row.user)
        query = {"state": filters["state"]}
        if filters["centre"] is not None:
            query["centre"] = filters["centre"].pk
        ctx.update(
            rows=page.object_list,
            page_obj=page,
            page_notice=notice,
            filter_form=filter_form,
            filters=filters,
            querystring=urlencode(query),
            page_numbers=page_window(page) if page.paginator.num_pages > 1 else [],
        )
        return ctx


class StaffCreateView(DistrictDeskMixin, FormView):
    """``/desk/staff/new/``: make a staff account; back to the list with what happened. An
    address that is already staff (invited or working) is refused with a link to that
    person's edit page (context ``existing_membership``), where the set-password link can be
    sent again."""

    template_name = "jobs/desk/staff_form.html"
    form_class = StaffAccountForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            membership, what = staff_account_create(
                by=self.request.user,
                name=data["name"],
                email=data["email"],
                phone=data.get("phone", ""),
                centre=data["centre"],
                role=data["role"],
                base_url=self.request.build_absolute_uri("/"),
            )
        except StaffAlreadyMember as exc:
            form.add_service_errors(exc)
            return self.render_to_response(self.get_context_data(form=form, existing_membership=exc.membership))
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        except _MAIL_ERRORS:
            logger.exception("staff account email not sent")
            messages.warning(self.request, _mail_failed_message(account_created=True))
            return redirect("desk:staff_list")
        if what == CREATED_ACCOUNT:
            text = _("%(name)s 님의 직원 계정(%(centre)s)을 만들고 %(email)s 주소로 비밀번호 설정 메일을 보냈습니다.")
        else:
            text = _(
                "%(email)s 주소로 가입한 기존 계정에 %(centre)s 직원 권한을 더하고 알림 메일을 보냈습니다. "
                "이름과 휴대전화번호는 그 계정의 것을 그대로 씁니다."
            )
        user = membership.user
        messages.success(
            self.request, text % {"name": user.name, "centre": membership.centre.name, "email": user.email}
        )
        return redirect("desk:staff_list")


class StaffEditView(DistrictDeskMixin, FormView):
    """``/desk/staff/<pk>/`` (a membership): change its centre and role (``action=save``),
    stop or restore the staff rights (``action=deactivate``/``activate``; asking for the
    state it already has says so and changes nothing) or send the set-password link again
    (``action=send_link``). Unknown ``pk``: 404."""

    template_name = "jobs/desk/staff_form.html"
    form_class = StaffMembershipForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_district_staff:
            self.membership = get_object_or_404(
                StaffMembership.objects.select_related("user", "centre"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"centre": self.membership.centre, "role": self.membership.role}

    def get_context_data(self, **kwargs):
        user = self.membership.user
        return super().get_context_data(
            membership=self.membership,
            member=user,
            masked_phone=mask_mobile(user.phone) if user.phone else "",
            needs_password=staff_needs_password(user),
            is_self=user.pk == self.request.user.pk,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        if action in ("deactivate", "activate"):
            return self._set_active(action == "activate")
        if action == "send_link":
            return self._send_link()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            staff_membership_update(
                membership=self.membership,
                by=self.request.user,
                centre=form.cleaned_data["centre"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s 님의 소속과 직무를 저장했습니다.") % {"name": self.membership.user})
        return redirect("desk:staff_list")

    def _set_active(self, active: bool):
        try:
            _membership, changed = staff_membership_set_active(
                membership=self.membership, by=self.request.user, active=active
            )
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect("desk:staff_edit", pk=self.membership.pk)
        name = {"name": self.membership.user}
        if not changed:
            if active:
                text = _("%(name)s 님의 직원 권한은 이미 켜져 있습니다. 바뀐 것은 없습니다.")
            else:
                text = _("%(name)s 님의 직원 권한은 이미 멈춰 있습니다. 바뀐 것은 없습니다.")
            messages.info(self.request, text % name)
        elif active:
            messages.success(self.request, _("%(name)s 님의 직원 권한을 다시 켰습니다.") % name)
        else:
            messages.success(
                self.request, _("%(name)s 님의 직원 권한을 멈췄습니다. 이제 센터 업무 화면을 쓸 수 없습니다.") % name
            )
        return redirect("desk:staff_edit", pk=self.membership.pk)

    def _send_link(self):
        try:
            staff_password_link_send(
                membership=self.membership, by=self.request.user, base_url=self.request.build_absolute_uri("/")
            )
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
        except _MAIL_ERRORS:
            logger.exception("staff password link not sent")
            messages.warning(self.request, _mail_failed_message())
        else:
            messages.success(
                self.request,
                _("%(email)s 주소로 비밀번호 설정 메일을 다시 보냈습니다.") % {"email": self.membership.user.email},
            )
        return redirect("desk:staff_edit", pk=self.membership.pk)


urlpatterns = [
    path("staff/", StaffListView.as_view(), name="staff_list"),
    path("staff/new/", StaffCreateView.as_view(), name="staff_create"),
    path("staff/<int:pk>/", StaffEditView.as_view(), name="staff_edit"),
]
