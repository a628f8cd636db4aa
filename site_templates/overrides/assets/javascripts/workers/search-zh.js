/* Material's search worker, with one change to how a Chinese query is searched (issue 5).

   Material splits a run of Chinese characters into every word of its index it contains
   and searches each as a prefix: "示例茶业有限公司" becomes "示例* 茶业* 有限公司* 公* …".
   A single character as a prefix ("公*") matches 公示, 公司, 公开 … on nearly every page,
   and those pages outrank the one that has the name (measured: the winners page was not
   among the first 14 of 82 results). So a single character is dropped when the query has
   longer words, and a query of several words finds the pages that have them all. The worker is loaded from this folder so Material's own relative paths
   (../lunr/…) still resolve; its file name follows the pinned mkdocs-material version. */
importScripts("search.a7633da7.min.js")

;(function () {
  var search = lunr.Index.prototype.search
  var singleHan = /^\p{sc=Han}\**$/u
  var longerHan = /^[+]?\p{sc=Han}{2,}\**$/u
  lunr.Index.prototype.search = function (query) {
    var terms = query.split(/\s+/)
    var words = terms.filter(function (t) { return longerHan.test(t) })
    if (words.length)
      terms = terms.filter(function (t) { return !singleHan.test(t) })
    if (words.length > 1)  /* a name or a phrase: every word of it, as a reader expects */
      terms = terms.map(function (t) { return longerHan.test(t) && t[0] !== "+" ? "+" + t : t })
    return search.call(this, terms.join(" "))
  }
})()
