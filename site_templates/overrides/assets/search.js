// The search page (/search/, /en/search/): Pagefind's interface over the index of the
// page's language (Pagefind picks it from <html lang>), which it downloads in small
// chunks, only those a query needs. A query in the address (?q=…, from the search form
// in the header) is searched at once. Each result names what its title may not: a
// notice's city, kind and cycle, a regulation's city and status (a page's `search_meta`,
// main.html), in the words search.md.j2 gives. Under the box, a link searches the
// other language's pages for the same words, set apart when the words look like that
// language (Latin letters on the Chinese site, Chinese characters on the English one).
(function () {
  "use strict";
  var box = document.getElementById("site-search");
  if (!box || typeof PagefindUI === "undefined") return;
  var script = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
  var siteRoot = new URL("..", script.src).pathname; // the site may live below a path
  var lang = document.documentElement.lang;
  var chinese = /[\u3400-\u9fff\uf900-\ufaff]/;

  function label(key) { // data-meta-city → 城市 / City
    return box.dataset["meta" + key.charAt(0).toUpperCase() + key.slice(1)];
  }

  // Pagefind shows every meta but the title, image and url as "Key: value": name them in the page's words.
  function namedResult(result) {
    var meta = {};
    Object.keys(result.meta).forEach(function (key) { meta[label(key) || key] = result.meta[key]; });
    result.meta = meta;
    // The page's first section is under its title (h1#top): Pagefind would repeat the title
    // as a sub-result; let it stand for the page itself, whose excerpt it then is.
    var first = result.sub_results && result.sub_results[0];
    if (first && first.title === meta.title && first.url.split("#")[0] === result.url.split("#")[0]) first.url = result.url;
    return result;
  }

  // The link to the same search in the other language: the language switcher's link to
  // this page there (Material's header), with the words as ?q=.
  var elsewhere = document.getElementById("search-elsewhere");
  var other = document.querySelector('a.md-select__link[hreflang]:not([hreflang="' + lang + '"])');
  function offerTheOtherLanguage(term) {
    if (!elsewhere || !other) return term;
    var words = term.trim(), link = elsewhere.querySelector("a");
    var url = new URL(other.href, window.location.href);
    url.search = "?" + new URLSearchParams({ q: words }).toString();
    link.href = url.href;
    link.textContent = link.dataset.text.replace("{q}", words);
    elsewhere.hidden = !words;
    var looksOther = lang === "zh" ? /[A-Za-z]/.test(words) && !chinese.test(words) : chinese.test(words);
    elsewhere.classList.toggle("search-elsewhere--likely", looksOther);
    place();
    return term;
  }
  // Under the box, above the results: before Pagefind's drawer, which it makes at the first search.
  function place() {
    var drawer = box.querySelector(".pagefind-ui__drawer");
    if (elsewhere && drawer && elsewhere.nextElementSibling !== drawer) drawer.parentNode.insertBefore(elsewhere, drawer);
  }
  new MutationObserver(place).observe(box, { childList: true, subtree: true });

  var ui = new PagefindUI({
    element: "#site-search",
    baseUrl: siteRoot,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    pageSize: 10,
    excerptLength: lang === "zh" ? 60 : 40, // words; a Chinese word is a character or two
    processResult: namedResult,
    processTerm: offerTheOtherLanguage,
  });
  // Pagefind's box has a placeholder but no name: give it the page's heading (axe label rule)
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", document.querySelector("h1").textContent.replace("¶", "").trim());
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) ui.triggerSearch(query.trim());
})();
