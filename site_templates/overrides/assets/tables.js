/* On a phone, a wide table is read as cards: one card per row, each value under its
   column's name. This script only labels the cells (data-label from the header) and
   marks the table; site.css lays the cards out below 45em. Without it the table
   scrolls sideways, as it would anyway. The comparison matrix labels itself. */
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".md-typeset table:not(.compare)").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (heads.length < 4) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i]) cell.dataset.label = names[i];
        });
      });
      table.classList.add("cards");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label); else label();
})();
