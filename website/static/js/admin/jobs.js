/* A long admin job's state (website/core/jobs.py), asked again every two seconds until it is
   done or failed; without the script the page shows the state it was rendered with. */
(function () {
  'use strict';
  function follow(box) {
    var url = box.dataset.backgroundJob;
    function ask() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (!state) return;
          box.dataset.jobStatus = state.status;
          box.className = box.className.replace(/background-job--\w+/, 'background-job--' + state.status);
          box.querySelector('[data-job-text]').textContent = state.text;
          var bar = box.querySelector('[data-job-progress]');
          bar.setAttribute('aria-label', state.text);
          if (state.total && !state.finished) { bar.hidden = false; bar.max = state.total; bar.value = state.done; }
          else bar.hidden = true;
          var link = box.querySelector('[data-job-result]');
          if (state.result_url) { link.href = state.result_url; link.hidden = false; }
          if (!state.finished) window.setTimeout(ask, 2000);
        })
        .catch(function () { window.setTimeout(ask, 2000); });
    }
    if (box.dataset.jobStatus !== 'done' && box.dataset.jobStatus !== 'failed') window.setTimeout(ask, 2000);
  }
  function init() { document.querySelectorAll('[data-background-job]').forEach(follow); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
