#!/usr/bin/env bash
# Installs the Debian packages newsindex builds against (C libraries reached through SwiftPM
# system-library targets). Safe to re-run: installs only what is missing.
set -euo pipefail
packages=(libxml2-dev libutf8proc-dev libuchardet-dev libstemmer-dev libzstd-dev zlib1g-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
command -v swift >/dev/null || { echo "setup: swift not found on PATH (Swift 6.0 or newer is needed)" >&2; exit 1; }
