# shellcheck shell=bash
# Shared by scripts/run, scripts/test and .ci/run: a Python 3.11 virtualenv in .venv with the
# project installed, and checks that PostgreSQL and Redis answer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_venv() {
  if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
    echo "Python 3.11이 필요합니다 ($PYTHON: $("$PYTHON" --version 2>&1)). PYTHON=python3.11 로 지정하세요." >&2
    exit 1
  fi
  [ -x "$VENV/bin/python" ] || { say "가상환경 만들기 (.venv)"; "$PYTHON" -m venv "$VENV"; }
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "패키지 설치 (pip install -e .[test])"
    if ! { "$VENV/bin/python" -m pip install --quiet --upgrade pip \
           && "$VENV/bin/python" -m pip install --quiet -e ".[test]"; } >"$VENV/pip.log" 2>&1; then
      grep -v "Location 'file:" "$VENV/pip.log" >&2
      echo "패키지 설치에 실패했습니다 (자세한 내용: .venv/pip.log)." >&2
      exit 1
    fi
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

check_services() {
  # Each check prints one line saying what to start when the service does not answer.
  "$VENV/bin/python" scripts/check_services.py
}
