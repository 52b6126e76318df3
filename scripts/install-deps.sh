#!/usr/bin/env bash
# Installs what pgsplit needs to build, test and run its demo, from Debian's packages only.
# Does nothing when everything is already installed, so it is cheap to call every time.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpq-dev libyaml-cpp-dev libfmt-dev libboost-program-options-dev catch2
  nlohmann-json3-dev libssl-dev
  postgresql postgresql-contrib postgresql-client
  time python3 ccache clang-format
  help2man pandoc graphviz man-db bsdextrautils dpkg-dev file zsh # man pages, svg, package
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
