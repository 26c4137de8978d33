// Takaru Skills service worker (hand-written; why not Workbox: src/modules/pwa/README.md).
// Keeps, for use with no signal, only pages the server marks with X-Offline-Copy (a worker's own
// schedule, certificates and certificate cards) plus public files (styles, scripts, icons, the
// offline page). Never a POST answer, never an unmarked page. Emptied at logout.
// Pages link their files under fingerprinted names (/assets/css/app.<hash>.css): one version of each
// file is kept, and a kept page naming an earlier version gets the kept one when there is no signal.
'use strict';
var PAGES = 'takaru-pages-v1';
var STATIC = 'takaru-static-v2';
var OFFLINE_URL = '/offline';
var OWNER_KEY = '/__offline-owner';
var MAX_PAGES = 40;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(STATIC).then(function (c) {
    return c.addAll([OFFLINE_URL, '/public/icons/icon-192.png']).then(function () {
      return c.match(OFFLINE_URL);
    }).then(function (page) { return page.text(); }).then(function (html) {
      // The offline page names its own stylesheet and icon: keep them with it.
      var urls = [];
      html.replace(/(?:href|src)="(\/assets\/[^"]+)"/g, function (_, u) { urls.push(u); return _; });
      return Promise.all(urls.map(function (u) { return keepAsset(c, new Request(u)); }));
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== PAGES && k !== STATIC; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function sameOrigin(url) {
  return url.origin === self.location.origin;
}

function isFile(url) {
  return url.pathname.indexOf('/public/') === 0 || url.pathname.indexOf('/assets/') === 0;
}

/** `/assets/css/app.<hash>.css` → `/assets/css/app.css`: the file, whatever its version. */
function fileOf(url) {
  var m = /^(\/assets\/.+)\.[0-9a-f]{10}(\.[a-z0-9]+)$/.exec(new URL(url, self.location.href).pathname);
  return m ? m[1] + m[2] : null;
}

/** Fetches and keeps a fingerprinted file, dropping the earlier versions of the same file. */
function keepAsset(cache, req) {
  return fetch(req).then(function (res) {
    if (!res.ok || res.type !== 'basic') return res;
    var file = fileOf(req.url);
    return cache.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.url !== req.url && file && fileOf(k.url) === file; })
        .map(function (k) { return cache.delete(k); }));
    }).then(function () { return cache.put(req, res.clone()); }).then(function () { return res; });
  });
}

/** A fingerprinted name never changes its content: the kept copy is the answer, the network only for a new one. */
function cacheFirst(req) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(req, { ignoreVary: true }).then(function (hit) {
      if (hit) return hit;
      return keepAsset(cache, req).catch(function (err) {
        // No signal, and a kept page names an earlier version of the file: the version kept now.
        var file = fileOf(req.url);
        return cache.keys().then(function (keys) {
          var same = keys.filter(function (k) { return file && fileOf(k.url) === file; })[0];
          if (same) return cache.match(same, { ignoreVary: true });
          throw err;
        });
      });
    });
  });
}

/** Files the pages use (only from /public/ and /assets/, only this site): kept for the offline copies. */
self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type === 'clear') event.waitUntil(caches.delete(PAGES));
  if (data.type === 'keep-files' && Array.isArray(data.urls)) {
    var urls = data.urls.map(function (u) { return new URL(u, self.location.href); })
      .filter(function (u) { return sameOrigin(u) && isFile(u); })
      .map(function (u) { return u.href; });
    event.waitUntil(caches.open(STATIC).then(function (c) {
      return Promise.all(urls.map(function (u) {
        return c.match(u, { ignoreVary: true }).then(function (hit) {
          if (hit) return hit;
          return (fileOf(u) ? keepAsset(c, new Request(u)) : c.add(u)).catch(function () {});
        });
      }));
    }));
  }
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (!sameOrigin(url)) return;
  if (req.method !== 'GET') {
    // Logging out empties the private copies at once (the answer's Clear-Site-Data does it too).
    if (req.method === 'POST' && url.pathname === '/logout') event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (url.pathname.indexOf('/assets/') === 0) {
    event.respondWith(cacheFirst(req));
    return;
  }
  if (url.pathname.indexOf('/public/') === 0) {
    event.respondWith(staleWhileRevalidate(req, event));
    return;
  }
  if (req.mode === 'navigate') event.respondWith(networkFirst(req));
});

function staleWhileRevalidate(req, event) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(req).then(function (hit) {
      var fresh = fetch(req).then(function (res) {
        if (res.ok && res.type === 'basic') return cache.put(req, res.clone()).then(function () { return res; });
        return res;
      });
      if (hit) {
        event.waitUntil(fresh.catch(function () {}));
        return hit;
      }
      return fresh;
    });
  });
}

function networkFirst(req) {
  return fetch(req).then(function (res) {
    return keep(req, res).then(function () { return res; }, function () { return res; });
  }, function () {
    return caches.open(PAGES).then(function (cache) { return cache.match(req); }).then(function (hit) {
      if (hit) return fromCache(hit);
      return caches.open(STATIC).then(function (c) { return c.match(OFFLINE_URL); }).then(function (offline) {
        return offline || Response.error();
      });
    });
  });
}

/** Keeps a marked page; an answer that sends the visitor to the login page means the copies' owner is gone. */
function keep(req, res) {
  var owner = res.headers.get('X-Offline-Copy');
  return caches.open(PAGES).then(function (cache) {
    if (!owner || !res.ok || res.redirected || res.type !== 'basic') {
      if (res.redirected && new URL(res.url).pathname === '/login') return caches.delete(PAGES);
      return cache.delete(req);
    }
    var copy = res.clone();
    return cache.match(OWNER_KEY).then(function (stored) { return stored ? stored.text() : null; }).then(function (was) {
      // Another account's pages on this device: drop the earlier owner's copies first.
      if (was !== owner) {
        return caches.delete(PAGES).then(function () { return caches.open(PAGES); }).then(function (fresh) {
          return fresh.put(OWNER_KEY, new Response(owner)).then(function () { return fresh; });
        });
      }
      return cache;
    }).then(function (target) {
      return target.put(req, copy).then(function () { return trim(target); });
    });
  });
}

function trim(cache) {
  return cache.keys().then(function (keys) {
    var pages = keys.filter(function (k) { return new URL(k.url).pathname !== OWNER_KEY; });
    return Promise.all(pages.slice(0, Math.max(0, pages.length - MAX_PAGES)).map(function (k) { return cache.delete(k); }));
  });
}

/** The kept copy, with its "shown from the copy on this phone" banner switched on. */
function fromCache(hit) {
  return hit.text().then(function (html) {
    var headers = new Headers(hit.headers);
    headers.set('X-Served-From', 'offline-copy');
    return new Response(html.replace('data-offline-banner hidden', 'data-offline-banner'), { status: 200, headers: headers });
  });
}
