"""Pages of employer members: sign-up, business registration, their employers' pages,
members and invitations.

Owner-scoped pages look the employer up in ``Employer.objects.with_member(request.user)``,
so another employer's page is a 404; anonymous visitors go to the login page; a member who
is not an owner gets 403 where only owners may act.
"""

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts import ratelimit
from accounts import services as account_services
from accounts.views import remember_signup, safe_next_url
from accounts.views.auth import too_many_requests

from . import services
from .forms import EmployerForm, EmployerSignupForm, MemberInviteForm
from .models import Employer, EmployerInvitation, EmployerMember

logger = logging.getLogger(__name__)

SIGNUP_EMAIL_SESSION_KEY = "employers:signup_email"


class EmployerSignupView(FormView):
    """``/employers/signup/``: create an employer member's account (unverified) and email
    the verification link, which leads to ``next`` or to the business registration page."""

    template_name = "employers/signup.html"
    form_class = EmployerSignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, gettext("이미 로그인되어 있습니다."))
            return redirect("employers:index")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"next": safe_next_url(self.request, self.request.GET.get("next"))}

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_SIGNUP):  # shared with seeker sign-up
            return too_many_requests(self, form)
        data = form.cleaned_data
        try:
            user = account_services.account_create(
                email=data["email"], password=data["password1"], name=data["name"], phone=data["phone"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        next_url = safe_next_url(self.request, data.get("next") or self.request.GET.get("next")) or reverse(
            "employers:register"
        )
        try:
            account_services.email_verification_send(
                user=user, base_url=self.request.build_absolute_uri("/"), next_url=next_url
            )
        except (smtplib.SMTPException, OSError):
            logger.exception("verification email for account %s not sent", user.pk)
            messages.warning(
                self.request,
                gettext("확인 메일을 보내지 못했습니다. 잠시 뒤 '확인 메일 다시 받기'에서 다시 받아 주세요."),
            )
        self.request.session[SIGNUP_EMAIL_SESSION_KEY] = user.email
        remember_signup(self.request, user)
        return redirect("employers:signup_done")


class EmployerSignupDoneView(TemplateView):
    """``/employers/signup/done/``: tells the new member to open the link in the email."""

    template_name = "employers/signup_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            email=self.request.session.get(SIGNUP_EMAIL_SESSION_KEY, ""),
            days=account_services.VERIFY_EMAIL_MAX_AGE.days,
            **kwargs,
        )


class EmployerListView(LoginRequiredMixin, ListView):
    """``/employers/``: the employers the signed-in user is a member of, with their
    verification status and the user's role (``my_role``)."""

    template_name = "employers/index.html"
    context_object_name = "employers"

    def get_queryset(self):
        role = EmployerMember.objects.filter(employer=OuterRef("pk"), user=self.request.user).values("role")[:1]
        return Employer.objects.with_member(self.request.user).annotate(my_role=Subquery(role)).order_by("name")


class EmployerRegisterView(LoginRequiredMixin, FormView):
    """``/employers/register/``: register a business; the user becomes its owner and the
    employer waits for district staff to verify it."""

    template_name = "employers/register.html"
    form_class = EmployerForm

    def form_valid(self, form):
        try:
            employer = services.employer_register(
                user=self.request.user, certifications=form.certifications(), **form.employer_fields()
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "기업을 등록했습니다. 구청 일자리센터 직원이 사업자 정보를 확인합니다. 확인이 끝날 때까지 "
                "채용공고를 작성해 임시 저장할 수는 있지만 게시할 수는 없습니다."
            ),
        )
        return redirect("employers:detail", pk=employer.pk)


class EmployerMemberMixin(AccessMixin):
    """For pages of one employer (URL kwarg ``pk``) that only its members may open.

    Sets ``self.employer`` (from ``Employer.objects.with_member(user)``: 404 for others),
    ``self.role`` and ``self.is_owner``. With ``owner_required`` every request needs an
    owner (403 otherwise)."""

    owner_required = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        queryset = Employer.objects.with_member(request.user).select_related("dong")
        self.employer = get_object_or_404(queryset, pk=kwargs["pk"])
        self.role = services.member_role(employer=self.employer, user=request.user)
        self.is_owner = self.role == EmployerMember.Role.OWNER
        if self.owner_required and not self.is_owner:
            raise PermissionDenied(gettext("기업의 대표 담당자만 할 수 있습니다."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(employer=self.employer, role=self.role, is_owner=self.is_owner, **kwargs)


class EmployerDetailView(EmployerMemberMixin, TemplateView):
    """``/employers/<pk>/``: profile, verification status, company types and members."""

    template_name = "employers/detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            certifications=self.employer.certifications.order_by("type", "id"),
            members=self.employer.memberships.select_related("user").order_by("-role", "created_at"),
            **kwargs,
        )


class EmployerEditView(EmployerMemberMixin, FormView):
    """``/employers/<pk>/edit/``: owners edit the profile and company types. The brn, name
    and representative are read-only once verified, and a new company-type claim sends a
    verified employer back to verification; saving a rejected employer applies for
    verification again (``employers.services.employer_update``)."""

    template_name = "employers/edit.html"
    form_class = EmployerForm
    owner_required = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["employer"] = self.employer
        kwargs["identity_locked"] = self.employer.verification_status == Employer.Verification.VERIFIED
        return kwargs

    def get_initial(self):
        return EmployerForm.initial_from(self.employer)

    def form_valid(self, form):
        was = self.employer.verification_status
        try:
            updated = services.employer_update(
                employer=self.employer,
                user=self.request.user,
                certifications=form.certifications(),
                **form.employer_fields(),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        if was == Employer.Verification.REJECTED:
            messages.success(
                self.request,
                gettext("고친 내용으로 다시 확인을 신청했습니다. 구청 일자리센터 직원이 다시 확인합니다."),
            )
        elif was == Employer.Verification.VERIFIED and updated.verification_status == Employer.Verification.PENDING:
            messages.warning(
                self.request,
                gettext(
                    "기업 정보를 저장했습니다. 기업 구분(인증·지정)이 바뀌어 구청 일자리센터 직원이 바뀐 내용을 "
                    "다시 확인합니다. 확인이 끝날 때까지 새 채용공고는 게시되지 않고 기다립니다. 이미 게시된 "
                    "공고는 그대로 게시됩니다."
                ),
            )
        else:
            messages.success(self.request, gettext("기업 정보를 저장했습니다."))
        return redirect("employers:detail", pk=self.employer.pk)


class EmployerMembersView(EmployerMemberMixin, FormView):
    """``/employers/<pk>/members/``: every member sees the members (who have all accepted) and
    may leave; owners also see the open invitations (by email address only), cancel them and
    invite someone by email address (POST by others: 403). The owner is told the same thing
    whatever the address, and nobody becomes a member before accepting the invitation."""

    template_name = "employers/members.html"
    form_class = MemberInviteForm

    def post(self, request, *args, **kwargs):
        if not self.is_owner:
            raise PermissionDenied(gettext("기업의 대표 담당자만 담당자를 초대할 수 있습니다."))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        members = list(self.employer.memberships.select_related("user").order_by("-role", "created_at"))
        owners = [m for m in members if m.role == EmployerMember.Role.OWNER]
        # the last owner cannot be removed, so it gets no remove button
        sole_owner_pk = owners[0].pk if len(owners) == 1 else None
        my_membership = next((m for m in members if m.user_id == self.request.user.pk), None)
        invitations = self.employer.invitations.open().order_by("created_at") if self.is_owner else []
        return super().get_context_data(
            members=members,
            invitations=invitations,
            invite_days=services.INVITE_MAX_AGE.days,
            sole_owner_pk=sole_owner_pk,
            can_leave=my_membership is not None and my_membership.pk != sole_owner_pk,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            invitation = services.member_invite(
                employer=self.employer,
                by=self.request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=self.request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        except (smtplib.SMTPException, OSError):
            logger.exception("invitation email for employer %s not sent", self.employer.pk)
            messages.warning(
                self.request,
                gettext("초대 메일을 보내지 못했습니다. 잠시 뒤 같은 주소로 다시 초대해 주세요."),
            )
            return redirect("employers:members", pk=self.employer.pk)
        logger.info("invitation %s sent for employer %s", invitation.pk, self.employer.pk)
        messages.success(self.request, services.invitation_sent_message())
        return redirect("employers:members", pk=self.employer.pk)


class EmployerInvitationCancelView(EmployerMemberMixin, View):
    """``POST /employers/<pk>/invitations/<invitation_pk>/cancel/``: an owner cancels an open
    invitation of this employer (its link stops working)."""

    http_method_names = ["post", "options"]
    owner_required = True

    def post(self, request, pk: int, invitation_pk: int):
        invitation = get_object_or_404(EmployerInvitation, pk=invitation_pk, employer=self.employer)
        try:
            services.invitation_cancel(invitation=invitation, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, gettext("%(email)s 초대를 취소했습니다.") % {"email": invitation.email})
        return redirect("employers:members", pk=self.employer.pk)


class InvitationAcceptView(LoginRequiredMixin, View):
    """``/employers/invitations/<token>/``: the link in an invitation email. Signed-in users
    only (others go to the login page and come back). GET shows the employer and an accept
    button; POST accepts (``employers.services.invitation_accept``) and leads to the
    employer's page. A link that is tampered with, expired, used, cancelled or opened with
    another account than the invited address shows ``employers/invitation_invalid.html``
    with status 400."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, token: str):
        try:
            invitation = services.invitation_from_token(token)
            services.invitation_check_user(invitation, request.user)
        except ValidationError as exc:
            return self._invalid(request, exc)
        context = {"invitation": invitation, "employer": invitation.employer}
        return render(request, "employers/invitation_accept.html", context)

    def post(self, request, token: str):
        try:
            member = services.invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            return self._invalid(request, exc)
        messages.success(
            request,
            gettext("%(employer)s의 %(role)s가 되었습니다.")
            % {"employer": member.employer.name, "role": gettext(member.get_role_display())},
        )
        return redirect("employers:detail", pk=member.employer_id)

    def _invalid(self, request, error: ValidationError):
        context = {
            "errors": error.messages,
            "wrong_account": getattr(error, "code", None) == "wrong_account",
        }
        return render(request, "employers/invitation_invalid.html", context, status=400)


class EmployerMemberRemoveView(EmployerMemberMixin, View):
    """``POST /employers/<pk>/members/<member_pk>/remove/``: an owner removes a member (not
    the last owner). Removing oneself leads back to ``/employers/``."""

    http_method_names = ["post", "options"]
    owner_required = True

    def post(self, request, pk: int, member_pk: int):
        member = get_object_or_404(EmployerMember.objects.select_related("user"), pk=member_pk, employer=self.employer)
        try:
            services.member_remove(employer=self.employer, by=request.user, member=member)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("employers:members", pk=self.employer.pk)
        messages.success(request, gettext("%(name)s 님을 담당자에서 뺐습니다.") % {"name": member.user})
        if member.user_id == request.user.pk:
            return redirect("employers:index")
        return redirect("employers:members", pk=self.employer.pk)


class EmployerLeaveView(EmployerMemberMixin, View):
    """``POST /employers/<pk>/leave/``: the signed-in member leaves the employer ("이 기업에서
    나가기"), unless they are its last owner; then back to ``/employers/``."""

    http_method_names = ["post", "options"]

    def post(self, request, pk: int):
        try:
            services.member_leave(employer=self.employer, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("employers:members", pk=self.employer.pk)
        messages.success(request, gettext("%(employer)s에서 나갔습니다.") % {"employer": self.employer.name})
        return redirect("employers:index")
