"""Who may handle a resident's record at the desk (DESIGN.md "People and roles": a resident
belongs to the centre that registered them; district staff see every centre). Shared by the
desk's write services (:mod:`.residents`, :mod:`.resident_consents`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from namdong_jobs.reference.models import CommunityCentre

from ..models import SeekerProfile, User
from .resumes import profiles_visible_to_staff


def require_staff_centre(staff: User) -> CommunityCentre:
    """The centre ``staff`` works at (the district job centre included). Raises
    ``PermissionDenied`` for anyone who is not active centre staff."""
    centre = getattr(staff, "staff_centre", None) if getattr(staff, "is_authenticated", False) else None
    if centre is None:
        raise PermissionDenied(_("센터 직원만 주민을 등록할 수 있습니다."))
    return centre


def require_resident_in_scope(*, profile: SeekerProfile, staff: User) -> None:
    """Raises ``PermissionDenied`` unless ``profile`` is a record ``staff`` may handle
    (:func:`.resumes.profiles_visible_to_staff`: their centre's residents, or every one for
    district staff)."""
    if not profiles_visible_to_staff(staff).filter(pk=profile.pk).exists():
        raise PermissionDenied(_("이 주민의 기록을 다룰 권한이 없습니다."))
