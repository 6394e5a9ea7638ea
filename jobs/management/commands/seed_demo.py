"""``python manage.py seed_demo [--date YYYY-MM-DD] [--force]``: Namdong demo data (see
:func:`jobs.demo.seed.seed_demo`). Refuses to run with DEBUG off unless ``--force``: the demo
accounts share a published password."""

import argparse
import datetime
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobs.demo.data import DEMO_PASSWORD
from jobs.demo.report import TALLY_LABELS, SeedError, SeedReport
from jobs.demo.seed import date_out_of_range, seed_demo


def _date(value: str) -> datetime.date:
    try:
        on = datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 적어 주세요: {value!r}") from exc
    if problem := date_out_of_range(on):
        raise argparse.ArgumentTypeError(problem)
    return on


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [_row(header, widths), "  ".join("-" * w for w in widths), *(_row(r, widths) for r in rows)]


class Command(BaseCommand):
    help = "남동구 데모 데이터(구인기업·구인공고·데모 계정)를 만듭니다. 같은 날짜로 다시 실행하면 바뀌는 것이 없습니다."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="on",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="기준일 YYYY-MM-DD (기본: 오늘, 한국 시간). 게시일·마감일의 기준입니다.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="DEBUG=False 인 환경에서도 실행합니다 (공개된 비밀번호의 계정이 만들어집니다).",
        )

    def handle(self, *args, on: datetime.date | None = None, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG=False 인 환경에서는 데모 데이터를 만들지 않습니다. 데모 계정은 모두 공개된 같은 비밀번호를 "
                "쓰므로 운영 서버에 만들면 위험합니다. 꼭 필요하면 --force 를 붙여 실행하세요."
            )
        on = on or timezone.localdate()
        try:
            report = seed_demo(on=on)
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("\n".join(self.summary(report)))

    @staticmethod
    def summary(report: SeedReport) -> list[str]:
        rows = [
            [label, str(t.created), str(t.updated), str(t.unchanged)]
            for key, label in TALLY_LABELS.items()
            for t in [report.tallies[key]]
        ]
        lines = [f"남동구 일자리인력은행 데모 데이터 (기준일 {report.on:%Y-%m-%d})", ""]
        lines += _table(["구분", "새로 만듦", "변경", "그대로"], rows)
        lines += ["", f"합계: 새로 만듦 {report.created}건, 변경 {report.updated}건", ""]
        if report.kept:
            lines += [
                f"이미 만료·마감·채용 완료된 구인공고 {len(report.kept)}건은 다시 열지 않고 그대로 두었습니다.",
                "",
            ]
        lines += [f"데모 로그인 (모든 계정의 비밀번호: {DEMO_PASSWORD})", ""]
        header = ["역할", "로그인", "휴대전화(로그인 가능)", "비밀번호", "소속"]
        lines += _table(header, [[x.role, x.login, x.phone, x.password, x.place] for x in report.logins])
        return lines
