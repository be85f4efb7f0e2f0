// As the reader types an ISBN or a title, offer the matching catalogue records (and say when
// the book was already recommended). Without JavaScript the form has a "look it up" button.
(function () {
  "use strict";
  var form = document.querySelector("form[data-match-url]");
  if (!form) return;
  var box = form.querySelector("[data-book-matches]");
  var fields = ["isbn", "title", "author"].map(function (name) { return form.elements[name]; });
  var timer = null;
  var lastQuery = "";

  function hidden(value) {
    box.textContent = "";
    var input = document.createElement("input");
    input.type = "hidden"; input.name = "book"; input.value = value || "";
    box.appendChild(input);
  }

  function chosen() {
    var checked = box.querySelector("input[name=book]:checked");
    return checked ? checked.value : "";
  }

  // Nothing is chosen for the reader unless a record is the same book by the library's rules
  // (its ISBN, or the same title and author): then that one, as the library would link it.
  // A list of mere title suggestions waits for the reader's own answer.
  function show(results) {
    if (!results.length) { hidden(""); return; }
    var previous = chosen();
    var another = box.dataset.another || "another";
    var keep = previous && (previous === another || results.some(function (book) { return String(book.id) === previous; }));
    var preselect = keep ? previous : "";
    if (!keep) {
      for (var i = 0; i < results.length; i++) {
        if (results[i].same_book) { preselect = String(results[i].id); break; }
      }
    }
    box.textContent = "";
    var list = document.createElement("ul");
    list.className = "match-list";
    results.forEach(function (book) {
      var item = document.createElement("li");
      var label = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio"; radio.name = "book"; radio.value = String(book.id);
      radio.checked = radio.value === preselect;
      radio.addEventListener("change", function () {
        if (book.isbn && form.elements.isbn && !form.elements.isbn.value) form.elements.isbn.value = book.isbn;
        if (form.elements.title && !form.elements.title.value) form.elements.title.value = book.title;
        if (form.elements.author && !form.elements.author.value) form.elements.author.value = book.authors;
      });
      var strong = document.createElement("strong");
      strong.textContent = book.title;
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(strong);
      var details = [book.authors, book.year, book.isbn ? "ISBN " + book.isbn : ""].filter(Boolean).join(" · ");
      if (details) label.appendChild(document.createTextNode(" · " + details));
      item.appendChild(label);
      if (book.message) {
        var note = document.createElement("p");
        note.className = "duplicate-note";
        note.textContent = book.message;
        item.appendChild(note);
      }
      list.appendChild(item);
    });
    var none = document.createElement("li");
    var noneLabel = document.createElement("label");
    var noneRadio = document.createElement("input");
    noneRadio.type = "radio"; noneRadio.name = "book"; noneRadio.value = another; noneRadio.checked = preselect === another;
    noneLabel.appendChild(noneRadio);
    noneLabel.appendChild(document.createTextNode(" " + (box.dataset.noneLabel || "—")));
    none.appendChild(noneLabel);
    list.appendChild(none);
    box.appendChild(list);
  }

  function lookUp() {
    var params = new URLSearchParams();
    if (fields[0] && fields[0].value.trim()) params.set("isbn", fields[0].value.trim());
    if (fields[1] && fields[1].value.trim()) params.set("q", fields[1].value.trim());
    if (fields[2] && fields[2].value.trim()) params.set("author", fields[2].value.trim());
    var query = params.toString();
    if (query === lastQuery) return;
    lastQuery = query;
    fetch(form.dataset.matchUrl + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () { /* the form still works without suggestions */ });
  }

  fields.forEach(function (field) {
    if (!field) return;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 350);
    });
  });
})();
