#!/usr/bin/env bash
# One-time (idempotent) set-up for a fresh machine: system packages, then npm packages.
# Used by `npm start` and `npm test`, so both README commands work on a fresh clone.
#   bash scripts/setup.sh               what the app and the tests need
#   bash scripts/setup.sh --full-corpus also every voice `npm run data -- --config full` uses, and the
#                                       text packages of corpus v2 (`npm run data:text`)
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: e2e tests. espeak-ng, sox, flite, mbrola voices and r-cran-janeaustenr (the text; read
# with Rscript): the tiny corpus the tests build. pocketsphinx: the evaluation judge.
# python3-numpy/scipy: regenerating the DSP golden fixtures. libopenblas-dev, g++, make: the
# trainer's native matrix products (scripts/build-native.sh).
APT_PACKAGES=(chromium espeak-ng sox flite mbrola mbrola-us1 mbrola-us2 r-cran-janeaustenr
  pocketsphinx pocketsphinx-en-us python3-numpy python3-scipy libopenblas-dev g++ make)
FULL_CORPUS_PACKAGES=(mbrola-us3 mbrola-en1 mbrola-af1 mbrola-de1 mbrola-de2 mbrola-de4 mbrola-de5 mbrola-de6
  mbrola-fr1 mbrola-hu1 mbrola-nl2 mbrola-pl1 mbrola-ro1 mbrola-sw1 mbrola-sw2 festival festvox-kallpc16k
  festvox-kdlpc16k festvox-rablpc16k festvox-us-slt-hts festvox-us1 festvox-us2 festvox-us3 festvox-en1
  wordnet-base trans-de-en fortunes fortunes-min sword-text-web r-cran-stringr)
[ "${1:-}" = "--full-corpus" ] && APT_PACKAGES+=("${FULL_CORPUS_PACKAGES[@]}")

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # The MBROLA voices live in Debian's contrib and non-free sections.
    if [ -f /etc/apt/sources.list.d/debian.sources ] && grep -q '^Components: main$' /etc/apt/sources.list.d/debian.sources; then
      echo "setup: enabling Debian contrib and non-free (MBROLA voices)"
      sed -i 's/^Components: main$/Components: main contrib non-free/' /etc/apt/sources.list.d/debian.sources
    fi
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install ${missing[*]}  (MBROLA voices need Debian's contrib and non-free sections)" >&2
    echo "setup: continuing; what needs them fails or skips with a message." >&2
  fi
fi

# npm packages, only when the lock file changed since the last install.
# onnxruntime-node's install script would try to download CUDA providers; the CPU build ships in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# The trainer's native matrix products (optional; after npm ci, which would not remove it anyway).
bash scripts/build-native.sh
