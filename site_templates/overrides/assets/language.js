/* The language switcher leads to the same page in the other language (a relative link,
   so it works wherever the site is served); this script makes it keep the place on the
   page too: the #article a citation led to, the ?q= of a search and the ?cities= of a
   comparison (which compare.js changes in place, saying so with "awardsite:address"). */
(function () {
  "use strict";
  function keepPlace() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (a) {
      var target = new URL(a.getAttribute("data-page") || a.getAttribute("href"), document.baseURI);
      if (!a.hasAttribute("data-page")) a.setAttribute("data-page", a.getAttribute("href"));
      target.search = window.location.search;
      target.hash = window.location.hash;
      a.href = target.href;
    });
  }
  window.addEventListener("hashchange", keepPlace);
  window.addEventListener("awardsite:address", keepPlace);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", keepPlace); else keepPlace();
})();
