# Sourced by the vendoring scripts, after they set `package` and `version`: `out` is where the files go,
# static/vendor/<package>-<version>/, and the script carries on in a temporary directory removed when it exits.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/static/vendor/$package-$version"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
