import { deflateRawSync } from "node:zlib";
import { UsageError } from "../errors.js";

/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record;
 * no ZIP64, no encryption): enough for a claim packet of a few photos, without a dependency.
 * Each file is deflated, or stored when deflating does not make it smaller (JPEG, PNG and
 * video already are compressed). Names are UTF-8 (flag bit 11).
 */

export interface ZipEntry {
  /** The path inside the archive, with "/" between folders; a folder ends with "/". */
  name: string;
  data: Uint8Array;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, the polynomial ZIP uses), table-driven. */
export function crc32(data: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time of a local "YYYY-MM-DDTHH:MM:SS" (two-second steps, from 1980). */
function dosDateTime(stamp: string): { date: number; time: number } {
  const [y, mo, d, h, mi, s] = stamp.split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  return { date: ((Math.max(y, 1980) - 1980) << 9) | (mo << 5) | d, time: (h << 11) | (mi << 5) | (s >> 1) };
}

const LIMIT = 0xffffffff;
const UNIX = 3 << 8; // "version made by": Unix, so the permission bits below are read
const NEEDED = 20; // deflate

/** The archive's bytes; `stamp` is every entry's modification time. */
export function zipArchive(entries: readonly ZipEntry[], stamp: string): Buffer {
  if (entries.length >= 0xffff)
    throw new UsageError(
      `${entries.length} files are too many for a zip; write the packet as a folder (without --zip)`,
    );
  const { date, time } = dosDateTime(stamp);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const folder = entry.name.endsWith("/");
    const deflated = folder ? entry.data : deflateRawSync(entry.data);
    const store = folder || deflated.length >= entry.data.length;
    const body = store ? entry.data : deflated;
    const crc = crc32(entry.data);
    if (entry.data.length >= LIMIT || offset + body.length >= LIMIT) {
      throw new UsageError(
        "the packet is over 4 GB, more than a zip without ZIP64 holds; write it as a folder (without --zip)",
      );
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(NEEDED, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(UNIX | NEEDED, 4);
    local.copy(header, 6, 4, 30); // needed, flags, method, time, date, crc, sizes, name length: as in the local header
    // 30-37: extra and comment lengths, disk, internal attributes: 0. Owner-only, like the evidence store.
    header.writeUInt32LE((folder ? 0o40700 * 0x10000 + 0x10 : 0o100600 * 0x10000) >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(body));
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
