#!/bin/sh
# Builds artefact_<version>_<arch>.deb with dpkg-deb: the stripped release binary, the
# man page (gzipped), bash, zsh and fish completions, the copyright file (LICENSE), and
# Depends on the runtime packages of every shared library the binary links (libsodium,
# OpenSSL, glibc ...), found with ldd and dpkg -S, so nothing is guessed by name.
#
# Usage: scripts/package.sh [--out DIR]   (default: the current directory)
# Prints the path of the .deb on standard output.
set -eu

out=.
while [ $# -gt 0 ]; do
    case "$1" in
        --out)
            if [ $# -lt 2 ] || [ -z "$2" ]; then echo "package.sh: --out needs a directory" >&2; exit 2; fi
            out=$2; shift 2 ;;
        --out=*) out=${1#--out=}; shift ;;
        -h|--help) echo "Usage: scripts/package.sh [--out DIR]"; exit 0 ;;
        *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
for tool in dpkg-deb dpkg-query dpkg ldd gzip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "package.sh: $tool is needed (a Debian system)" >&2; exit 3; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
package="$work/package"

"$root/scripts/install.sh" --prefix "$package/usr"
binary="$package/usr/bin/artefact"
version=$("$binary" --version | sed -n 's/^artefact //p')
[ -n "$version" ] || { echo "package.sh: could not read the version from artefact --version" >&2; exit 3; }
arch=$(dpkg --print-architecture)

# Debian's places: zsh completions in vendor-completions, man pages gzipped.
mkdir -p "$package/usr/share/zsh/vendor-completions"
mv "$package/usr/share/zsh/site-functions/_artefact" "$package/usr/share/zsh/vendor-completions/_artefact"
rmdir "$package/usr/share/zsh/site-functions"
gzip -9n "$package/usr/share/man/man1/artefact.1"
install -d "$package/usr/share/doc/artefact"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: artefact"
    echo
    echo "Files: *"
    echo "License: Apache-2.0"
    sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' "$root/LICENSE"
} > "$package/usr/share/doc/artefact/copyright"
chmod 0644 "$package/usr/share/doc/artefact/copyright"

# The package of each shared library the binary needs, at least the version built against.
# dpkg -S may know a library under /usr/lib or /lib (merged /usr), so try both spellings.
owner() {
    for candidate in "$1" "$(readlink -f "$1")" "/usr$1" "${1#/usr}"; do
        found=$(dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1) || true
        if [ -n "$found" ]; then echo "$found"; return; fi
    done
    echo "package.sh: no Debian package owns $1; install the library from a package" >&2
    exit 3
}
depends=""
for library in $(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
    name=$(owner "$library")
    case ",$depends," in *", $name ("*|*",$name ("*) continue ;; esac
    upstream=$(dpkg-query -W -f='${Version}' "$name" | sed -e 's/^[0-9]*://' -e 's/-[^-]*$//')
    depends="${depends:+$depends, }$name (>= $upstream)"
done
case "$depends" in
    *libsodium*) ;;
    *) echo "package.sh: the binary does not link libsodium; is this the right build?" >&2; exit 3 ;;
esac
case "$depends" in
    *libssl*) ;;
    *) echo "package.sh: the binary does not link OpenSSL; is this the right build?" >&2; exit 3 ;;
esac

mkdir -p "$package/DEBIAN"
cat > "$package/DEBIAN/control" <<CONTROL
Package: artefact
Version: $version
Architecture: $arch
Maintainer: artefact maintainers <artefact@invalid>
Installed-Size: $(du -sk "$package/usr" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: sign, verify and move machine-learning model artefacts
 artefact hashes a model directory or file and signs it with Ed25519 as a
 Sigstore bundle, verifies it against keys or a trust policy, and moves signed
 models between directories, local stores, OCI registries and S3, checking
 them on every crossing.
CONTROL

mkdir -p "$out"
deb="$(cd "$out" && pwd)/artefact_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$package" "$deb" >&2
echo "$deb"
