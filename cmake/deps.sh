#!/usr/bin/env bash
# Installs the Debian 12 packages portfolj builds and tests with, if any is missing.
# Needs root (or sudo); does nothing when everything is already there.
set -euo pipefail
pkgs=(cmake make gcc pkg-config python3
      libsqlite3-dev libcurl4-openssl-dev libjansson-dev libcmocka-dev libcsv-dev
      libzip-dev libexpat1-dev libxlsxwriter-dev libutf8proc-dev libssl-dev
      libmicrohttpd-dev libsodium-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
