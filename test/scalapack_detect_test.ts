// The ScaLAPACK and MPI search lists are pure functions of (os, arch, env, exists): checked on
// fake file systems for each platform, with the overrides and the MPI family rule.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  mpiSearchList,
  scalapackInstallHint,
  scalapackSearchList,
} from "../ffi/scalapack_detect.ts";

const fs = (...paths: string[]) => (p: string) => paths.includes(p);
const DEB = "/usr/lib/x86_64-linux-gnu";

describe("scalapackSearchList", () => {
  test("DLAPACK_SCALAPACK is the whole list, split like DLAPACK_LIBRARY", () => {
    const env = { DLAPACK_SCALAPACK: "/a/libscalapack.so:/b/libscalapack.so" };
    const list = scalapackSearchList({ os: "linux", arch: "x64", env, exists: () => true });
    assert.deepEqual(list.map((c) => c.path), ["/a/libscalapack.so", "/b/libscalapack.so"]);
  });
  test("conda's environment comes before the system's packages", () => {
    const exists = fs("/opt/conda/lib/libscalapack.so", `${DEB}/libscalapack-openmpi.so.2.2`);
    const env = { CONDA_PREFIX: "/opt/conda" };
    const list = scalapackSearchList({ os: "linux", arch: "x64", env, exists });
    assert.deepEqual(list.slice(0, 2).map((c) => c.source), ["CONDA_PREFIX", "Debian/Ubuntu"]);
  });
  test("Debian: OpenMPI's build before MPICH's, then bare names for the loader", () => {
    const exists = fs(`${DEB}/libscalapack-mpich.so.2.2`, `${DEB}/libscalapack-openmpi.so.2.2`);
    const list = scalapackSearchList({ os: "linux", arch: "x86_64", env: {}, exists });
    assert.equal(list[0].path, `${DEB}/libscalapack-openmpi.so.2.2`);
    assert.equal(list[1].path, `${DEB}/libscalapack-mpich.so.2.2`);
    assert.ok(list.slice(2).every((c) => c.probeByOpening));
  });
  test("aarch64 looks in its own multiarch directory", () => {
    const p = "/usr/lib/aarch64-linux-gnu/libscalapack-openmpi.so.2.2";
    const list = scalapackSearchList({ os: "linux", arch: "arm64", env: {}, exists: fs(p) });
    assert.equal(list[0].path, p);
  });
  test("macOS: Homebrew, no bare names", () => {
    const p = "/opt/homebrew/lib/libscalapack.dylib";
    const list = scalapackSearchList({ os: "darwin", arch: "aarch64", env: {}, exists: fs(p) });
    assert.deepEqual(list.map((c) => c.path), [p]);
  });
});

describe("mpiSearchList", () => {
  test("DLAPACK_MPI is the whole list", () => {
    const env = { DLAPACK_MPI: "/x/libmpi.so.40" };
    const list = mpiSearchList({ os: "linux", arch: "x64", env, exists: () => true }, "/y/libs.so");
    assert.deepEqual(list.map((c) => c.source), ["DLAPACK_MPI"]);
  });
  test("the MPI beside ScaLAPACK, of its family, comes first", () => {
    const dir = "/opt/mpich/lib";
    const exists = fs(`${dir}/libmpich.so.12`, `${DEB}/libmpi.so.40`);
    const list = mpiSearchList(
      { os: "linux", arch: "x64", env: {}, exists },
      `${dir}/libscalapack-mpich.so.2.2`,
    );
    assert.deepEqual(list.slice(0, 2).map((c) => c.path), [
      `${dir}/libmpich.so.12`,
      `${DEB}/libmpi.so.40`,
    ]);
  });
  test("an OpenMPI ScaLAPACK looks for libmpi.so.40 first", () => {
    const exists = fs(`${DEB}/libmpi.so.40`, `${DEB}/libmpich.so.12`);
    const list = mpiSearchList(
      { os: "linux", arch: "x64", env: {}, exists },
      `${DEB}/libscalapack-openmpi.so.2.2`,
    );
    assert.equal(list[0].path, `${DEB}/libmpi.so.40`);
  });
});

test("the install hint names the Debian packages and conda's", () => {
  const h = scalapackInstallHint("linux");
  assert.match(h, /apt-get install libscalapack-openmpi-dev openmpi-bin/);
  assert.match(h, /conda install -c conda-forge scalapack openmpi/);
  assert.match(scalapackInstallHint("darwin"), /brew install scalapack open-mpi/);
});
