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
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        target.outerHTML = html;
      })
      .catch(function () {
        form.removeAttribute("data-enhance");
        form.submit();
      });
  });
})();
