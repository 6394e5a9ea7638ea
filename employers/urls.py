"""URLs of the employers pages."""

from django.urls import path

from . import views

app_name = "employers"

urlpatterns = [
    path("", views.EmployerListView.as_view(), name="index"),
    path("signup/", views.EmployerSignupView.as_view(), name="signup"),
    path("signup/done/", views.EmployerSignupDoneView.as_view(), name="signup_done"),
    path("register/", views.EmployerRegisterView.as_view(), name="register"),
    path("<int:pk>/", views.EmployerDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.EmployerEditView.as_view(), name="edit"),
    path("<int:pk>/members/", views.EmployerMembersView.as_view(), name="members"),
    path("<int:pk>/leave/", views.EmployerLeaveView.as_view(), name="leave"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.EmployerMemberRemoveView.as_view(), name="member_remove"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/cancel/",
        views.EmployerInvitationCancelView.as_view(),
        name="invitation_cancel",
    ),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
