// The progress page of a certificate issuance batch (Wagtail admin): polls the batch's JSON
// every 2 seconds and updates the counts in place, stopping when the batch is done. When it
// finishes with failures, the page reloads once to list them (a done page does not poll).
(function () {
  "use strict";

  var INTERVAL = 2000;
  var MAX_ERRORS = 5;

  function start(root) {
    var url = root.getAttribute("data-progress-url");
    if (!url || root.getAttribute("data-done") === "true" || !window.fetch) return;
    var bar = root.querySelector("[data-progress-bar]");
    var state = root.querySelector("[data-batch-state]");
    var errors = 0;

    function show(progress) {
      Object.keys(progress).forEach(function (key) {
        var cell = root.querySelector('[data-count="' + key + '"]');
        if (cell) cell.textContent = String(progress[key]);
      });
      if (bar) {
        bar.max = progress.requested;
        bar.value = progress.issued + progress.failed;
      }
    }

    function poll() {
      fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (progress) {
          errors = 0;
          show(progress);
          if (!progress.done) {
            window.setTimeout(poll, INTERVAL);
            return;
          }
          root.setAttribute("data-done", "true");
          if (state) state.textContent = state.getAttribute("data-label-done");
          if (progress.failed > 0) window.location.reload();
        })
        .catch(function () {
          // A dropped connection is tried again a few times; signed out or the server
          // away for longer: stop quietly, a reload shows the state.
          errors += 1;
          if (errors < MAX_ERRORS) window.setTimeout(poll, INTERVAL);
          else root.setAttribute("data-polling", "stopped");
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  function init() {
    var roots = document.querySelectorAll("[data-certificate-batch]");
    for (var i = 0; i < roots.length; i++) start(roots[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
