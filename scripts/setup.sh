#!/usr/bin/env bash
# One-time (idempotent) set-up for a fresh machine: system packages, then npm packages.
# Used by `npm start` and `npm test`, so both README commands work on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: chromium (e2e tests), espeak-ng + mbrola voices, festival/flite and sox (corpus),
# pocketsphinx (evaluation judge), python3-numpy/scipy (regenerating DSP golden fixtures).
APT_PACKAGES=(chromium espeak-ng sox pocketsphinx pocketsphinx-en-us python3-numpy python3-scipy)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install ${missing[*]}  (or your system's equivalent)" >&2
    echo "setup: continuing; tests that need them will fail or skip with a message." >&2
  fi
fi

# npm packages, only when the lock file changed since the last install.
# onnxruntime-node's install script would try to download CUDA providers; the CPU build ships in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
