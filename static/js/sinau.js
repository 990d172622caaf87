// Sinau's only script. The site works without it; it adds tap-to-load video players.
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
})();
