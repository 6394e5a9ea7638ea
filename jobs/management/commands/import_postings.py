"""``manage.py import_postings FILE [FILE ...] [--dry-run]``: import external job listings
(고용24 CSV, schema.org JobPosting JSON-LD) and print a Korean summary per file.

A missing file or an unsupported extension stops the run before anything is written. A file
that cannot be used (undecodable, malformed, empty, no JobPosting) does not stop the others:
they are imported and reported, then the command fails (``CommandError``, non-zero exit)
naming every unusable file with its Korean reason."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jobs.importers import ImportFileError, detect_format, import_records, load_file
from namdong_jobs.reference.models import Dong


class Command(BaseCommand):
    help = (
        "외부 구인공고 파일을 가져옵니다: 고용24 목록 CSV(.csv) 또는 schema.org JobPosting "
        "JSON-LD(.json, .jsonld). 같은 파일을 다시 가져와도 공고가 늘지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="가져올 파일 (.csv, .json, .jsonld)")
        parser.add_argument(
            "--dry-run", action="store_true", help="읽고 검사해 결과만 보여 주고 아무것도 저장하지 않습니다"
        )

    def handle(self, *args, files, dry_run=False, **options):
        paths = [Path(f) for f in files]
        # A typo (a missing file, a wrong extension) stops the run before anything is written.
        for path in paths:
            if not path.is_file():
                raise CommandError(f"파일을 찾을 수 없습니다: {path}")
            try:
                detect_format(path)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from None
        dong_names = list(Dong.objects.values_list("name", flat=True))
        parsed, failed = [], []
        for path in paths:
            try:
                parsed.append((path, load_file(path, dong_names=dong_names)))
            except ImportFileError as exc:
                failed.append(f"{path.name}: {exc}")
            except OSError as exc:
                failed.append(f"{path.name}: 파일을 읽을 수 없습니다 ({exc.strerror or exc})")

        self._import(parsed, dry_run=dry_run, verbose=options.get("verbosity", 1) >= 1)
        # Files that could not be used fail the run, after the others were imported and reported.
        if len(failed) == 1:
            raise CommandError(failed[0])
        if failed:
            raise CommandError(f"파일 {len(failed)}개를 가져오지 못했습니다:\n" + "\n".join(f"  - {f}" for f in failed))

    def _import(self, parsed, *, dry_run, verbose):
        progress_file = getattr(self.stderr, "_out", sys.stderr)
        totals = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        for path, records in parsed:
            source, unit = detect_format(path)
            with tqdm(records, desc=path.name, unit="건", file=progress_file, disable=None) as bar:
                report = import_records(bar, source=source, dry_run=dry_run)
            totals["created"] += report.created
            totals["updated"] += report.updated
            totals["unchanged"] += report.unchanged
            totals["skipped"] += len(report.skipped)
            if verbose:
                heading = f"[{path.name}] {source.label} 가져오기" + (" (시험 실행: 저장하지 않음)" if dry_run else "")
                self.stdout.write(heading)
                for line in report.summary_lines(unit=unit):
                    self.stdout.write(line)
        if verbose and len(parsed) > 1:
            self.stdout.write(
                f"합계: 새로 등록 {totals['created']}건, 변경 {totals['updated']}건, "
                f"변경 없음 {totals['unchanged']}건, 건너뜀 {totals['skipped']}건"
            )
        if dry_run and verbose and parsed:
            self.stdout.write("시험 실행이므로 아무것도 저장하지 않았습니다.")
