// Kindred service worker.
//
// The server serves /sw.js by prepending two lines to this file:
//   const KINDRED_VERSION = "<build id>";
//   const KINDRED_PRECACHE = ["/pkg/kindred.<hash>.css", ...];
// Both are read through `typeof` so this file still works on its own (tests, dev).
//
// Privacy rule: this worker caches static, anonymous files only: the hashed
// build assets, the manifest and icons, and the /crisis and /offline pages
// fetched WITHOUT cookies. It never stores a navigation response, a server
// function response, or anything under /me, /staff, /account or /feed, so no
// personal data ever lands on the device through it.

const VERSION = typeof KINDRED_VERSION === "string" ? KINDRED_VERSION : "dev";
const PRECACHE = typeof KINDRED_PRECACHE !== "undefined" && Array.isArray(KINDRED_PRECACHE) ? KINDRED_PRECACHE : [];
const CACHE = `kindred-static-${VERSION}`;
const CACHE_PREFIX = "kindred-";

// Pages that must work offline. Crisis help has to be reachable without a
// network; /offline is the fallback for every other page and links to /crisis.
const CRISIS_PAGE = "/crisis";
const OFFLINE_PAGE = "/offline";

// Last resort if even the cached pages are missing (e.g. storage was cleared).
const FALLBACK_HTML = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline - Kindred</title>
<body style="font-family:system-ui,sans-serif;line-height:1.5;margin:1.5rem;max-width:40rem">
<h1>You are offline</h1>
<p>If you are in crisis or thinking about harming yourself, help is available now, free and 24/7:</p>
<ul><li><a href="tel:988">Call 988</a> or <a href="sms:988">text 988</a> (Suicide &amp; Crisis Lifeline)</li>
<li>In an emergency, <a href="tel:911">call 911</a></li></ul></body></html>`;

// Never handled here: server functions, personal pages, staff pages, calendar feeds.
const BYPASS = [/^\/api(\/|$)/, /^\/me(\/|$)/, /^\/staff(\/|$)/, /^\/account(\/|$)/, /^\/feed(\/|$)/];

// Immutable (hashed) or static files: served cache-first.
const STATIC = [/^\/pkg\//, /^\/icons\//, /^\/manifest\.webmanifest$/];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...new Set(PRECACHE)]);
      // Fetched without cookies and bypassing the HTTP cache, so the stored
      // copies are the anonymous versions of these pages. A failure here fails
      // the install on purpose: the previous worker (with its offline crisis
      // page) then stays in charge instead of one that has none.
      await Promise.all(
        [CRISIS_PAGE, OFFLINE_PAGE].map(async (path) => {
          const response = await fetch(new Request(path, { credentials: "omit", cache: "reload" }));
          // A redirected response cannot answer a navigation, and a redirect
          // here would mean the page is not public: refuse it.
          if (!response.ok || response.redirected) {
            throw new Error(`precache ${path}: HTTP ${response.status}`);
          }
          await cache.put(path, response);
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (BYPASS.some((re) => re.test(url.pathname))) return; // straight to the network

  if (STATIC.some((re) => re.test(url.pathname))) {
    event.respondWith(cacheFirst(request, url));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request, url));
  }
  // Anything else (other same-origin GETs) is left to the browser.
});

// Hashed files never change under the same name, so a cached copy is always
// right. New /pkg/ files are stored in the current version's cache.
async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && url.pathname.startsWith("/pkg/")) {
    await cache.put(request, response.clone());
  }
  return response;
}

// Pages come from the network so people always see current, personal data.
// Their responses are NOT cached: a page may contain names, schedules or
// board posts, and a shared or lost phone must not reveal them. Offline, the
// two anonymous pages stored at install stand in.
async function networkFirstPage(request, url) {
  try {
    return await fetch(request);
  } catch {
    const cache = await caches.open(CACHE);
    const path = url.pathname === CRISIS_PAGE ? CRISIS_PAGE : OFFLINE_PAGE;
    const cached = (await cache.match(path)) || (await cache.match(CRISIS_PAGE));
    return (
      cached ||
      new Response(FALLBACK_HTML, {
        status: 503,
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          "Cache-Control": "no-store",
          "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
      })
    );
  }
}
