// Helpers for the tests of the page's storage (web/file_store.js): the files under /data as the page holds
// them in memory and as IndexedDB holds them, each reduced to its size and SHA-256, and the sync log.

// { path: { size, sha256 } } of every file under /data in the page's memory (MEMFS).
export async function filesInMemory(page) {
  return page.evaluate(async () => {
    const FS = window.dpModule.FS;
    const out = {};
    for (const name of FS.readdir('/data')) {
      const path = '/data/' + name;
      if (!FS.isFile(FS.stat(path).mode)) continue;
      const bytes = FS.readFile(path);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      out[path] = { size: bytes.length, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
    }
    return out;
  });
}

// The same for the files IndexedDB holds: the manifest's files put together from their chunks, read
// directly (not through the page's code), with the manifest's generation. Null when nothing is saved.
export async function filesInIndexedDB(page) {
  return page.evaluate(async () => {
    const result = (request) => new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    // Opening a missing database would create it (empty, without the page's stores): look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'durable-playground-files')) return null;
    const db = await result(indexedDB.open('durable-playground-files'));
    try {
      if (!db.objectStoreNames.contains('manifest')) return null;
      const tx = db.transaction(['chunks', 'manifest'], 'readonly');
      const [manifest, keys, chunks] = await Promise.all([
        result(tx.objectStore('manifest').get('files')),
        result(tx.objectStore('chunks').getAllKeys()),
        result(tx.objectStore('chunks').getAll()),
      ]);
      if (!manifest) return null;
      const files = {};
      for (const file of manifest.files) {
        const bytes = new Uint8Array(file.size);
        keys.forEach((key, i) => {
          if (key[0] !== file.path || key[1] >= file.chunks) return;
          const c = chunks[i];
          bytes.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), key[1] * manifest.chunkBytes);
        });
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        files[file.path] = { size: file.size, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
      }
      const stray = keys.filter((key) => !manifest.files.some((f) => f.path === key[0] && key[1] < f.chunks));
      return { generation: manifest.generation, files, chunks: keys.length, stray: stray.length };
    } finally {
      db.close();
    }
  });
}

// Names of the IndexedDB databases of the page's origin.
export async function databaseNames(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

// Waits until nothing committed is waiting to reach IndexedDB.
export async function syncsSettled(page, timeout = 60000) {
  await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout });
}
