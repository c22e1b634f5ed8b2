#!/usr/bin/env bash
# Funnelboard quick start: install what is missing, build, then open the app or run the tests.
#
#   scripts/quickstart.sh run            build (release) and open Funnelboard on a demo database
#   scripts/quickstart.sh test [PRESET]  build and run every test; PRESET is release (default), asan or all
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins qt6-translations-l10n libgl-dev
    libsqlite3-dev sqlite3 libsimdjson-dev
    xvfb xauth dpkg-dev
)

install_missing_packages() {
    local missing=()
    for package in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return
    fi
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo=(sudo)
    fi
    echo "Installing: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    local preset=$1
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
}

run_tests() {
    local preset=$1
    build "$preset"
    ctest --preset "$preset"
}

command=${1:-}
case "$command" in
run)
    install_missing_packages
    build release
    bin=build/release/app
    db=${FUNNELBOARD_DB:-$("$bin/funnelctl" --print-default-db)}
    if [[ ! -f $db ]]; then
        echo "Creating a demo database at $db"
        "$bin/funnelctl" --db "$db" init --demo
    fi
    exec "$bin/funnelboard" --db "$db" "${@:2}"
    ;;
test)
    install_missing_packages
    preset=${2:-release}
    if [[ $preset == all ]]; then
        run_tests release
        run_tests asan
    else
        run_tests "$preset"
    fi
    ;;
*)
    echo "usage: $0 run | test [release|asan|all]" >&2
    exit 2
    ;;
esac
