/* Recount every notice period against today's date in Beijing, so that a page built
   days ago still shows the right status and working days left (a preview, built with
   --today, carries its day in #period-strings' data-today, and is counted from it). The page carries all
   it needs: each .period-status has data-kind (deadline or publicity), data-start,
   data-end (ISO dates) and data-days (the working days of the period); #period-strings
   has the labels of each kind's statuses in the page's language (strings.yaml). Also
   drives the filters of the notices table. No request is made. */
(function () {
  "use strict";

  function beijingToday() {
    // en-CA formats as YYYY-MM-DD, which compares correctly as a string
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit"
    }).format(new Date());
  }

  function refreshStatuses() {
    var labels = document.getElementById("period-strings");
    if (!labels) return;
    var today = labels.dataset.today || beijingToday();  // a preview's day, else today in Beijing
    document.querySelectorAll(".period-status[data-end]").forEach(function (el) {
      var start = el.dataset.start, end = el.dataset.end;
      var status = today < start ? "upcoming" : (today <= end ? "open" : "closed");
      // what is open, in the words of this kind of period: data-deadline-open, data-publicity-open, …
      var text = labels.dataset[el.dataset.kind + status.charAt(0).toUpperCase() + status.slice(1)];
      if (status === "open") {
        var left = (el.dataset.days || "").split(" ").filter(function (d) { return d && d >= today; }).length;
        if (left > 0) text += labels.dataset.separator + (left === 1 ? labels.dataset.leftOne : labels.dataset.left.replace("{n}", String(left)));
      }
      el.textContent = text;
      el.className = "period-status status-" + status;
      var key = el.closest("tr") && el.closest("tr").querySelector(".row-key");
      if (key) key.dataset.status = status;
    });
  }

  function setUpFilters() {
    var form = document.querySelector("form.notice-filters");
    if (!form) return;
    var selects = form.querySelectorAll("select[data-filter]");
    function apply() {
      document.querySelectorAll(".row-key").forEach(function (key) {
        var shown = Array.prototype.every.call(selects, function (s) {
          return !s.value || key.dataset[s.dataset.filter] === s.value;
        });
        key.closest("tr").hidden = !shown;
      });
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.hidden = false;
    apply();
  }

  function run() { refreshStatuses(); setUpFilters(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
})();
