/* Wagtail's filter button shows how many filters are active, but its accessible name is only
   "Show filters", so a screen reader never hears the number people see (axe-core:
   label-content-name-mismatch). Keep the name and the visible count in step. */
(function () {
  'use strict';
  function sync(button) {
    var count = button.querySelector('.w-drilldown__count');
    if (!count) return;
    var base = button.dataset.baseLabel || button.getAttribute('aria-label') || '';
    button.dataset.baseLabel = base;
    var shown = !count.hidden && count.textContent.trim();
    button.setAttribute('aria-label', shown ? base + ' ' + count.textContent.trim() : base);
  }
  function init() {
    document.querySelectorAll('.w-slim-header-action-button').forEach(function (button) {
      sync(button);
      new MutationObserver(function () { sync(button); }).observe(button, {
        subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'],
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
