// Follow an import of indicator values: ask the server how far it has come once a second,
// update the progress bar and the row count, and show the result page when it is done.
// Only a change of state is announced (the status line is a live region); the row count is
// not, or a screen reader would read it out every second. Without JavaScript the page has a
// link "Uppdatera" that does the same by hand.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-state-url");
  var bar = document.getElementById("import-bar");
  var state = document.getElementById("import-state");
  var count = document.getElementById("import-count");

  function show(job) {
    var label = job.label.charAt(0).toUpperCase() + job.label.slice(1);
    if (state.textContent !== label) { state.textContent = label; }
    if (job.total > 0) {
      bar.max = job.total;
      bar.value = Math.min(job.done, job.total);
    }
    // The server words the count: rows of a file read, or values fetched or saved.
    if (count.textContent !== job.text) { count.textContent = job.text; }
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.finished) {
          window.location.reload();
          return;
        }
        show(job);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 1000);
})();
