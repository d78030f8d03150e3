#!/bin/bash
# The .deb on a clean Debian 12: build it (cpack -G DEB), make a fresh
# minimal bookworm chroot with mmdebstrap from this machine's configured
# Debian mirror (the Types: deb entries of /etc/apt/sources.list.d/*.sources,
# nothing else), install the package there with `apt-get install ./x.deb`
# (apt fetches its Depends from that mirror), then run `netcheck --version`
# and `netcheck run -a FILE` inside the chroot, in a network namespace this
# test makes whose only interface is loopback, against an HTTP server on
# 127.0.0.1 in that namespace (and a closed port, which must fail).
#
# The base tarball is cached outside the clone, keyed by the day and the
# mirror entries: ${NETCHECK_DEB_CACHE:-~/.cache/netcheck-deb}/KEY.tar.
# Needs root (chroot, mounts, namespaces); else exit 77.
# usage: test_deb.sh SOURCE_DIR WORK_DIR DATESRV
set -euo pipefail
SRC=$1
WORK=$2
DATESRV=$3

skip() { echo "SKIP: $*"; exit 77; }
die() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root (chroot, mounts, network namespaces)"
for tool in mmdebstrap cpack dpkg-shlibdeps unshare chroot ip; do
    command -v "$tool" >/dev/null || skip "'$tool' not installed"
done
[ -x "$DATESRV" ] || die "no datesrv at '$DATESRV'"

start=$(date +%s)
t0=$start
lap() # lap WHAT: how long the step since the last lap took
{
    local now
    now=$(date +%s)
    echo "time: $1 $((now - t0)) s"
    t0=$now
}

ROOT=
cleanup()
{
    # The mounts were made in private mount namespaces and died with them;
    # never remove a tree that still has one.
    if [ -n "$ROOT" ] && [ -d "$ROOT" ]; then
        if grep -q " $ROOT/" /proc/self/mountinfo; then
            echo "leaving $ROOT: still mounted" >&2
        else
            rm -rf "$ROOT"
        fi
    fi
}
trap cleanup EXIT

# 1. The package, from a release build of its own.
mkdir -p "$WORK"
cmake -S "$SRC" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=OFF -DNETCHECK_MAN=ON >"$WORK/cmake.log"
cmake --build "$WORK/build" -j"$(nproc)" >>"$WORK/cmake.log" 2>&1 ||
    { tail -20 "$WORK/cmake.log"; die "build failed"; }
rm -f "$WORK"/build/netcheck_*.deb
(cd "$WORK/build" && cpack -G DEB >>"$WORK/cmake.log" 2>&1) ||
    { tail -20 "$WORK/cmake.log"; die "cpack failed"; }
deb=$(ls "$WORK"/build/netcheck_*.deb)
lap "build and package"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libc6 libcurl4 libssl3 libc-ares2 libjansson4 libinih1 libmnl0 \
    libsystemd0; do
    [[ ", $depends," == *", $lib "* ]] || die "Depends lacks $lib: $depends"
done
[ "$(dpkg-deb -f "$deb" Section)" = net ] || die "Section is not net"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/netcheck ./usr/share/man/man1/netcheck.1 \
    ./usr/share/man/man5/netcheck-profile.5 \
    ./usr/share/bash-completion/completions/netcheck \
    ./usr/share/doc/netcheck/LICENSE; do
    grep -q " $f\$" <<<"$contents" || die "$deb lacks $f"
done

# 2. The base system: the mirror's deb entries, as apt here has them.
mirror=$(mktemp)
awk 'BEGIN { RS = ""; ORS = "\n\n" } /(^|\n)Types:([^\n]* )?deb( |\n|$)/ {
        gsub(/(^|\n)Types:[^\n]*/, "\nTypes: deb"); sub(/^\n/, ""); print }' \
    /etc/apt/sources.list.d/*.sources >"$mirror"
grep -q '^URIs:' "$mirror" || die "no deb entries in /etc/apt/sources.list.d"
cache=${NETCHECK_DEB_CACHE:-$HOME/.cache/netcheck-deb}
key=bookworm-$(date -u +%Y%m%d)-$(sha256sum <"$mirror" | cut -c1-12)
base=$cache/$key.tar
mkdir -p "$cache"
if [ ! -s "$base" ]; then
    echo "making $base"
    mmdebstrap --quiet --variant=apt --mode=root --format=tar bookworm \
        "$base.tmp" "$mirror"
    mv "$base.tmp" "$base"
    # Yesterday's bases are never used again.
    find "$cache" -name 'bookworm-*.tar' ! -name "$key.tar" -delete
    lap "base chroot (cold: mmdebstrap)"
else
    lap "base chroot (warm: $base)"
fi
rm -f "$mirror"
ROOT=$(mktemp -d /tmp/netcheck-deb.XXXXXX)
tar -C "$ROOT" -xf "$base"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
cp "$deb" "$ROOT/tmp/"
lap "unpack"

# in_root CMD: CMD in the chroot with /proc and /dev, in a mount namespace
# of its own (so nothing stays mounted), with this machine's network.
in_root()
{
    unshare --mount --propagation private -- bash -c '
        mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" &&
        exec chroot "$1" /bin/sh -c "$2"' _ "$ROOT" "$1"
}

# 3. apt-get install ./x.deb, as a user would.
in_root "cd /tmp && apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./$(basename "$deb")" \
    >"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; die "apt-get install failed"; }
lap "apt-get install"
in_root "dpkg-query -W -f='\${Status}' netcheck" | grep -q "install ok installed" ||
    die "netcheck not installed"

# 4. netcheck --version, on Debian 12's libraries.
version=$(in_root "netcheck --version")
echo "$version"
v='[0-9]+\.[0-9]+(\.[0-9]+)?'
grep -Eq "^netcheck $v \([a-z0-9_]+-[a-z0-9_]+\) libcurl/$v OpenSSL/$v c-ares/$v jansson/$v\$" <<<"$version" ||
    die "--version's first line"
grep -Eq '^JSON-Schema: 1$' <<<"$version" || die "--version's JSON-Schema"

# 5. netcheck run -a, only loopback: a namespace of our own, lo up, an
# HTTP server on 127.0.0.1 (this test's datesrv, started outside the
# chroot); the pid namespace ends every process with the test.
cat >"$ROOT/tmp/allow-pass.txt" <<'A'
http://127.0.0.1:8080/
A
cat >"$ROOT/tmp/allow-fail.txt" <<'A'
127.0.0.1:9
A
out=$(unshare --net --mount --pid --fork --propagation private -- bash -c '
    set -e
    ip link set lo up
    "$2" 0 8080 127.0.0.1 >/tmp/netcheck-deb-srv.$$ &
    for i in $(seq 50); do
        grep -q ready /tmp/netcheck-deb-srv.$$ && break; sleep 0.1
    done
    rm -f /tmp/netcheck-deb-srv.$$
    mount -t proc proc "$1/proc"
    set +e
    chroot "$1" netcheck run -a /tmp/allow-pass.txt --format json >"$1/tmp/pass.json"
    echo "pass:$?"
    chroot "$1" netcheck run -a /tmp/allow-fail.txt --format json --timeout 2 >"$1/tmp/fail.json"
    echo "fail:$?"' _ "$ROOT" "$DATESRV")
lap "netcheck run"
echo "$out"
grep -qx 'pass:0' <<<"$out" || { cat "$ROOT/tmp/pass.json"; die "run -a against 127.0.0.1:8080 did not exit 0"; }
grep -qx 'fail:1' <<<"$out" || { cat "$ROOT/tmp/fail.json"; die "run -a against a closed port did not exit 1"; }
grep -q '"status": "pass"' "$ROOT/tmp/pass.json" || die "no passing check in pass.json"
grep -q '"problem": "tcp_refused"' "$ROOT/tmp/fail.json" || die "the closed port is not tcp_refused"

echo "time: total $(($(date +%s) - start)) s"
echo "1 passed, 0 failed"
