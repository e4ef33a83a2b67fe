// Bytes to parse, in chunks, and readable more than once (the CSV parser may take a second pass).
// A file is read in 4 MB pieces, so a table never needs its whole file in memory next to it.

export interface ChunkSource {
  /** total bytes, when known (used to size the columns before parsing) */
  readonly size?: number;
  /** a fresh reader from the first byte: each call gives the next chunk, null at the end */
  open(): () => Uint8Array | null;
}

/** Bytes already in memory: one chunk, not copied. */
export function memoryChunks(bytes: Uint8Array): ChunkSource {
  return {
    size: bytes.length,
    open() {
      let done = false;
      return () => (done ? null : ((done = true), bytes));
    },
  };
}

type SyncFs = Pick<typeof import("node:fs"), "openSync" | "readSync" | "closeSync" | "fstatSync">;

const CHUNK = 4 << 20;

/** A file read with synchronous reads in CHUNK-byte pieces (Node only: `fs` is handed in). */
export function fileChunks(fs: SyncFs, path: string): ChunkSource {
  const fd0 = fs.openSync(path, "r");
  const size = fs.fstatSync(fd0).size;
  fs.closeSync(fd0);
  return {
    size,
    open() {
      let fd: number | null = fs.openSync(path, "r");
      return () => {
        if (fd === null) return null;
        const chunk = new Uint8Array(CHUNK);
        let got = 0;
        while (got < CHUNK) {
          const n = fs.readSync(fd, chunk, got, CHUNK - got, null);
          if (n === 0) break;
          got += n;
        }
        if (got < CHUNK) { fs.closeSync(fd); fd = null; }
        return got === 0 ? null : got < CHUNK ? chunk.subarray(0, got) : chunk;
      };
    },
  };
}

/** Bytes read by position: a file's row groups are read where they lie, never the whole file at once. */
export interface ByteRanges {
  readonly size: number;
  /** bytes [at, at + length) into `into` from `offset` */
  copy(at: number, length: number, into: Uint8Array, offset: number): void;
  close(): void;
}

/** Bytes already in memory, read by position. */
export function memoryRanges(bytes: Uint8Array): ByteRanges {
  return {
    size: bytes.length,
    copy: (at, length, into, offset) => into.set(bytes.subarray(at, at + length), offset),
    close() {},
  };
}

/** A file read by position with synchronous reads (Node only: `fs` is handed in); `close` closes it. */
export function fileRanges(fs: SyncFs, path: string): ByteRanges {
  let fd: number | null = fs.openSync(path, "r");
  const size = fs.fstatSync(fd).size;
  return {
    size,
    copy(at, length, into, offset) {
      if (fd === null) throw new Error("the file was closed");
      let got = 0;
      while (got < length) {
        const n = fs.readSync(fd, into, offset + got, length - got, at + got);
        if (n === 0) throw new Error(`the file ends at byte ${at + got}, before ${at + length}`);
        got += n;
      }
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
