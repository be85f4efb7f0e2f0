/* The note archive in the admin: OCR states that refresh themselves, uploads one file per
   request with their progress, and a scan that can be zoomed and panned (mouse, touch or
   keyboard). Every part acts only on the elements that ask for it, and the pages work
   without it (plain multi-file form, reload to see a new state). */
(function () {
  'use strict';

  var POLL_MS = 2000;
  var FINISHED = { done: true, failed: true };

  function statusTag(state, label) {
    var tag = document.createElement('span');
    tag.className = 'w-status' + (state === 'done' ? ' w-status--primary' : '');
    tag.textContent = label;
    return tag;
  }

  function showState(element, info) {
    element.dataset.ocrState = info.ocr;
    element.replaceChildren(statusTag(info.ocr, info.ocr_label));
    if (info.ocr === 'failed' && info.error) {
      var reason = document.createElement('span');
      reason.className = 'archive-ocr-error';
      reason.textContent = ' ' + info.error;
      element.appendChild(reason);
    }
    element.dispatchEvent(new CustomEvent('archive:ocr-state', { bubbles: true, detail: info }));
  }

  /* Ask the status view about every unfinished item on the page, until none is left. */
  var polling = null;
  function poll() {
    var waiting = Array.prototype.filter.call(
      document.querySelectorAll('[data-ocr-item]'),
      function (el) { return !FINISHED[el.dataset.ocrState]; }
    );
    if (!waiting.length) { polling = null; return; }
    var url = waiting[0].dataset.ocrStatusUrl;
    var query = waiting.map(function (el) { return 'id=' + encodeURIComponent(el.dataset.ocrItem); });
    fetch(url + '?' + query.join('&'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (data) {
        data.items.forEach(function (info) {
          waiting.forEach(function (el) {
            if (String(info.id) === el.dataset.ocrItem && info.ocr !== el.dataset.ocrState) showState(el, info);
          });
        });
      })
      .catch(function () { /* the next round asks again */ })
      .then(function () { polling = window.setTimeout(poll, POLL_MS); });
  }
  function startPolling() {
    if (polling === null) polling = window.setTimeout(poll, POLL_MS);
  }

  /* The editor: when the draft arrives while the page is open, an empty text box gets it. */
  document.addEventListener('archive:ocr-state', function (event) {
    var box = document.querySelector('textarea[name=transcription]');
    if (box && event.detail.finished && event.detail.draft && !box.value.trim()) box.value = event.detail.draft;
  });

  /* Upload: one request per file, each with its own progress bar and then its OCR state. */
  function setUpUpload(form) {
    var input = form.querySelector('input[type=file]');
    var list = form.parentNode.querySelector('[data-archive-upload-list]');
    var button = form.querySelector('button[type=submit]');
    var strings = JSON.parse(document.getElementById('archive-upload-strings').textContent);
    if (!input || !list || !window.FormData || !window.XMLHttpRequest) return;

    function row(file) {
      var item = document.createElement('li');
      item.className = 'archive-upload-item';
      var name = document.createElement('span');
      name.className = 'archive-upload-name';
      name.textContent = file.name;
      var bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-label', strings.progress.replace('%(name)s', file.name));
      var state = document.createElement('span');
      state.className = 'archive-upload-state';
      state.setAttribute('aria-live', 'polite');
      state.textContent = strings.queued;
      item.append(name, bar, state);
      list.appendChild(item);
      return { item: item, bar: bar, state: state };
    }

    function send(file, view) {
      return new Promise(function (resolve) {
        var data = new FormData();
        data.append('csrfmiddlewaretoken', form.querySelector('[name=csrfmiddlewaretoken]').value);
        var consent = form.querySelector('[name=consent_public]');
        if (consent && consent.checked) data.append('consent_public', 'on');
        data.append('files', file, file.name);
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action || window.location.href);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.addEventListener('progress', function (event) {
          if (event.lengthComputable) {
            view.bar.value = Math.round((event.loaded / event.total) * 100);
            view.state.textContent = strings.uploading + ' ' + view.bar.value + '%';
          }
        });
        xhr.addEventListener('load', function () {
          view.bar.value = 100;
          var answer;
          try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = { items: [], errors: [strings.failed] }; }
          view.state.replaceChildren();
          (answer.items || []).forEach(function (info) {
            var link = document.createElement('a');
            link.href = info.edit_url;
            link.textContent = info.label;
            var tag = document.createElement('span');
            tag.dataset.ocrItem = info.id;
            tag.dataset.ocrStatusUrl = form.dataset.statusUrl;
            tag.setAttribute('aria-live', 'polite');
            showState(tag, info);
            view.state.append(link, ' ', tag);
            if (info.duplicate) view.state.append(' ' + strings.duplicate);
          });
          (answer.errors || []).forEach(function (message) {
            var error = document.createElement('span');
            error.className = 'error-message';
            error.setAttribute('role', 'alert');
            error.textContent = message;
            view.state.appendChild(error);
            view.item.classList.add('archive-upload-item--refused');
          });
          resolve();
        });
        xhr.addEventListener('error', function () {
          view.state.textContent = strings.failed;
          view.item.classList.add('archive-upload-item--refused');
          resolve();
        });
        xhr.send(data);
      });
    }

    form.addEventListener('submit', function (event) {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return; // the server answers "choose a file"
      event.preventDefault();
      list.hidden = false;
      var views = files.map(row);
      var chain = Promise.resolve();
      files.forEach(function (file, index) {
        chain = chain.then(function () { return send(file, views[index]); });
      });
      chain.then(function () {
        input.value = '';
        // Wagtail's w-progress controller gives the button back when loading turns false
        if (button) button.setAttribute('data-w-progress-loading-value', 'false');
        startPolling();
      });
    });
  }

  /* Zoom and pan: buttons, keys (+ − 0, arrows scroll), drag, and ctrl + wheel. */
  function setUpZoom(box) {
    var image = box.querySelector('img');
    var viewport = box.querySelector('[data-scan-viewport]');
    if (!image || !viewport) return;
    var scale = 1;
    function apply(next) {
      scale = Math.min(6, Math.max(1, next));
      image.style.width = (scale * 100) + '%';
      image.style.maxWidth = 'none';
      box.querySelector('[data-scan-level]').textContent = Math.round(scale * 100) + '%';
    }
    box.querySelectorAll('[data-scan-zoom]').forEach(function (control) {
      control.hidden = false;
      control.addEventListener('click', function () {
        var action = control.dataset.scanZoom;
        apply(action === 'in' ? scale * 1.5 : action === 'out' ? scale / 1.5 : 1);
      });
    });
    box.querySelector('[data-scan-level]').hidden = false;
    viewport.addEventListener('keydown', function (event) {
      if (event.key === '+' || event.key === '=') { apply(scale * 1.5); event.preventDefault(); }
      else if (event.key === '-') { apply(scale / 1.5); event.preventDefault(); }
      else if (event.key === '0') { apply(1); event.preventDefault(); }
    });
    viewport.addEventListener('wheel', function (event) {
      if (!event.ctrlKey) return;
      event.preventDefault();
      apply(event.deltaY < 0 ? scale * 1.2 : scale / 1.2);
    }, { passive: false });
    var drag = null;
    viewport.addEventListener('pointerdown', function (event) {
      if (scale === 1) return;
      drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
      viewport.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    viewport.addEventListener('pointermove', function (event) {
      if (!drag) return;
      viewport.scrollLeft = drag.left - (event.clientX - drag.x);
      viewport.scrollTop = drag.top - (event.clientY - drag.y);
    });
    ['pointerup', 'pointercancel'].forEach(function (name) {
      viewport.addEventListener(name, function () { drag = null; });
    });
    image.addEventListener('dragstart', function (event) { event.preventDefault(); });
  }

  function init() {
    document.querySelectorAll('form[data-archive-upload]').forEach(setUpUpload);
    document.querySelectorAll('[data-scan]').forEach(setUpZoom);
    startPolling();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
