"""Production settings: refuse to start without a secret key; ``check --deploy`` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage(
        "check", DJANGO_SETTINGS_MODULE="namdong_jobs.settings.production", DJANGO_ALLOWED_HOSTS="jobs.namdong.go.kr"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "namdong_jobs.settings.production",
    "DJANGO_SECRET_KEY": "pX7!k2Rz@9vLq#4Wm8&nB3tYc6$hJ1sDf5Gg0Ua-Ee_Ii^Oo*Pp(Ll)Kk",
    "DJANGO_ALLOWED_HOSTS": "jobs.namdong.go.kr",
}
#: What a real deployment sets for messages (accounts.checks).
PRODUCTION_MESSAGING = {
    "NJ_SITE_URL": "https://jobs.namdong.go.kr",
    "EMAIL_URL": "smtp+tls://mailer@mail.namdong.go.kr:587",
    "SMS_BACKEND": "accounts.messaging.sms.http.SmsBackend",
    "SMS_GATEWAY_URL": "https://sms-gateway.example.kr/v1/messages",
    "SMS_GATEWAY_KEY": "gateway-key",
    "SMS_INBOUND_KEY": "inbound-key",
}


def test_production_passes_check_deploy_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **PRODUCTION_MESSAGING)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_messages_would_go_nowhere():
    """Without the message settings, emails and SMS would be printed and links point at
    127.0.0.1: check --deploy says so (review of issue 6)."""
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_MESSAGING}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**{k: v for k, v in env.items() if not k.startswith("DJANGO_")}, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    for check_id in ("accounts.W001", "accounts.W002", "accounts.W003", "accounts.W004"):
        assert check_id in result.stdout + result.stderr


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "ko"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.TIME_ZONE == "Asia/Seoul" and settings.USE_TZ
