"""Loads the reference data shipped in ``namdong_jobs/reference/data/`` (facts copied from
the district's tables: the 20 dongs, their centres and the KECO 2018 groups) plus the
minimum-wage table. Idempotent: running it again changes nothing.

Used by the data migration ``0002_load_reference`` (with historical models) and by
``python manage.py load_reference``.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

DISTRICT_CENTRE_NAME = "남동구 일자리인력은행"

#: year -> (KRW per hour, source). 최저임금위원회 의결, 고용노동부 고시.
MINIMUM_WAGES = {
    2025: (10030, "고용노동부 고시 제2024-44호 (2025년 적용 최저임금)"),
    2026: (10320, "고용노동부 고시 제2025-40호 (2026년 적용 최저임금)"),
}


@dataclass
class LoadResult:
    """Counts of rows present after a load: ``dongs``, ``centres``, ``occupations``,
    ``minimum_wages``."""

    dongs: int
    centres: int
    occupations: int
    minimum_wages: int


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_reference(apps=None) -> LoadResult:
    """Create or update every reference row.

    ``apps``: the migration's app registry, or ``None`` for the live models.
    Returns a :class:`LoadResult`. Raises ``KeyError``/``ValueError`` if a shipped file is
    malformed (a packaging error, not user input).
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Dong = apps.get_model("reference", "Dong")
    CommunityCentre = apps.get_model("reference", "CommunityCentre")
    Occupation = apps.get_model("reference", "Occupation")
    MinimumWage = apps.get_model("reference", "MinimumWage")

    centroids = {r["code"]: r for r in _read_tsv("namdong_dong_centroids.tsv")}
    for row in _read_tsv("namdong_admin_dongs.tsv"):
        code = row["adm_cd2"].strip()
        c = centroids[code]
        dong, _ = Dong.objects.update_or_create(
            code=code,
            defaults={
                "name": row["emd_nm"].strip(),
                "full_name": row["adm_nm"].strip(),
                "x_m": int(c["x_m"]),
                "y_m": int(c["y_m"]),
            },
        )
        CommunityCentre.objects.update_or_create(
            dong=dong,
            defaults={"name": f"{dong.name} 행정복지센터", "kind": "dong"},
        )
    CommunityCentre.objects.update_or_create(kind="district", defaults={"name": DISTRICT_CENTRE_NAME, "dong": None})

    rows = _read_tsv("keco2018_groups.tsv")
    # parents first: major (1 digit), middle (2), minor (3)
    for row in sorted(rows, key=lambda r: len(r["code"])):
        Occupation.objects.update_or_create(
            code=row["code"].strip(),
            defaults={
                "level": row["level"].strip(),
                "name": row["name_ko"].strip(),
                "parent_id": row["parent"].strip() or None,
            },
        )

    for year, (hourly, source) in MINIMUM_WAGES.items():
        # get_or_create: a figure corrected by district staff in the admin is not overwritten.
        MinimumWage.objects.get_or_create(year=year, defaults={"hourly_krw": hourly, "source": source})

    return LoadResult(
        dongs=Dong.objects.count(),
        centres=CommunityCentre.objects.count(),
        occupations=Occupation.objects.count(),
        minimum_wages=MinimumWage.objects.count(),
    )
