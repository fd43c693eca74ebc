# Shared by scripts/run and scripts/test: make or reuse .venv, install the project, get speech.
# Sourced, not run. Expects EXTRAS ("" or "[test]") and the repo root as the working directory.
# Every step that takes time says so first, one line on stderr, so a first run is never silent;
# a run with everything in place prints nothing.
set -euo pipefail

step() { echo "bone-guide: $*" >&2; }

need_system=()
# Debian's python3 makes no venv without python3-venv (ensurepip).
[[ -x .venv/bin/python ]] || python3 -c 'import ensurepip' >/dev/null 2>&1 || need_system+=(python3-venv)
ldconfig -p 2>/dev/null | grep -q 'libespeak-ng\.so' || need_system+=(espeak-ng libespeak-ng1)
command -v aplay >/dev/null 2>&1 || need_system+=(alsa-utils)
if [[ "${EXTRAS:-}" == *test* ]]; then
    # tmux drives the app in a real terminal; chromium + node run the HTML accessibility check.
    command -v tmux >/dev/null 2>&1 || need_system+=(tmux)
    command -v chromium >/dev/null 2>&1 || need_system+=(chromium)
    command -v node >/dev/null 2>&1 || need_system+=(nodejs npm)
    # A real speech-dispatcher (Orca's speech service) at a PulseAudio null sink: tests/speechd_daemon.py.
    command -v speech-dispatcher >/dev/null 2>&1 || need_system+=(speech-dispatcher)
    [[ -e /usr/lib/speech-dispatcher-modules/sd_espeak-ng ]] || need_system+=(speech-dispatcher-espeak-ng)
    command -v pulseaudio >/dev/null 2>&1 || need_system+=(pulseaudio)
    # scripts/big-terminal's window is measured on a real X server with the real xterm.
    command -v Xvfb >/dev/null 2>&1 || need_system+=(xvfb)
    command -v xterm >/dev/null 2>&1 || need_system+=(xterm fonts-dejavu-core)
    command -v xwininfo >/dev/null 2>&1 || need_system+=(x11-utils)
fi
if ((${#need_system[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        step "installing system packages with apt-get: ${need_system[*]} ..."
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_system[@]}"; } >/dev/null \
            || echo "bone-guide: could not install ${need_system[*]}; speech may be off" >&2
    else
        step "missing system packages; for speech (and the tests), run: sudo apt-get install ${need_system[*]}"
    fi
fi

if [[ ! -x .venv/bin/python ]]; then
    step "making the Python environment in .venv ..."
    python3 -m venv .venv || { echo "bone-guide: could not make .venv; install python3-venv (sudo apt-get install python3-venv)" >&2; exit 1; }
fi
# Reinstall only when the project description changed since the last install.
stamp=".venv/.installed${EXTRAS:-}"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
    step "installing Python packages into .venv (the app${EXTRAS:+ and its test tools}; first time: about a minute) ..."
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${EXTRAS:-}" >&2
    # An editable install compiles nothing: byte-compile now, so the first screen comes sooner
    # (a kiosk user who may not write here, or PYTHONDONTWRITEBYTECODE, would compile every start).
    .venv/bin/python -m compileall -q tui >/dev/null || true
    touch "$stamp"
fi

if [[ "${EXTRAS:-}" == *test* && ! -d scripts/a11y/node_modules ]] && command -v npm >/dev/null 2>&1; then
    step "installing the HTML accessibility check's node packages (npm ci in scripts/a11y) ..."
    (cd scripts/a11y && npm ci --no-audit --no-fund --loglevel=error >&2) \
        || echo "bone-guide: npm ci in scripts/a11y failed; the HTML accessibility test will fail" >&2
fi
