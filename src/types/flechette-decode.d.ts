// flechette's IPC message decoder (not in its typed index): used to read the stream part of an Arrow
// file on its own, to check it against the file's footer (src/data/arrow-check.ts).
declare module "@uwdata/flechette/src/decode/decode-ipc.js" {
  export function decodeIPC(data: Uint8Array): {
    schema?: { fields: Array<{ name: string; type: unknown }> };
    records: Array<{ length: number }>;
  };
}
