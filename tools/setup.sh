#!/usr/bin/env bash
# Installs what tmkit needs to build, test and benchmark on Debian 12. Idempotent: installs only
# the packages that are missing, so a second run does nothing and needs no network.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libicu-dev liblmdb-dev libpugixml-dev libcli11-dev catch2 libxxhash-dev
  libcpp-httplib-dev nlohmann-json3-dev unicode-data libmimalloc-dev
  libxml2-utils python3 time jq bc
  omegat  # tests/e2e/omegat_test.sh: OmegaT 3.6 reads what export-omegat writes
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
