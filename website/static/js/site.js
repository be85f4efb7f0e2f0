// Progressive enhancement only: every page works without this file (the menu is a <details>,
// a video offers its link before any player).
(function () {
  "use strict";

  // The menu: folded behind its button on phones, always open on wide screens.
  var menu = document.querySelector("[data-site-menu]");
  if (menu) {
    var wide = window.matchMedia("(min-width: 48rem)");
    var apply = function () {
      menu.open = wide.matches;
      menu.classList.toggle("site-menu--wide", wide.matches);
    };
    apply();
    wide.addEventListener("change", apply);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // A video platform's player is loaded only when the reader asks for it, so the page makes no
  // outside request on its own and still shows its link when the platform cannot be reached.
  document.querySelectorAll("[data-video-embed]").forEach(function (box) {
    var template = box.querySelector("template");
    var button = box.querySelector("button[data-video-play]");
    if (!template || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var player = document.createElement("div");
      player.className = "video-player";
      player.appendChild(template.content.cloneNode(true));
      box.insertBefore(player, box.firstChild);
      button.remove();
      var frame = player.querySelector("iframe");
      if (frame) frame.focus();
    });
  });
})();
