#!/usr/bin/env bash
# Builds pgvector 0.8.0 for Debian 12's PostgreSQL 15 from Debian trixie's *source* package.
# Bookworm packages no pgvector, and trixie's binaries need a newer glibc, so only its source is used:
# the trixie deb-src list, its package lists and the download all live in a temp dir, never in /etc/apt.
set -euo pipefail

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
PGVECTOR_VERSION=${PGVECTOR_VERSION:-0.8.0}
libdir=$("$PG_CONFIG" --pkglibdir)
sharedir=$("$PG_CONFIG" --sharedir)

if [[ -f "$libdir/vector.so" ]] && grep -q "default_version = '$PGVECTOR_VERSION'" "$sharedir/extension/vector.control" 2>/dev/null; then
  echo "pgvector $PGVECTOR_VERSION already installed in $libdir"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/src"

cat >"$work/trixie-src.sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-trixie-stable.gpg /usr/share/keyrings/debian-archive-trixie-automatic.gpg
SOURCES

apt_private=(
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::Etc::SourceParts=$work/parts"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache::Archives=$work/archives"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "APT::Sandbox::User=root"
)
mkdir -p "$work/parts"
mv "$work/trixie-src.sources" "$work/parts/"

echo "Fetching pgvector $PGVECTOR_VERSION source from Debian trixie"
apt-get "${apt_private[@]}" -qq update
# apt-get source takes an exact version, so pick the Debian revision of the wanted upstream version.
debian_version=$(apt-cache "${apt_private[@]}" showsrc pgvector | awk -v v="$PGVECTOR_VERSION" \
  '$1 == "Version:" && index($2, v "-") == 1 { print $2; exit }')
[[ -n "$debian_version" ]] || { echo "pgvector $PGVECTOR_VERSION not found in trixie sources" >&2; exit 1; }
(cd "$work/src" && apt-get "${apt_private[@]}" -qq --only-source source "pgvector=$debian_version")

srcdir=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
[[ -n "$srcdir" ]] || { echo "pgvector source not unpacked" >&2; exit 1; }

echo "Building $(basename "$srcdir") against $("$PG_CONFIG" --version)"
make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" -j"$(nproc)" >/dev/null
make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" install >/dev/null
grep -q "default_version = '$PGVECTOR_VERSION'" "$sharedir/extension/vector.control"
echo "pgvector $PGVECTOR_VERSION installed in $libdir"
