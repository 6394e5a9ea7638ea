from django.core.management.base import BaseCommand
from django.db import transaction

from namdong_jobs.reference.loader import load_reference


class Command(BaseCommand):
    help = "행정동·행정복지센터·KECO 직업분류·최저임금 기준 정보를 불러옵니다 (여러 번 실행해도 안전)."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = load_reference()
        self.stdout.write(
            self.style.SUCCESS(
                f"기준 정보: 행정동 {result.dongs}, 센터 {result.centres}, "
                f"직업분류 {result.occupations}, 최저임금 {result.minimum_wages}개 연도"
            )
        )
