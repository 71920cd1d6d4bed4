// The meeting's packets page: while a packet is being built, ask for its progress every two
// seconds and show it; when it is ready, reload so the download link appears. Without this
// file the "Check progress" and "Refresh this list" links do the same work.
(function () {
  "use strict";
  var rows = document.querySelectorAll("tr[data-packet-job]");
  var pending = Array.prototype.filter.call(rows, function (row) {
    var status = row.getAttribute("data-status");
    return status === "queued" || status === "running";
  });
  if (!pending.length || !window.fetch) { return; }
  function poll() {
    var requests = pending.map(function (row) {
      return fetch(row.getAttribute("data-packet-job"), {
        headers: { "Accept": "application/json" }, credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (state) {
        if (!state) { return false; }
        var progress = row.querySelector("[data-packet-progress]");
        if (progress) { progress.max = state.total || 1; progress.value = state.done; }
        row.querySelector("[data-packet-status]").textContent = state.status_label;
        row.querySelector("[data-packet-count]").textContent = state.progress_text;
        return state.status === "done" || state.status === "failed";
      }).catch(function () { return false; });
    });
    Promise.all(requests).then(function (finished) {
      if (finished.some(Boolean)) { window.location.reload(); return; }
      window.setTimeout(poll, 2000);
    });
  }
  window.setTimeout(poll, 1000);
})();
