// Keeps the files of the page's /data folder (the SQLite database, the workflow, lesson progress) in
// IndexedDB as 4 KiB chunks, and writes at each sync only the chunks changed since the previous one
// (issue 12 item 5). Used by the storage part of web/platform.js; classic script, defines
// window.DurablePlaygroundFileStore.
//
// While the page runs the files live in Emscripten's MEMFS. Every write to a file under /data marks the
// chunks it touched (MEMFS's write, allocate and truncate are wrapped below). A sync takes the list of
// marked chunks at once, then writes them in ONE IndexedDB transaction together with the manifest that
// lists the files. IndexedDB transactions are atomic, so a crash or a closed tab leaves either the previous
// set of files or the new one, never a mix of the two. The chunks are copied as they are put, a slice of
// the page's time at a time (a 400 MB database after an import is 100,000 chunks: seconds in one piece);
// a write to a chunk not copied yet first copies the chunk as the sync took it (copy on write), so the
// transaction holds the files exactly as they were when the sync began.
//
// The database 'durable-playground-files', version 1:
// - store 'chunks': key [path, index] -> Uint8Array, chunkBytes long (a file's last chunk may be shorter);
// - store 'manifest': key 'files' -> { format: 1, generation, chunkBytes, files: [{ path, size, chunks }] }.
//   The generation counts the syncs; a sync writes only over the generation it last wrote or loaded, so two
//   writers (which the Web Lock in platform.js already prevents) could never interleave their chunks.
//
// Before this store the page used Emscripten's IDBFS (src/library_idbfs.js in Emscripten 3.1.6), which puts
// every changed file whole: the 32 MB database of a 10,000-step run, a structured clone of it on the main
// thread, at every sync. A browser that has an IDBFS database and no manifest yet loads its files from there once;
// the first sync writes them here and then deletes the IDBFS database (migration).
'use strict';

(function () {
  const DATABASE = 'durable-playground-files';
  const DATABASE_VERSION = 1;
  const CHUNKS = 'chunks';
  const MANIFEST = 'manifest';
  const MANIFEST_KEY = 'files';
  const FORMAT = 1;
  // SQLite's page size (4096, the default the store keeps), so a chunk is a page and a sync writes exactly
  // the pages the commits changed. A commit touches pages all over the file (page 1, the B-tree pages on
  // the path to each new row, leaves of the tables whose keys are not in insertion order): with 64 KiB
  // chunks nearly every chunk held one such page, and a sync during a 10,000-step run wrote 93% of the
  // file (median); with 4 KiB chunks, 36%, and 2% for a small execution after it (docs/page-storage.md).
  // A 32 MB file is 8,200 records.
  const CHUNK_BYTES = 4 * 1024;
  // IDBFS names its database after the mount point and keeps each file under its absolute path in the
  // store 'FILE_DATA' as { timestamp, mode, contents } (library_idbfs.js: DB_STORE_NAME, storeRemoteEntry).
  const IDBFS_STORE = 'FILE_DATA';
  // A sync puts chunks for at most this long before it lets the page draw (it goes on when IndexedDB has
  // taken the last one).
  const PUT_SLICE_MS = 12;
  // Growing a /data file (growInPlace below): in place from 1 MiB up to 2 GiB (the space a resizable
  // buffer reserves, not memory it takes); otherwise doubling, by at most 256 MiB a step.
  const GROW_IN_PLACE_FROM = 1024 * 1024;
  const GROW_IN_PLACE_MAX = 2 * 1024 * 1024 * 1024;
  const GROW_STEP_MAX = 256 * 1024 * 1024;
  let resizableBuffers = typeof ArrayBuffer.prototype.resize === 'function';

  // Saved files that cannot be put back together (a missing or short chunk).
  class DamagedStore extends Error {}
  // Another page wrote the files since this one last loaded or saved them, or upgraded the database.
  class AnotherPage extends Error {}

  function requestResult(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = (event) => {
        event.preventDefault();
        reject(request.error);
      };
    });
  }

  // Bytes as a Uint8Array, without a copy when they are a typed array already. MEMFS keeps a file's
  // contents in whatever typed array wrote them first (an Int8Array view of the wasm heap, for instance)
  // and IndexedDB gives back the same type; an old IDBFS entry may hold a plain array.
  function asBytes(data) {
    if (data instanceof Uint8Array) return data;
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return new Uint8Array(data);
  }

  // A reason the learner can read, from an IndexedDB or file system error.
  function describe(error) {
    if (!error) return 'no reason given';
    if (error.name === 'QuotaExceededError') return 'the browser\'s storage quota for this site is full';
    const name = error.name && error.name !== 'Error' ? error.name + ': ' : '';
    return name + (error.message || String(error));
  }

  function openDatabase() {
    const request = indexedDB.open(DATABASE, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(CHUNKS)) db.createObjectStore(CHUNKS);
      if (!db.objectStoreNames.contains(MANIFEST)) db.createObjectStore(MANIFEST);
    };
    return requestResult(request);
  }

  // Opens the IndexedDB database `name` only if it exists: opening without a version creates a missing
  // database, so the creation (the upgrade from version 0) is aborted.
  async function openIfPresent(name) {
    if (indexedDB.databases) {
      const present = await indexedDB.databases();
      if (!present.some((d) => d.name === name)) return null;
    }
    const request = indexedDB.open(name);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion === 0) request.transaction.abort();
    };
    try {
      return await requestResult(request);
    } catch (e) {
      if (e && e.name === 'AbortError') return null;
      throw e;
    }
  }

  // The files an IDBFS database holds under `mountpoint`, or null when there is no such database.
  async function readIdbfs(mountpoint, isFile) {
    const db = await openIfPresent(mountpoint);
    if (!db) return null;
    try {
      if (!db.objectStoreNames.contains(IDBFS_STORE)) return [];
      const store = db.transaction(IDBFS_STORE, 'readonly').objectStore(IDBFS_STORE);
      const [keys, entries] = await Promise.all([requestResult(store.getAllKeys()), requestResult(store.getAll())]);
      const files = [];
      keys.forEach((key, i) => {
        const entry = entries[i];
        if (typeof key !== 'string' || !key.startsWith(mountpoint + '/') || !entry || !isFile(entry.mode)) return;
        files.push({ path: key, bytes: asBytes(entry.contents || []) });
      });
      return files;
    } finally {
      db.close(); // deleteDatabase after the migration would wait for this connection
    }
  }

  // Puts the saved files back together from their chunks, checking that every chunk is there.
  function assemble(manifest, keys, chunks) {
    const chunkBytes = manifest.chunkBytes;
    const byPath = new Map();
    keys.forEach((key, i) => {
      if (!byPath.has(key[0])) byPath.set(key[0], []);
      byPath.get(key[0])[key[1]] = chunks[i];
    });
    return manifest.files.map((file) => {
      const bytes = new Uint8Array(file.size);
      const pieces = byPath.get(file.path) || [];
      for (let i = 0; i < file.chunks; i++) {
        const piece = pieces[i] && asBytes(pieces[i]);
        const expected = Math.min(chunkBytes, file.size - i * chunkBytes);
        if (!piece || piece.length !== expected) {
          throw new DamagedStore(file.path + ' lacks its chunk ' + (i + 1) + ' of ' + file.chunks);
        }
        bytes.set(piece, i * chunkBytes);
      }
      return { path: file.path, bytes };
    });
  }

  function create(FS, mountpoint) {
    const MEMFS = FS.filesystems.MEMFS;
    const files = {
      db: null,
      mount: null, // the MEMFS mount of `mountpoint`: a node is ours when node.mount === files.mount
      // What IndexedDB holds, per path: { node, size, chunks }. A path whose MEMFS node is another one
      // (the file was deleted and written again, or renamed over) is written whole.
      synced: new Map(),
      generation: 0, // of the manifest IndexedDB holds; 0 when there is none
      migratedFrom: '', // 'IDBFS' until the migrated files are written here
      closedBecause: '', // set when another page upgrades the database and this connection closes
      putSliceMs: undefined, // tests: a sync's slice length in place of PUT_SLICE_MS (0: one put a slice)
      keptForSync: 0, // chunks copied before a write because a sync in flight had not copied them yet
    };

    // Marks the chunks of `node` that bytes [start, end) fall in as changed since the last sync.
    function markChanged(node, start, end) {
      if (node.mount !== files.mount || end <= start) return;
      const changed = node.dpChangedChunks || (node.dpChangedChunks = new Set());
      for (let i = Math.floor(start / CHUNK_BYTES); i * CHUNK_BYTES < end; i++) changed.add(i);
    }

    // The chunk a sync put takes, as the file holds it now (a copy: IndexedDB clones the whole buffer
    // behind a view, so slice, not subarray).
    function copyChunk(put) {
      const data = asBytes(MEMFS.getFileDataAsTypedArray(put.node));
      return data.slice(put.index * CHUNK_BYTES, put.end);
    }

    // Before bytes [start, end) of `node` change: the chunks there that a sync in flight has not copied yet
    // are copied now, as the sync took them.
    function keepForSync(node, start, end) {
      const pending = node.dpPendingPuts;
      if (!pending || end <= start) return;
      for (let i = Math.floor(start / CHUNK_BYTES); i * CHUNK_BYTES < end; i++) {
        const put = pending.get(i);
        if (!put) continue;
        put.bytes = copyChunk(put);
        pending.delete(i);
        files.keptForSync++;
      }
    }

    // MEMFS keeps one table of file operations for every file node (MEMFS.ops_table, built with the first
    // node, so it exists once FS is initialised): wrapping its entries sees every write, whichever call made
    // it (write, pwrite, writeFile, msync of a shared mapping).
    function trackWrites() {
      const stream = MEMFS.ops_table.file.stream;
      const node = MEMFS.ops_table.file.node;
      const write = stream.write;
      stream.write = function (s, buffer, offset, length, position) {
        keepForSync(s.node, position, position + length);
        markChanged(s.node, position, position + length);
        return write.apply(this, arguments);
      };
      const allocate = stream.allocate;
      stream.allocate = function (s) {
        const before = s.node.usedBytes;
        const result = allocate.apply(this, arguments);
        markChanged(s.node, before, s.node.usedBytes);
        return result;
      };
      growInPlace();
      const setattr = node.setattr;
      node.setattr = function (n, attr) {
        const before = n.usedBytes;
        if (FS.isFile(n.mode) && attr && attr.size !== undefined && attr.size < before) {
          keepForSync(n, attr.size, before); // a truncation: the cut bytes may still be due in a sync
        }
        const result = setattr.apply(this, arguments);
        if (FS.isFile(n.mode) && n.usedBytes !== before) {
          markChanged(n, Math.min(before, n.usedBytes), Math.max(before, n.usedBytes));
        }
        return result;
      };
    }

    // MEMFS grows a file past 1 MiB by 12.5% at a time into a new array, copying all of it
    // (library_memfs.js, expandFileStorage): a database growing to 400 MB during an import was copied about
    // 50 times, 0.2-0.9 s each on the page's thread. A /data file past GROW_IN_PLACE_FROM lives in a
    // resizable ArrayBuffer instead (one copy into it, then it grows in place: no copy). Where the browser
    // has no resizable buffers, or the file outgrows GROW_IN_PLACE_MAX, it doubles (capped at
    // GROW_STEP_MAX per step), so a 400 MB file is copied a handful of times. MEMFS reads node.contents
    // through .length, .subarray and .set, which a length-tracking view over a resizable buffer answers as
    // a plain array does; usedBytes (what the chunk tracking and a sync read) is not touched here.
    function growInPlace() {
      const expand = MEMFS.expandFileStorage;
      MEMFS.expandFileStorage = function (node, newCapacity) {
        const contents = node.contents;
        const before = contents ? contents.length : 0;
        if (node.mount !== files.mount || newCapacity <= before || newCapacity < GROW_IN_PLACE_FROM) {
          return expand.apply(this, arguments);
        }
        const buffer = contents && contents.buffer;
        if (buffer && buffer.resizable && newCapacity <= buffer.maxByteLength) {
          // In place: only the pages of the new part are committed, so a step as MEMFS takes is enough.
          buffer.resize(Math.min(buffer.maxByteLength, Math.max(newCapacity, before + Math.floor(before / 8))));
          return;
        }
        const wanted = Math.max(newCapacity, before + Math.min(before, GROW_STEP_MAX));
        if (wanted <= GROW_IN_PLACE_MAX && resizableBuffers) {
          try {
            const grown = new Uint8Array(new ArrayBuffer(wanted, { maxByteLength: GROW_IN_PLACE_MAX }));
            if (node.usedBytes > 0) grown.set(contents.subarray(0, node.usedBytes));
            node.contents = grown;
            return;
          } catch (e) {
            resizableBuffers = false; // no room reserved for it: copy as below from now on
          }
        }
        const grown = new Uint8Array(wanted);
        if (node.usedBytes > 0) grown.set(contents.subarray(0, node.usedBytes));
        node.contents = grown;
      };
    }

    files.mountFiles = function () {
      files.mount = FS.mount(MEMFS, {}, mountpoint).mount;
      trackWrites();
    };

    function listFiles() {
      const found = [];
      const folders = [mountpoint];
      while (folders.length) {
        const folder = folders.pop();
        for (const name of FS.readdir(folder)) {
          if (name === '.' || name === '..') continue;
          const path = folder + '/' + name;
          const node = FS.lookupPath(path).node;
          if (FS.isDir(node.mode)) folders.push(path);
          else if (FS.isFile(node.mode)) found.push({ path, node });
        }
      }
      return found;
    }

    // Reads the saved files: from this store, or (once) from an IDBFS database. Resolves to
    // { files: [{ path, bytes }], from: 'chunks' | 'IDBFS' | '', manifest }; writes nothing into MEMFS (the
    // caller applies them, unless the page has started without them).
    files.load = async function () {
      files.db = await openDatabase();
      files.db.onversionchange = () => {
        files.db.close();
        files.closedBecause = 'the playground was updated in another tab; reload this one';
      };
      const transaction = files.db.transaction([CHUNKS, MANIFEST], 'readonly');
      const chunkStore = transaction.objectStore(CHUNKS);
      const [manifest, keys, chunks] = await Promise.all([
        requestResult(transaction.objectStore(MANIFEST).get(MANIFEST_KEY)),
        requestResult(chunkStore.getAllKeys()),
        requestResult(chunkStore.getAll()),
      ]);
      if (manifest) {
        if (manifest.format !== FORMAT) {
          throw new DamagedStore('they are in format ' + manifest.format + ', which this version does not read');
        }
        return { files: assemble(manifest, keys, chunks), from: 'chunks', manifest };
      }
      const migrated = await readIdbfs(mountpoint, (mode) => FS.isFile(mode));
      return migrated ? { files: migrated, from: 'IDBFS', manifest: null } : { files: [], from: '', manifest: null };
    };

    // Writes the loaded files into MEMFS; they count as synced when they came from this store.
    files.apply = function (loaded) {
      const sameChunks = loaded.manifest && loaded.manifest.chunkBytes === CHUNK_BYTES;
      for (const { path, bytes } of loaded.files) {
        FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
        FS.writeFile(path, bytes, { canOwn: true });
        const node = FS.lookupPath(path).node;
        node.dpChangedChunks = null;
        const chunks = Math.ceil(bytes.length / (loaded.manifest ? loaded.manifest.chunkBytes : CHUNK_BYTES));
        // Saved with another chunk size: written whole at the next sync (node null), old chunks deleted.
        if (loaded.manifest) files.synced.set(path, { node: sameChunks ? node : null, size: bytes.length, chunks });
      }
      if (loaded.manifest) files.generation = loaded.manifest.generation;
      if (loaded.from === 'IDBFS') files.migratedFrom = 'IDBFS';
    };

    // Copies, now, everything written since the last sync: the chunks to put, the chunk ranges to delete
    // and the next manifest. Null when IndexedDB already holds exactly these files.
    files.capture = function () {
      const puts = [];
      const deletes = [];
      const next = new Map();
      let bytes = 0;
      let fileBytes = 0;
      let changedAny = false;
      for (const { path, node } of listFiles()) {
        const size = node.usedBytes;
        const chunks = Math.ceil(size / CHUNK_BYTES);
        const before = files.synced.get(path);
        const changed = new Set(node.dpChangedChunks || []);
        node.dpChangedChunks = null;
        if (!before || before.node !== node) {
          for (let i = 0; i < chunks; i++) changed.add(i);
        } else if (before.size !== size) {
          // Every size change passes the wrapped calls; this only makes sure of the chunks around the end.
          const low = Math.min(before.size, size);
          for (let i = Math.floor(low / CHUNK_BYTES); i < chunks; i++) changed.add(i);
        }
        const written = [];
        for (const index of changed) {
          if (index >= chunks) continue; // cut off by a truncation: deleted below
          // Copied when it is put (files.write), or before a write changes it (keepForSync).
          const end = Math.min(size, (index + 1) * CHUNK_BYTES);
          const put = { key: [path, index], node, index, end, bytes: null };
          puts.push(put);
          if (!node.dpPendingPuts) node.dpPendingPuts = new Map();
          node.dpPendingPuts.set(index, put);
          written.push(index);
          bytes += end - index * CHUNK_BYTES;
        }
        if (before && before.chunks > chunks) {
          deletes.push(IDBKeyRange.bound([path, chunks], [path, before.chunks - 1]));
        }
        if (!before || before.size !== size || written.length) changedAny = true;
        next.set(path, { node, size, chunks, written });
        fileBytes += size;
      }
      for (const [path, before] of files.synced) {
        if (next.has(path)) continue;
        changedAny = true;
        if (before.chunks > 0) deletes.push(IDBKeyRange.bound([path, 0], [path, before.chunks - 1]));
      }
      if (!changedAny && !files.migratedFrom) {
        release(puts);
        return null;
      }
      const manifest = {
        format: FORMAT,
        generation: files.generation + 1,
        chunkBytes: CHUNK_BYTES,
        files: [...next].map(([path, f]) => ({ path, size: f.size, chunks: f.chunks })),
      };
      return { puts, deletes, manifest, next, bytes, fileBytes };
    };

    // The sync no longer needs the chunks it has not copied: writes go on without copying them.
    function release(puts) {
      for (const put of puts) {
        if (put.node.dpPendingPuts) put.node.dpPendingPuts = null;
      }
    }

    // After a failed write the captured chunks are marked again, so a later sync would write them.
    function markAgain(snapshot) {
      for (const f of snapshot.next.values()) {
        if (!f.written.length) continue;
        const changed = f.node.dpChangedChunks || (f.node.dpChangedChunks = new Set());
        for (const index of f.written) changed.add(index);
      }
    }

    // Writes a captured snapshot in one transaction; done(error) once it is committed or has failed. The
    // chunks are copied and put PUT_SLICE_MS at a time; the next slice starts when IndexedDB has taken the
    // last put (a request's success event keeps the transaction open for more requests).
    files.write = function (snapshot, done) {
      let failure = null;
      let transaction;
      try {
        if (files.closedBecause) throw new AnotherPage(files.closedBecause);
        transaction = files.db.transaction([CHUNKS, MANIFEST], 'readwrite');
      } catch (e) {
        release(snapshot.puts);
        markAgain(snapshot);
        done(e);
        return;
      }
      const chunkStore = transaction.objectStore(CHUNKS);
      const manifestStore = transaction.objectStore(MANIFEST);
      const held = manifestStore.get(MANIFEST_KEY);
      held.onsuccess = () => {
        const generation = held.result ? held.result.generation : 0;
        try {
          if (generation !== files.generation) {
            // Writing this tab's chunks over another page's would mix two databases page by page.
            throw new AnotherPage('another tab saved its own copy of the executions since this tab loaded them');
          }
          for (const range of snapshot.deletes) chunkStore.delete(range);
        } catch (e) {
          failure = e;
          transaction.abort();
          return;
        }
        putSlice();
      };
      let next = 0;
      const putSlice = () => {
        const began = performance.now();
        try {
          let last = null;
          while (next < snapshot.puts.length) {
            const put = snapshot.puts[next++];
            if (put.node.dpPendingPuts) put.node.dpPendingPuts.delete(put.index);
            last = chunkStore.put(put.bytes || copyChunk(put), put.key);
            put.bytes = null; // IndexedDB has its clone
            if (performance.now() - began >= (files.putSliceMs ?? PUT_SLICE_MS)) break;
          }
          if (next < snapshot.puts.length) {
            last.onsuccess = putSlice;
            return;
          }
          release(snapshot.puts);
          manifestStore.put(snapshot.manifest, MANIFEST_KEY);
        } catch (e) {
          failure = e;
          transaction.abort();
        }
      };
      transaction.oncomplete = () => {
        files.generation = snapshot.manifest.generation;
        files.synced = new Map();
        for (const [path, f] of snapshot.next) files.synced.set(path, { node: f.node, size: f.size, chunks: f.chunks });
        if (files.migratedFrom) {
          files.migratedFrom = '';
          // Moved: the old copy is no longer read. Waits for other tabs' IDBFS connections, if any.
          indexedDB.deleteDatabase(mountpoint);
        }
        done(null);
      };
      transaction.onabort = () => {
        release(snapshot.puts);
        markAgain(snapshot);
        done(failure || transaction.error || new Error('IndexedDB aborted the write'));
      };
    };

    return files;
  }

  // Why a sync failed, for the "Saving stopped (...)" notice.
  function describeWriteFailure(error) {
    return error instanceof AnotherPage ? error.message : 'IndexedDB refused the write: ' + describe(error);
  }

  window.DurablePlaygroundFileStore = { create, describe, describeWriteFailure, DamagedStore, DATABASE, CHUNK_BYTES };
})();
