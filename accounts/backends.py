"""Authentication by email address or Korean mobile number."""

from django.contrib.auth.backends import ModelBackend

from .identifiers import is_email
from .models import User


class EmailOrPhoneBackend(ModelBackend):
    """Log in with an email address or a mobile number in any usual spelling.

    An identifier counts only once it is verified (DESIGN.md): an account whose email is
    unverified cannot log in with that email, even with the right password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        identifier = username or kwargs.get(User.USERNAME_FIELD)
        if not identifier or password is None:
            return None
        try:
            user = User.objects.get_by_natural_key(identifier)
        except User.DoesNotExist:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        verified = user.email_verified_at if is_email(identifier) else user.phone_verified_at
        if verified is None or user.erased_at is not None:
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
