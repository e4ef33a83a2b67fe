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
