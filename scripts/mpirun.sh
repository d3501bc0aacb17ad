#!/usr/bin/env bash
# Runs a program on N MPI ranks on this machine, with the flags a small machine needs:
#   scripts/mpirun.sh 4 deno run -A example.ts
#   scripts/mpirun.sh 4 bun example.ts
#   scripts/mpirun.sh 4 node example.ts          (adds --experimental-ffi --no-warnings)
# deno, bun and node are taken from node_modules/.bin when they are there. Every rank gets one
# BLAS thread (ranks, not threads, share the cores). OpenMPI gets --oversubscribe (more ranks
# than cores) and, as root, --allow-run-as-root; MPICH's mpiexec needs neither. The whole job
# is ended after DLAPACK_MPI_TIMEOUT seconds (default 600), so a hung rank cannot hang CI.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "Usage: scripts/mpirun.sh N program [args...]  (e.g. scripts/mpirun.sh 4 deno run -A example.ts)" >&2
  exit 2
fi
n=$1
shift
root="$(cd "$(dirname "$0")/.." && pwd)"
launcher=$(command -v mpirun || command -v mpiexec || true)
if [ -z "$launcher" ]; then
  echo "mpirun not found: install MPI (apt-get install libscalapack-openmpi-dev openmpi-bin, or conda's scalapack + openmpi)" >&2
  exit 127
fi
prog=$1
shift
case "$prog" in
  deno | bun) [ -x "$root/node_modules/.bin/$prog" ] && prog="$root/node_modules/.bin/$prog" ;;
  node)
    [ -x "$root/node_modules/.bin/node" ] && prog="$root/node_modules/.bin/node"
    set -- --experimental-ffi --no-warnings "$@"
    ;;
esac
if "$launcher" --version 2>&1 | grep -q "Open MPI"; then
  flags=(--oversubscribe -x OPENBLAS_NUM_THREADS=1 -x OMP_NUM_THREADS=1 -x MKL_NUM_THREADS=1)
  [ "$(id -u)" = 0 ] && flags+=(--allow-run-as-root)
  # quiet the "no high-performance network" notice of a machine without one
  flags+=(--mca btl_base_warn_component_unused 0 --mca mpi_yield_when_idle 1)
else
  flags=(-genv OPENBLAS_NUM_THREADS 1 -genv OMP_NUM_THREADS 1 -genv MKL_NUM_THREADS 1)
fi
exec timeout --kill-after=10 "${DLAPACK_MPI_TIMEOUT:-600}" "$launcher" "${flags[@]}" -np "$n" "$prog" "$@"
