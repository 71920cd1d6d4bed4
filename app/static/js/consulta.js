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
    // Numbers as the page writes them: "1,532 of 20,000" (the page says which locale).
    var numbers = new Intl.NumberFormat(area.getAttribute("data-number-locale") || undefined);
    function update() {
      var count = area.value.length;
      if (count > max) {
        out.textContent = format(area.getAttribute("data-over-message"),
          { count: numbers.format(count), max: numbers.format(max), over: numbers.format(count - max) });
        out.classList.add("consulta-count--over");
      } else {
        out.textContent = format(area.getAttribute("data-count-message"),
          { count: numbers.format(count), max: numbers.format(max) });
        out.classList.remove("consulta-count--over");
      }
    }
    area.addEventListener("input", update);
    update();
  });
  // Topics grouped by pillar (macros/forms.html topic_groups): choosing a pillar opens its
  // group and folds the groups of pillars no longer chosen, unless a topic is ticked there.
  document.querySelectorAll(".consulta-topic-groups[data-follows]").forEach(function (groups) {
    var form = groups.closest("form");
    if (!form) { return; }
    var names = groups.getAttribute("data-follows").split(" ");
    function chosen() {
      var codes = [];
      names.forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && field.value) { codes.push(field.value); }
      });
      return codes;
    }
    function follow() {
      var codes = chosen();
      groups.querySelectorAll("details[data-pillar]").forEach(function (group) {
        if (codes.indexOf(group.getAttribute("data-pillar")) !== -1) { group.open = true; }
        else if (!group.querySelector("input:checked")) { group.open = false; }
      });
    }
    form.addEventListener("change", function (event) {
      if (names.indexOf(event.target.name) !== -1) { follow(); }
    });
    follow(); // a form the browser restored (going back) may hold other choices
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();

// Moderators' keyboard: in the queue, j/k move through the comments and a/r open the selected
// one ready to approve or reject; on a comment's page, a/r go to those controls. Keys typed
// into a field are left alone. Without JavaScript the links and buttons do the same work.
(function () {
  "use strict";
  function typing(event) {
    var t = event.target;
    return event.ctrlKey || event.metaKey || event.altKey ||
      (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)));
  }
  var queue = document.querySelector("table.consulta-queue");
  if (queue) {
    var links = Array.prototype.slice.call(queue.querySelectorAll("tbody a[data-row-link]"));
    var current = -1;
    var select = function (index) {
      if (!links.length) { return; }
      current = Math.max(0, Math.min(links.length - 1, index));
      links.forEach(function (link, i) {
        link.closest("tr").classList.toggle("consulta-row--current", i === current);
      });
      links[current].focus();
    };
    document.addEventListener("keydown", function (event) {
      if (typing(event)) { return; }
      if (event.key === "j") { select(current + 1); event.preventDefault(); }
      else if (event.key === "k") { select(current - 1); event.preventDefault(); }
      else if ((event.key === "a" || event.key === "r") && current >= 0) {
        window.location.href = links[current].href + (event.key === "a" ? "#decide-approve" : "#decide-reject");
      }
    });
  }
  var decision = document.getElementById("decision-form");
  if (decision) {
    var focusFor = function (key) {
      var target = key === "a" ? document.getElementById("decide-approved") : document.getElementById("reason");
      if (target) { target.focus(); target.scrollIntoView({ block: "center" }); }
    };
    if (window.location.hash === "#decide-approve") { focusFor("a"); }
    if (window.location.hash === "#decide-reject") { focusFor("r"); }
    document.addEventListener("keydown", function (event) {
      if (typing(event)) { return; }
      if (event.key === "a" || event.key === "r") { focusFor(event.key); event.preventDefault(); }
    });
  }
})();

// "Copy" buttons (the saved draft's link): hidden until this script can copy; without it the
// read-only field beside each is there to select and copy by hand.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(field ? field.id + "-copied" : "");
    if (!field) { return; }
    var label = button.textContent;
    function copied() {
      button.textContent = button.getAttribute("data-copied");
      if (status) { status.textContent = button.getAttribute("data-copied"); }
      window.setTimeout(function () { button.textContent = label; }, 4000);
    }
    function byHand() {
      field.focus();
      field.select();
      if (document.execCommand && document.execCommand("copy")) { copied(); }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(copied, byHand);
      } else {
        byHand();
      }
    });
  });
})();
