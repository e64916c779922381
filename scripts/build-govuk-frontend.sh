#!/usr/bin/env bash
# Rebuilds static/vendor/govuk-frontend-<version>/ from the npm package.
# Needs Node.js and npm; run by hand when upgrading, the output is committed.
set -euo pipefail
package=govuk-frontend
version="${1:-6.6.0}"
source "$(dirname "$0")/vendor-workdir.sh"
npm init -y >/dev/null
npm install --silent "govuk-frontend@$version" sass@1
cat > build.scss <<'SCSS'
@use "govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-assets-path: "../assets/",
  $govuk-global-styles: true
);
SCSS
npx sass --no-source-map --style=compressed --load-path=node_modules --quiet build.scss out.css
mkdir -p "$out"
# No crown: drop the crest image the footer would otherwise load.
sed 's#url("../assets/images/govuk-crest.svg")#none#g' out.css > "$out/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/all.bundle.js "$out/govuk-frontend.bundle.js"
echo "built $out"
