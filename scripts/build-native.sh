#!/usr/bin/env bash
# Builds the trainer's optional native BLAS addon (training/tf/native -> build/Release/meld_blas.node)
# with npm's bundled node-gyp against this Node's installed headers (--nodedir), so nothing is
# downloaded. Fast when already built: rebuilds only when a source is newer than the addon.
# A failed build is not fatal: the trainer then says so and runs on plain tfjs-wasm.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=training/tf/native
addon=$dir/build/Release/meld_blas.node
if [ -f "$addon" ] && [ -z "$(find "$dir" -maxdepth 1 -type f -newer "$addon")" ]; then
  exit 0
fi

# Node's headers ship with the Node package (Debian/NodeSource: /usr/include/node).
nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || gyp="$(command -v node-gyp || true)"
why=""
[ -f "$nodedir/include/node/node_api.h" ] || why="Node's headers are not in $nodedir/include/node"
[ -n "$gyp" ] || why="node-gyp is not installed (it comes with npm)"
[ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ] || why="OpenBLAS's headers are missing (apt-get install libopenblas-dev)"
if [ -z "$why" ]; then
  echo "setup: building the native BLAS addon ($dir)"
  if (cd "$dir" && node "$gyp" rebuild --nodedir="$nodedir" --loglevel=warn >/dev/null); then
    exit 0
  fi
  why="node-gyp failed (see above)"
fi
echo "setup: the native BLAS addon was not built: $why; the trainer runs on plain tfjs-wasm." >&2
