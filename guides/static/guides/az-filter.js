/* The A–Z list's keyword box filters the list already on the page as the reader types.
   The same words submitted with the form filter on the server (DatabaseListPage.databases),
   so the box works without JavaScript; this only saves the round trip. A word matches as a
   substring of a name, the vendor or a description, as on the server. */
(function () {
  "use strict";
  function setUp(form) {
    var input = form.querySelector('input[name="q"]');
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-az-text]"));
    var count = document.querySelector("[data-az-count]");
    var none = document.querySelector("[data-az-none]");
    if (!input || !items.length) return;
    var texts = items.map(function (item) { return item.getAttribute("data-az-text").toLowerCase(); });
    var timer = null;
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, i) {
        var match = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      document.querySelectorAll(".resources").forEach(function (list) {
        var section = list.closest("section");
        if (section) section.hidden = !list.querySelector("li:not([hidden])");
      });
      if (count) {
        count.textContent = shown === 1 ? count.getAttribute("data-one")
          : count.getAttribute("data-many").replace("{n}", shown);
      }
      if (none) none.hidden = shown > 0;
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 120);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-az-filter]").forEach(setUp);
  });
})();
