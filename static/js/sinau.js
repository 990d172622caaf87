// The participant site's only script (kept instead of htmx: docs/design.md, "Interactivity").
// The site works without it; it adds tap-to-load video players and background form posts.
(function () {
  "use strict";

  function loadPlayer(figure) {
    var iframe = document.createElement("iframe");
    iframe.src = figure.getAttribute("data-video-player");
    iframe.title = figure.getAttribute("data-video-title") || "";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.className = "video__frame";
    var poster = figure.querySelector(".video__poster");
    figure.replaceChild(iframe, poster);
    iframe.focus();
  }

  document.addEventListener("click", function (event) {
    var poster = event.target.closest && event.target.closest(".video__poster");
    if (!poster) return;
    var figure = poster.closest("[data-video-player]");
    if (!figure) return;
    event.preventDefault();
    loadPlayer(figure);
  });

  // Offline reading (docs/design.md, "Offline reading"): for a signed-in reader the service
  // worker keeps the pages they open; a form marked data-offline-message (Tandai selesai)
  // pressed without a connection waits in localStorage, under the reader's key, and is
  // sent when the connection returns, with a fresh CSRF token. Signing out clears it all.
  var root = document.documentElement;
  var reader = root.getAttribute("data-reader");
  var OUTBOX = "sinau-outbox";

  if (reader && window.fetch && "serviceWorker" in navigator) {
    var controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker
      .register(root.getAttribute("data-sw"))
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        // This page came before the worker: ask it to keep the page too.
        if (!controlled && registration.active) registration.active.postMessage({ keep: location.href });
      })
      .catch(function () {});
  }

  function outbox() {
    try {
      return JSON.parse(localStorage.getItem(OUTBOX)) || [];
    } catch (error) {
      return [];
    }
  }

  function saveOutbox(items) {
    try {
      localStorage.setItem(OUTBOX, JSON.stringify(items));
    } catch (error) {}
  }

  function drop(item) {
    saveOutbox(
      outbox().filter(function (other) {
        return other.action !== item.action;
      })
    );
  }

  function formFor(action) {
    return Array.prototype.find.call(document.forms, function (form) {
      return form.action === action && form.hasAttribute("data-offline-message");
    });
  }

  function showQueued(form) {
    var button = form.querySelector("[type=submit]");
    if (button) button.hidden = true;
    if (form.querySelector(".completion__queued")) return;
    var note = document.createElement("p");
    note.className = "completion__queued";
    note.textContent = form.getAttribute("data-offline-message");
    form.appendChild(note);
  }

  var sending = false;
  function sendQueued() {
    if (sending || !reader || !outbox().length || !navigator.onLine) return;
    sending = true;
    fetch(root.getAttribute("data-offline-token"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) return;
        return outbox().reduce(function (previous, item) {
          return previous.then(function () {
            // Only the person who pressed it sends it: another reader's is dropped unsent.
            if (item.reader !== answer.reader) return drop(item);
            var body = new FormData();
            body.append("csrfmiddlewaretoken", answer.token);
            return fetch(item.action, {
              method: "POST",
              body: body,
              headers: { "HX-Request": "true" },
              credentials: "same-origin",
            }).then(function (response) {
              // Answered: done (marking done twice changes nothing) or refused for good.
              drop(item);
              var form = formFor(item.action);
              var target = form && form.closest(item.target);
              if (!response.ok || response.redirected || !target) return;
              return response.text().then(function (html) {
                target.outerHTML = html;
              });
            });
          });
        }, Promise.resolve());
      })
      .catch(function () {})
      .then(function () {
        sending = false;
      });
  }

  outbox().forEach(function (item) {
    var form = item.reader === reader && formFor(item.action);
    if (form) showQueued(form);
  });
  window.addEventListener("online", sendQueued);
  sendQueued();

  // Forms marked data-enhance="#target" post in the background and put the
  // returned fragment in place of #target (the server answers HX-Request like htmx);
  // without JavaScript they post normally and the page reloads.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var selector = form.getAttribute && form.getAttribute("data-enhance");
    if (!selector || !window.fetch) return;
    var target = document.querySelector(selector);
    if (!target) return;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    var answered = false;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    })
      .then(function (response) {
        answered = true;
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        target.outerHTML = html;
      })
      .catch(function () {
        if (!answered && reader && form.hasAttribute("data-offline-message")) {
          // No connection: keep it for when there is one.
          var items = outbox().filter(function (item) {
            return item.action !== form.action;
          });
          items.push({ action: form.action, target: selector, reader: reader });
          saveOutbox(items);
          if (button) button.disabled = false;
          showQueued(form);
          return;
        }
        form.removeAttribute("data-enhance");
        form.submit();
      });
  });
})();
