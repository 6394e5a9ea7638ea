"""Models of the accounts app, by meaning: ``people`` (accounts, staff, seeker profiles and
career entries), ``consents``, ``codes`` (one-time codes) and ``messages`` (the outbound
message layer)."""

from .access import AccessAction, AccessLogEntry  # noqa: F401
from .codes import OneTimeCode  # noqa: F401
from .consents import Consent  # noqa: F401
from .messages import OutboundMessage  # noqa: F401
from .people import CareerEntry, SeekerProfile, StaffMembership, User, UserManager  # noqa: F401
