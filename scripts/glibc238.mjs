// Makes a trixie-built shared library load on an older glibc (Debian 12 has 2.36) when its only
// GLIBC_2.38 symbol is __isoc23_strtol (C23's strtol, which also accepts "0b" prefixes): the
// import becomes plain strtol@GLIBC_2.2.5 and the GLIBC_2.38 requirement is marked weak.
// Used by scripts/flavours.mjs on its extracted copy of OpenBLAS 0.3.29, never on the system.
import { readFileSync, writeFileSync } from "node:fs";

/** Patches `file` in place; returns what it did. */
export function patchGlibc238(file) {
  const b = readFileSync(file);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) {
    throw new Error(`${file} is not a little-endian ELF64 file`);
  }
  const u16 = (o) => dv.getUint16(o, true);
  const u32 = (o) => dv.getUint32(o, true);
  const u64 = (o) => Number(dv.getBigUint64(o, true));
  const shoff = u64(0x28);
  const shentsize = u16(0x3a);
  const shnum = u16(0x3c);
  const sections = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({
      type: u32(o + 4),
      offset: u64(o + 0x18),
      size: u64(o + 0x20),
      link: u32(o + 0x28),
    });
  }
  const SHT_DYNSYM = 11, SHT_GNU_VERNEED = 0x6ffffffe, SHT_GNU_VERSYM = 0x6fffffff;
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  const versym = sections.find((s) => s.type === SHT_GNU_VERSYM);
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  const dynstr = sections[dynsym.link];
  const str = (o) => {
    let e = dynstr.offset + o;
    while (b[e] !== 0) e++;
    return b.toString("latin1", dynstr.offset + o, e);
  };
  // Walk the version needs: find GLIBC_2.38 (to weaken) and GLIBC_2.2.5 (strtol's version).
  let old = -1, base = -1, at = verneed.offset;
  for (;;) {
    const cnt = u16(at + 2);
    let aux = at + u32(at + 8);
    for (let k = 0; k < cnt; k++) {
      const name = str(u32(aux + 8));
      if (name === "GLIBC_2.38") {
        old = u16(aux + 6);
        dv.setUint16(aux + 4, u16(aux + 4) | 0x2, true); // VER_FLG_WEAK
      }
      if (name === "GLIBC_2.2.5") base = u16(aux + 6);
      const next = u32(aux + 12);
      if (next === 0) break;
      aux += next;
    }
    const next = u32(at + 12);
    if (next === 0) break;
    at += next;
  }
  if (old < 0) return "no GLIBC_2.38 requirement";
  if (base < 0) throw new Error(`${file} needs no GLIBC_2.2.5: cannot retarget`);
  const done = [];
  for (let i = 0; i < dynsym.size / 24; i++) {
    const o = dynsym.offset + i * 24;
    if (u16(versym.offset + 2 * i) !== old) continue;
    const name = str(u32(o));
    if (name !== "__isoc23_strtol") {
      throw new Error(`${file} needs ${name}@GLIBC_2.38, which has no older equivalent here`);
    }
    b.write("strtol\0", dynstr.offset + u32(o), "latin1");
    dv.setUint16(versym.offset + 2 * i, base, true);
    done.push(name);
  }
  writeFileSync(file, b);
  return `retargeted ${done.join(", ") || "nothing"} to GLIBC_2.2.5, GLIBC_2.38 made weak`;
}
