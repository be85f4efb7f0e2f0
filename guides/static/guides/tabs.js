// Turns a guide's section links into ARIA tabs. Without this script every section stays on
// the page and the links jump to them, so nothing depends on it.
(function () {
  "use strict";
  function init(root) {
    var links = Array.prototype.slice.call(root.querySelectorAll("[data-tab-for]"));
    if (links.length < 2) return;
    var list = links[0].closest("ul");
    list.setAttribute("role", "tablist");
    var panels = links.map(function (link) {
      var panel = document.getElementById(link.getAttribute("data-tab-for"));
      link.setAttribute("role", "tab");
      link.id = link.id || "tab-" + panel.id;
      link.setAttribute("aria-controls", panel.id);
      link.parentNode.setAttribute("role", "presentation");
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", link.id);
      return panel;
    });
    function select(index, focus) {
      links.forEach(function (link, i) {
        var active = i === index;
        link.setAttribute("aria-selected", active ? "true" : "false");
        link.tabIndex = active ? 0 : -1;
        panels[i].hidden = !active;
      });
      if (focus) links[index].focus();
    }
    function fromHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      for (var i = 0; i < panels.length; i++) {
        if (panels[i].id === id || panels[i].querySelector("[id='" + id.replace(/'/g, "") + "']")) return i;
      }
      return -1;
    }
    links.forEach(function (link, i) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        select(i, false);
        if (history.replaceState) history.replaceState(null, "", "#" + panels[i].id);
      });
      link.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") next = (i + 1) % links.length;
        if (event.key === "ArrowLeft") next = (i - 1 + links.length) % links.length;
        if (event.key === "Home") next = 0;
        if (event.key === "End") next = links.length - 1;
        if (next !== null) { event.preventDefault(); select(next, true); }
      });
    });
    window.addEventListener("hashchange", function () { var i = fromHash(); if (i >= 0) select(i, false); });
    var start = fromHash();
    select(start >= 0 ? start : 0, false);
  }
  document.querySelectorAll("[data-guide-tabs]").forEach(init);
})();
