#!/usr/bin/env bash
# Copies Leaflet's built files from the npm package into static/vendor/leaflet-<version>/.
# Needs npm; run by hand when upgrading, the output is committed.
set -euo pipefail
package=leaflet
version="${1:-1.9.4}"
source "$(dirname "$0")/vendor-workdir.sh"
npm pack --silent "leaflet@$version" >/dev/null
tar xzf "leaflet-$version.tgz"
mkdir -p "$out/images"
cp package/dist/leaflet.js package/dist/leaflet.js.map package/dist/leaflet.css "$out/"
cp package/dist/images/*.png "$out/images/"
cp package/LICENSE "$out/LICENSE"
# The published files' sums, checked by the tests (tests/localism/test_maps.py).
(cd package && sha256sum LICENSE dist/leaflet.js dist/leaflet.js.map dist/leaflet.css dist/images/*.png) \
  | sed 's# dist/# #' > "$out/SHA256SUMS"
sha256sum "leaflet-$version.tgz"
echo "copied $out"
