// Takaru Skills service worker (hand-written; why not Workbox: src/modules/pwa/README.md).
// Keeps, for use with no signal, only pages the server marks with X-Offline-Copy (a worker's own
// schedule, certificates and certificate cards) plus public files (styles, scripts, icons, the
// offline page). Never a POST answer, never an unmarked page. Emptied at logout.
'use strict';
var PAGES = 'takaru-pages-v1';
var STATIC = 'takaru-static-v1';
var OFFLINE_URL = '/offline';
var OWNER_KEY = '/__offline-owner';
var MAX_PAGES = 40;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(STATIC).then(function (c) {
    return c.addAll([OFFLINE_URL, '/public/icons/icon-192.png']);
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

/** Files the pages use (only from /public/, only this site): kept for the offline copies. */
self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type === 'clear') event.waitUntil(caches.delete(PAGES));
  if (data.type === 'keep-files' && Array.isArray(data.urls)) {
    var urls = data.urls.map(function (u) { return new URL(u, self.location.href); })
      .filter(function (u) { return sameOrigin(u) && u.pathname.indexOf('/public/') === 0; })
      .map(function (u) { return u.href; });
    event.waitUntil(caches.open(STATIC).then(function (c) {
      return Promise.all(urls.map(function (u) {
        return c.match(u).then(function (hit) { return hit || c.add(u).catch(function () {}); });
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
