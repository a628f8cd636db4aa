/* Calendar subscriptions. A webcal:// address must be absolute, and the site may be
   read anywhere (its own host, a sub-path, a mirror, localhost), so a page carries the
   calendar file's relative link and this script turns each `a[data-webcal]` into the
   webcal:// address of that file where the reader is reading it. Without the script
   the link still downloads the .ics file. */
(function () {
  "use strict";
  function subscribe() {
    document.querySelectorAll("a[data-webcal]").forEach(function (a) {
      var file = new URL(a.getAttribute("href"), document.baseURI);
      if (file.protocol === "http:" || file.protocol === "https:") a.href = "webcal://" + file.host + file.pathname;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe); else subscribe();
})();
