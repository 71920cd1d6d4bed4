// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }
  document.querySelectorAll("textarea[data-maxlength]").forEach(function (area) {
    var max = parseInt(area.getAttribute("data-maxlength"), 10);
    var out = document.getElementById(area.id + "-count");
    if (!out || !max) { return; }
    function update() {
      var count = area.value.length;
      if (count > max) {
        out.textContent = format(area.getAttribute("data-over-message"), { count: count, max: max, over: count - max });
        out.classList.add("consulta-count--over");
      } else {
        out.textContent = format(area.getAttribute("data-count-message"), { count: count, max: max });
        out.classList.remove("consulta-count--over");
      }
    }
    area.addEventListener("input", update);
    update();
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
