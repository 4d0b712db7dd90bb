// The JavaScript half of src/platform: storage (IndexedDB, through web/file_store.js), clipboard, files,
// share links and settings.
// The C++ side calls these through EM_JS (src/platform/web.cpp) as Module.dpWeb.<name>(...).
// Classic script: defines window.DurablePlaygroundWeb, used by index.html.
'use strict';

(function () {
  const SHARE_PREFIX = 'v1.';

  // --- base64url and deflate-raw (the browser's own CompressionStream) ---------------------------
  function bytesToBase64Url(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function base64UrlToBytes(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkProblem('the link is damaged: it contains characters a share link never has');
    const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  async function pipe(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }
  async function encodeShare(text) {
    const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
    return SHARE_PREFIX + bytesToBase64Url(packed);
  }
  // Share-link limits (issue 14: a 272 KB link inflated to 200 MB). The document may be at most as large as
  // any document the loader accepts (kMaxDocumentBytes in src/workflow/loader.hpp, 16 MB), and the link's
  // compressed part at most 1 MB of text (browsers keep addresses up to about 2 MB; the page's own links
  // warn past 2,000 characters).
  const SHARE_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
  const SHARE_MAX_LINK_CHARS = 1024 * 1024;
  // Why a link cannot be opened, in words the learner can act on (base64UrlToBytes, inflateLimited).
  class ShareLinkProblem extends Error {}
  // Inflates deflate-raw bytes, stopping as soon as the output passes `limit` bytes (a small link can
  // inflate to gigabytes).
  async function inflateLimited(bytes, limit) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (e) {
        // Chromium says only "Failed to fetch" or "Compression stream error" here: name the cause instead.
        throw new ShareLinkProblem('the link is damaged or cut short: its compressed data does not inflate');
      }
      if (step.done) break;
      total += step.value.length;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new ShareLinkProblem('its document is larger than ' + limit / 1048576 +
          ' MB, the playground\'s limit for a document');
      }
      chunks.push(step.value);
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
  // Returns {text} or {error}: a broken or tampered link must never crash the page.
  // A hash is "#<document>&<key>=<value>&…" (view settings after the document), or only the settings.
  function splitHash(hash) {
    const body = hash.replace(/^#/, '');
    const cut = body.indexOf('&');
    let documentPart = cut < 0 ? body : body.slice(0, cut);
    let parameters = cut < 0 ? '' : body.slice(cut + 1);
    if (documentPart.includes('=')) {
      parameters = body;
      documentPart = '';
    }
    return { documentPart, parameters: new URLSearchParams(parameters) };
  }
  async function decodeShare(hash) {
    const body = splitHash(hash).documentPart;
    if (!body.startsWith(SHARE_PREFIX)) return { error: 'unknown share link version (expected "#v1.…")' };
    const packed = body.slice(SHARE_PREFIX.length);
    if (packed.length > SHARE_MAX_LINK_CHARS) {
      return { error: 'the link is ' + packed.length.toLocaleString('en-US') + ' characters long; the ' +
        'playground opens links of at most ' + SHARE_MAX_LINK_CHARS.toLocaleString('en-US') + ' characters' };
    }
    let bytes;
    try {
      bytes = base64UrlToBytes(packed);
    } catch (e) {
      return { error: e instanceof ShareLinkProblem ? e.message : 'the link is damaged or cut short: its text is not base64url' };
    }
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(await inflateLimited(bytes, SHARE_MAX_DOCUMENT_BYTES));
      JSON.parse(text); // the C++ loader reports the details; here only "is it JSON at all"
      return { text };
    } catch (e) {
      if (e instanceof ShareLinkProblem) return { error: e.message };
      if (e instanceof SyntaxError) return { error: 'the link is damaged: its document is not JSON (' + e.message + ')' };
      if (e instanceof TypeError) return { error: 'the link is damaged: its document is not UTF-8 text' };
      return { error: 'the link is damaged (' + (e && e.message ? e.message : String(e)) + ')' };
    }
  }

  function create(statusHooks) {
    const web = {
      module: null,
      storage: { state: 'loading', error: '' },
      writer: false, // this tab holds the database's Web Lock (mountStorage)
      syncing: false,
      syncAgain: false,
      syncTimer: 0,
      syncPendingSince: 0, // performance.now() of the first request not yet synced, 0 when none
      completedSyncs: 0,
      clipboardText: '',
      uploads: [],
      shared: { present: false, text: '', error: '', link: '' },
      shareLink: '',
      defaultDocument: '',
      wake: function () {},
    };

    // --- storage ----------------------------------------------------------------------------------
    // Called from Module.preRun: keeps /data in memory (MEMFS) and loads the files saved in IndexedDB
    // (web/file_store.js) into it before main() runs.
    web.mountStorage = function (Module) {
      web.module = Module;
      const FS = Module.FS;
      FS.mkdir('/data');
      const memoryOnly = (why) => {
        web.storage = { state: 'memory_only', error: why };
      };
      if (typeof indexedDB === 'undefined') {
        memoryOnly('this browser offers no IndexedDB (private mode?)');
        return;
      }
      if (!window.DurablePlaygroundFileStore) {
        memoryOnly('the page\'s storage script, web/file_store.js, did not load');
        return;
      }
      if (new URLSearchParams(location.search).get('storage') === 'off') {
        memoryOnly('storage turned off by the ?storage=off address');
        return;
      }
      const store = window.DurablePlaygroundFileStore;
      const loadStarted = performance.now();
      try {
        web.files = store.create(FS, '/data');
        web.files.mountFiles();
      } catch (e) {
        web.files = null; // never synced: /data stays a plain folder in memory
        memoryOnly('the page could not watch its files for changes (' + store.describe(e) + ')');
        return;
      }
      Module.addRunDependency('dp-storage');
      let done = false;
      const finish = (why) => {
        if (done) return;
        done = true;
        if (why) memoryOnly(why);
        else web.storage = { state: 'ready', error: '' };
        Module.removeRunDependency('dp-storage');
      };
      // IndexedDB can hang forever in some private modes: give it 4 s, then carry on in memory.
      const timer = setTimeout(() => finish('IndexedDB did not answer within 4 s'), 4000);
      // readOnly: why this tab must not write (another tab does), or '' for the writing tab.
      const load = (readOnly) => {
        web.files.load().then(
          (loaded) => {
            // Too late: the page started without them and must not find its files replaced under it.
            if (done) return;
            clearTimeout(timer);
            try {
              web.files.apply(loaded);
            } catch (e) {
              finish('the saved files could not be put in memory (' + store.describe(e) + ')');
              return;
            }
            // For tools/bench-web: how long reading the saved files took, and how much there was.
            web.loadFigures = { ms: performance.now() - loadStarted, from: loaded.from, files: loaded.files.length,
              bytes: loaded.files.reduce((sum, f) => sum + f.bytes.length, 0) };
            finish(readOnly);
            // Files read from the old IDBFS database move to the chunk store at the first sync: now.
            if (loaded.from === 'IDBFS') web.requestSync();
          },
          (error) => {
            clearTimeout(timer);
            finish(error instanceof store.DamagedStore
              ? 'the executions saved in this browser are damaged: ' + error.message + '; they were left as they are'
              : 'IndexedDB refused to load (' + store.describe(error) + ')');
          });
      };
      // One writing tab (issue 14). Each tab holds its own copy of the files, so two writing tabs would
      // overwrite each other's executions (the chunk store's generation check would stop the second one
      // at its first sync). The first tab takes a Web Lock and keeps it until it closes (the browser
      // releases it then, however the tab ends); a second tab loads the saved executions, never syncs, and
      // says so (the memory-only notice). A reload waits briefly for the lock its previous page is releasing.
      if (navigator.locks && navigator.locks.request) {
        let granted = false;
        const giveUp = new AbortController();
        const wait = setTimeout(() => giveUp.abort(), 1500);
        navigator.locks
          .request('durable-playground-database', { signal: giveUp.signal }, () => {
            clearTimeout(wait);
            granted = true;
            web.writer = true;
            load('');
            return new Promise(() => {}); // held for the tab's lifetime
          })
          .catch(() => {
            if (!granted)
              load('the playground is open in another tab, which saves the executions; this tab shows them as ' +
                   'they were when it opened and keeps its own changes in memory');
          });
      } else {
        web.writer = true;
        load('');
      }
    };
    // A sync writes to IndexedDB the 4 KiB chunks of /data's files written since the previous sync
    // (web/file_store.js): after a commit, the pages SQLite changed, not the whole database. Requests are
    // still coalesced, as each sync is an IndexedDB transaction and a structured clone of its chunks on the
    // main thread:
    // - a sync starts 150 ms after the last request (a burst of commands is one sync), but at the latest
    //   2 s after the first request not yet synced: a run that commits every frame ("To end", Play) keeps
    //   renewing the 150 ms and would otherwise write nothing until it stops;
    // - at most one sync is in flight; a request made meanwhile starts one more when it finishes (what it
    //   committed may have missed the snapshot being written);
    // - the end of a run is its last request, so the final state always reaches IndexedDB 150 ms later;
    //   a hidden or closing page syncs at once (visibilitychange/pagehide below).
    // Figures for tools/bench-web and the tests: lastSyncBytes and syncedBytes (chunk bytes written by the
    // last sync and by all), lastSyncChunks, lastSyncFileBytes (the size of the files it saved), and per
    // sync in syncLog (the last 1,000): those, captureMs (the copy on the main thread) and writeMs (until
    // IndexedDB committed).
    web.syncLog = [];
    web.syncedBytes = 0;
    web.lastSyncBytes = 0;
    web.lastSyncChunks = 0;
    web.lastSyncFileBytes = 0;
    web.requestSync = function () {
      if (web.storage.state !== 'ready') return;
      const now = performance.now();
      if (!web.syncPendingSince) web.syncPendingSince = now;
      clearTimeout(web.syncTimer);
      web.syncTimer = setTimeout(web.syncNow, Math.max(0, Math.min(150, web.syncPendingSince + 2000 - now)));
    };
    // Saving stops for good after a failure; the files stay in memory and IndexedDB keeps the last sync.
    const stopSaving = (why) => {
      web.storage = { state: 'memory_only', error: why };
      web.wake();
    };
    const syncDone = () => {
      web.completedSyncs++;
      if (web.syncAgain) {
        web.syncAgain = false;
        web.syncNow();
      }
    };
    web.syncNow = function () {
      clearTimeout(web.syncTimer);
      web.syncPendingSince = 0;
      if (web.storage.state !== 'ready' || !web.files) return;
      if (web.syncing) {
        web.syncAgain = true;
        return;
      }
      // A sliced import keeps a transaction open across frames, and SQLite may already have written
      // uncommitted pages into the file: a copy now could save half an import. The sync runs when the
      // import commits or is cancelled (holdSyncs(false)); a page closed meanwhile keeps the last sync.
      if (web.syncsHeld) {
        web.syncHeldBack = true;
        return;
      }
      // The changed chunks are copied here, synchronously: the C++ side asks for a sync after a commit
      // and holds syncs while a transaction spans frames, so the files are consistent now.
      let snapshot;
      const started = performance.now();
      try {
        snapshot = web.files.capture();
      } catch (e) {
        stopSaving('the page could not read its files to save them: ' + window.DurablePlaygroundFileStore.describe(e));
        return;
      }
      if (!snapshot) {
        web.lastSyncBytes = 0;
        web.lastSyncChunks = 0;
        syncDone();
        return;
      }
      web.syncing = true;
      const captured = performance.now();
      web.files.write(snapshot, (error) => {
        web.syncing = false;
        if (error) {
          stopSaving(window.DurablePlaygroundFileStore.describeWriteFailure(error));
          return;
        }
        web.lastSyncBytes = snapshot.bytes;
        web.lastSyncChunks = snapshot.puts.length;
        web.lastSyncFileBytes = snapshot.fileBytes;
        web.syncedBytes += snapshot.bytes;
        if (web.syncLog.length >= 1000) web.syncLog.shift();
        web.syncLog.push({ bytes: snapshot.bytes, chunks: snapshot.puts.length, fileBytes: snapshot.fileBytes,
          captureMs: captured - started, writeMs: performance.now() - captured });
        syncDone();
      });
    };
    // True while something committed has not reached IndexedDB yet (a sync waits or runs).
    web.syncPending = function () {
      return web.syncPendingSince !== 0 || web.syncing || web.syncAgain || web.syncHeldBack;
    };
    web.syncsHeld = false;
    web.syncHeldBack = false;
    web.holdSyncs = function (held) {
      web.syncsHeld = held;
      if (!held && web.syncHeldBack) {
        web.syncHeldBack = false;
        web.requestSync();
      }
    };
    // The page may be closed at any moment once hidden: write now, not after the debounce.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') web.syncNow();
    });
    window.addEventListener('pagehide', () => web.syncNow());

    // --- clipboard --------------------------------------------------------------------------------
    web.copy = function (text) {
      web.clipboardText = text;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => {});
      }
    };
    // The Paste history button asks for the clipboard's text: the browser may refuse (no permission, no
    // focus), and the page then offers its text box.
    web.clipboardRead = null;
    web.readClipboard = function () {
      const answer = (ok, text) => {
        web.clipboardRead = { ok, text: text || '' };
        web.wake();
      };
      if (!navigator.clipboard || !navigator.clipboard.readText) {
        answer(false, 'this browser does not let pages read the clipboard');
        return;
      }
      navigator.clipboard.readText().then((text) => answer(true, text),
        (error) => answer(false, (error && error.message) || String(error)));
    };
    // Ctrl/Cmd+V reaches the canvas as a key; the text comes with the document's paste event, which the
    // browser fires right after, before the next frame reads the clipboard.
    document.addEventListener('paste', (event) => {
      const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      if (text) web.clipboardText = text;
      web.wake();
    });

    // --- files ------------------------------------------------------------------------------------
    web.download = function (name, mime, text) {
      const url = URL.createObjectURL(new Blob([text], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    };
    web.openPicker = function (accept) {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.style.display = 'none';
      input.addEventListener('change', () => {
        if (input.files && input.files[0]) web.readFile(input.files[0]);
        input.remove();
      });
      document.body.appendChild(input);
      input.click();
    };
    // A file arrives as bytes: a SQLite file (SAM local's store) is binary; a text file is decoded as UTF-8
    // (dropping a byte-order mark, as file.text() did) and handed on as its UTF-8 bytes. A large file (a
    // 100 MB history) is handed on as it is, byte-order mark dropped: decoding it and encoding it again took
    // 1.3 s of the page's thread in one piece; its bytes are UTF-8 already, and bytes that are not are
    // refused by the JSON reader with the event they are in, rather than replaced.
    const DECODE_AT_MOST = 8 * 1024 * 1024;
    web.readFile = function (file) {
      file.arrayBuffer().then((buffer) => {
        const bytes = new Uint8Array(buffer);
        const sqliteHeader = 'SQLite format 3\0';
        const isSqlite = bytes.length >= 16 && [...sqliteHeader].every((c, i) => bytes[i] === c.charCodeAt(0));
        const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        const contents = isSqlite ? bytes
          : bytes.length > DECODE_AT_MOST ? bytes.subarray(bom ? 3 : 0)
          : new TextEncoder().encode(new TextDecoder().decode(bytes));
        web.uploads.push({ name: file.name, bytes: contents });
        web.wake();
      });
    };
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]) web.readFile(e.dataTransfer.files[0]);
    });

    web.fetched = [];
    web.fetchText = function (url) {
      fetch(url)
        .then((r) => (r.ok ? r.text().then((text) => ({ text, ok: true })) : { text: 'HTTP ' + r.status, ok: false }))
        .catch((e) => ({ text: String(e), ok: false }))
        .then((result) => {
          web.fetched.push({ url, text: result.text, ok: result.ok });
          web.wake();
        });
    };

    // A lesson or script link typed or pasted into the address of the open page changes only the hash:
    // the page opens it then (src/platform/web_links.cpp). The page's own replaceState fires no event.
    web.storyLinkChanged = false;
    window.addEventListener('hashchange', () => {
      if (!/^#(lesson|script)=/.test(location.hash)) return;
      web.storyLinkChanged = true;
      web.wake();
    });

    // --- share links ------------------------------------------------------------------------------
    web.shareParameters = '';
    web.makeShareLink = function (text) {
      encodeShare(text).then((encoded) => {
        const hash = encoded + (web.shareParameters ? '&' + web.shareParameters : '');
        const link = location.origin + location.pathname + location.search + '#' + hash;
        history.replaceState(null, '', '#' + hash);
        web.shareLink = link;
        web.copy(link);
        web.wake();
      });
    };
    web.readShareLink = async function () {
      if (!location.hash || location.hash.length < 2 || !splitHash(location.hash).documentPart) return;
      if (/^#(lesson|script)=/.test(location.hash)) return; // a story link (src/platform/web_links.cpp)
      const result = await decodeShare(location.hash);
      web.shared = { present: true, text: result.text || '', error: result.error || '', link: location.href };
    };

    web.urlParameter = function (key) {
      const fromQuery = new URLSearchParams(location.search).get(key);
      if (fromQuery !== null) return fromQuery;
      const fromHash = splitHash(location.hash || '').parameters.get(key);
      return fromHash === null ? '' : fromHash;
    };
    web.toggleFullscreen = function () {
      const done = () => web.wake();
      if (document.fullscreenElement) {
        if (document.exitFullscreen) document.exitFullscreen().then(done, done);
      } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().then(done, done);
      }
    };

    // --- settings ---------------------------------------------------------------------------------
    web.loadSetting = function (key) {
      try {
        return localStorage.getItem('dp.' + key) || '';
      } catch (e) {
        return '';
      }
    };
    web.saveSetting = function (key, value) {
      try {
        localStorage.setItem('dp.' + key, value);
      } catch (e) {
        /* storage full or disabled: settings are a convenience */
      }
    };

    web.firstFrame = statusHooks.firstFrame;
    web.reportError = statusHooks.reportError;
    return web;
  }

  window.DurablePlaygroundWeb = { create, encodeShare, decodeShare, splitHash };
})();
