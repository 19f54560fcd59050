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
# On a machine whose package lists were never fetched, apt knows no candidate for them: ask
# quietly first and fetch the lists only then, so no "Unable to locate package" line appears.
needs_update=0
for p in "${missing[@]}"; do
  candidate=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2 }' || true)
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then needs_update=1; fi
done
if [ "$needs_update" -eq 1 ]; then $SUDO apt-get update -qq >/dev/null; fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v swift >/dev/null || { echo "setup: swift not found on PATH (Swift 6.0 or newer is needed)" >&2; exit 1; }
