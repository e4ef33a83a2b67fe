// Files a reader explores on a published site (no server): kept in this browser's IndexedDB,
// never uploaded. A notebook names them as `crossexam-local://KEY/NAME`; the notebook frame's
// file reader (browser-runtime.ts) reads that scheme from here. On a static site the frame has
// the shell's origin, so it sees the same database.

export const LOCAL_SCHEME = "crossexam-local:";
const DB = "crossexam-files";
const STORE = "files";

/** The address a notebook gives a file kept in this browser. */
export function localFileUrl(key: string, name: string): string {
  return `${LOCAL_SCHEME}//${key}/${encodeURIComponent(name)}`;
}

/** A fresh key for one explored set of files (lower case: it is a URL host). */
export function newLocalKey(now = Date.now()): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`this browser cannot keep files (IndexedDB: ${request.error?.message})`));
  });
}

async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? request.error);
      tx.onabort = () => reject(tx.error ?? new Error("aborted"));
    });
  } finally {
    db.close();
  }
}

/** Keep the files under `key`. Throws a readable error when the browser refuses (storage full). */
export async function putLocalFiles(key: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  for (const f of files) {
    await transact("readwrite", (s) => s.put(f.bytes, `${key}/${f.name}`)).catch((e: Error) => {
      throw new Error(`this browser refused to keep ${f.name} (${e.message}): free some space, or use the dev server`);
    });
  }
}

/** The bytes of a `crossexam-local://KEY/NAME` address. */
export async function readLocalFile(url: URL): Promise<Uint8Array> {
  const id = `${url.host}/${decodeURIComponent(url.pathname.replace(/^\//, ""))}`;
  const value = await transact("readonly", (s) => s.get(id) as IDBRequest<Uint8Array | undefined>);
  if (!value) throw new Error("not kept in this browser (was its storage cleared, or is this another browser?)");
  return value;
}
