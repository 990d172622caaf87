{% comment %}
Sinau's service worker, served at /sw.js by lms.offline.service_worker (docs/design.md, "Offline reading").
Needs: config (JSON: version, static, media, neverKept, kept), my_learning (its URL), LANGUAGE_CODE.
{% endcomment %}{% load i18n static %}// Sinau's service worker: lessons a signed-in reader opened, readable offline.
"use strict";

var CONFIG = {{ config|safe }};
// Shown for a page never opened on this phone while there is no connection.
var NOT_KEPT =
  '<!DOCTYPE html><html lang="{{ LANGUAGE_CODE|escapejs }}"><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Sinau</title>' +
  '<link rel="stylesheet" href="{% static "css/sinau.css" %}"><main id="main" class="container">' +
  "<h1>{% filter escapejs %}{% translate 'No connection' %}{% endfilter %}</h1>" +
  "<p>{% filter escapejs %}{% translate 'This page has not been opened on this phone before, so it cannot be read offline. Lessons you opened can still be read.' %}{% endfilter %}</p>" +
  '<p><a href="{{ my_learning|escapejs }}">{% filter escapejs %}{% translate "My learning" %}{% endfilter %}</a></p></main>';
// One reader's pages (and the images in them) at a time: the cache's name carries the
// reader's key from the page itself, and a page answered for anyone else (or for nobody)
// deletes the last reader's before anything is kept.
var PAGES = "sinau-pages-";
var IMAGES = "sinau-images";
// Static files are the same for everyone.
var ASSETS = "sinau-assets-" + CONFIG.version;
var MAX_ENTRIES = 80;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf("sinau-assets-") === 0 && name !== ASSETS;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

function keepsPage(path) {
  if (CONFIG.kept.indexOf(path) !== -1) return true;
  return !CONFIG.neverKept.some(function (prefix) {
    return path.indexOf(prefix) === 0;
  });
}

function trim(cache) {
  return cache.keys().then(function (requests) {
    if (requests.length > MAX_ENTRIES) return cache.delete(requests[0]).then(trim.bind(null, cache));
  });
}

// Forget every reader's pages but `keep`'s (all of them when `keep` is null).
function forgetOthers(keep) {
  return caches.keys().then(function (names) {
    var others = names.filter(function (name) {
      return name.indexOf(PAGES) === 0 && name !== keep;
    });
    var gone = others.map(function (name) {
      return caches.delete(name);
    });
    if (others.length || !keep) gone.push(caches.delete(IMAGES));
    return Promise.all(gone);
  });
}

// Keep a page answered by the network: a whole HTML page (200, same origin, not "no-store")
// under the reader named in it; a page with no reader (signed out) forgets the last one's.
function keepPage(url, response) {
  var type = response.headers.get("Content-Type") || "";
  var control = response.headers.get("Cache-Control") || "";
  if (response.status !== 200 || response.type !== "basic" || response.redirected) return Promise.resolve();
  if (type.indexOf("text/html") !== 0 || control.indexOf("no-store") !== -1) return Promise.resolve();
  var copy = response.clone();
  return response.text().then(function (html) {
    var reader = html.match(/<html[^>]*\sdata-reader="([0-9a-f]+)"/);
    var name = reader ? PAGES + reader[1] : null;
    return forgetOthers(name).then(function () {
      if (!name) return;
      return caches.open(name).then(function (cache) {
        return cache.put(url, copy).then(trim.bind(null, cache));
      });
    });
  });
}

function keptPage(url) {
  return caches.keys().then(function (names) {
    var mine = names.filter(function (name) {
      return name.indexOf(PAGES) === 0;
    });
    if (!mine.length) return undefined;
    return caches.open(mine[0]).then(function (cache) {
      return cache.match(url);
    });
  });
}

// Pages: the network first (the reader sees today's page and progress), the kept copy offline.
function networkFirst(event) {
  return fetch(event.request).then(
    function (response) {
      event.waitUntil(keepPage(event.request.url, response.clone()).catch(function () {}));
      return response;
    },
    function () {
      return keptPage(event.request.url).then(function (kept) {
        return kept || new Response(NOT_KEPT, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    }
  );
}

// Static files and lesson images: the kept copy at once, refreshed from the network behind it.
function keptThenNetwork(event, name) {
  return caches.open(name).then(function (cache) {
    return cache.match(event.request).then(function (kept) {
      var fresh = fetch(event.request).then(function (response) {
        if (response.status === 200 && response.type === "basic") {
          return cache
            .put(event.request, response.clone())
            .then(trim.bind(null, cache))
            .then(function () {
              return response;
            });
        }
        return response;
      });
      if (!kept) return fresh;
      event.waitUntil(fresh.catch(function () {}));
      return kept;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return; // posts (and what they answer) pass straight through
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (keepsPage(url.pathname)) event.respondWith(networkFirst(event));
  } else if (url.pathname.indexOf(CONFIG.static) === 0) {
    event.respondWith(keptThenNetwork(event, ASSETS));
  } else if (request.destination === "image" && url.pathname.indexOf(CONFIG.media) === 0) {
    event.respondWith(keptThenNetwork(event, IMAGES));
  }
});

// The page that registered the worker was loaded before the worker ran: it asks for itself
// to be kept (static/js/sinau.js).
self.addEventListener("message", function (event) {
  var url = event.data && event.data.keep;
  if (!url || new URL(url).origin !== self.location.origin || !keepsPage(new URL(url).pathname)) return;
  event.waitUntil(
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        return keepPage(url, response);
      })
      .catch(function () {})
  );
});
