// The search page (/search/, /en/search/): Pagefind's interface over the index of the
// page's language (Pagefind picks it from <html lang>), which it downloads in small
// chunks, only those a query needs. A query in the address (?q=…, from the search form
// in the header) is searched at once.
(function () {
  "use strict";
  var box = document.getElementById("site-search");
  if (!box || typeof PagefindUI === "undefined") return;
  var script = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
  var siteRoot = new URL("..", script.src).pathname; // the site may live below a path
  var ui = new PagefindUI({
    element: "#site-search",
    baseUrl: siteRoot,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    pageSize: 10,
  });
  // Pagefind's box has a placeholder but no name: give it the page's heading (axe label rule)
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", document.querySelector("h1").textContent.replace("¶", "").trim());
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) ui.triggerSearch(query.trim());
})();
