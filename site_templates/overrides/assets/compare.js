/* The city chooser of the comparison and its topic pages: the reader ticks the cities to
   compare and the others' columns (the comparison) or sections (a topic) are hidden.
   The choice is kept in the address (?cities=wuhan,xinyang, or ?cities=all), so a link
   opens the same comparison; links into the comparison's folder (a row's topic, a topic's
   way back) and the language switcher (language.js) carry it on. Without a choice in the
   address, a few cities show all of them, many show the first few. A comparison cut by
   province (generator/paging.py) also lists the cities of the other provinces' pages; one
   chosen there is brought into this page from its province's page (fetched, same origin).

   The page carries all it needs: #city-chooser has the words in the page's language and
   the way to the comparison's folder, and (cut by province) an element for each city of
   another page, with data-page, that page's address; each city is an element with
   data-city (its id), data-name and data-group (its province). Without this script
   #city-chooser stays hidden and every city shows. No request is made, but for a city
   chosen from another province's page, and to this site only. */
(function () {
  "use strict";
  var PARAM = "cities";
  var ALL = "all";         // ?cities=all: every city, however many
  var ALL_UP_TO = 6;       // with no choice in the address, up to this many cities all show...
  var FIRST = 4;           // ...and of more, the first this many
  var LIST_UP_TO = 8;      // the line above the chooser names the cities shown up to this many
  var uid = 0;

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
  }

  /* Show or hide the column of the table headed by `th`. */
  function columnShow(table, th) {
    var rows = Array.prototype.slice.call(table.rows);
    var column = th.cellIndex;
    return function (shown) {
      rows.forEach(function (row) {
        var cell = row.cells[column];
        if (row.cells.length > column && !cell.hasAttribute("colspan")) cell.hidden = !shown;
      });
    };
  }

  /* Show or hide a topic's section (and its entries in the table of contents). */
  function sectionShow(section) {
    var heading = section.querySelector("h2[id]");
    var entries = heading ? Array.prototype.map.call(
      document.querySelectorAll(".md-nav--secondary a[href='#" + CSS.escape(heading.id) + "']"),
      function (a) { return a.closest("li"); }) : [];
    return function (shown) {
      section.hidden = !shown;
      entries.forEach(function (li) { li.hidden = !shown; });
    };
  }

  /* The cities of the page, in its order: {id, name, group, show(shown)}; then, on a
     comparison cut by province (generator/paging.py), those on other pages, each with the
     `page` that holds it, its show() a no-op until load() has brought its column over. */
  function citiesOf(table, holder) {
    var here = table
      ? Array.prototype.map.call(table.querySelectorAll("thead th[data-city]"), function (th) {
        return { id: th.dataset.city, name: th.dataset.name, group: th.dataset.group, show: columnShow(table, th) };
      })
      : Array.prototype.map.call(document.querySelectorAll("section[data-city]"), function (section) {
        return { id: section.dataset.city, name: section.dataset.name, group: section.dataset.group,
                 show: sectionShow(section) };
      });
    var elsewhere = Array.prototype.map.call(holder.querySelectorAll("[data-page]"), function (el) {
      return { id: el.dataset.city, name: el.dataset.name, group: el.dataset.group, page: el.dataset.page,
               show: function () {} };
    });
    return here.concat(elsewhere);
  }

  /* Bring a city held on another page (its province's) into this one: its column of the
     comparison, or its section of a topic, from that page (same origin, fetched once), its
     links made to work from here. Resolves once it is here (or could not be brought). */
  function load(city, table) {
    if (!city.page) return Promise.resolve();
    if (!city.loading) {
      var from = new URL(city.page, window.location.href);
      city.loading = fetch(from.href).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        doc.querySelectorAll("[href]").forEach(function (a) {
          var href = a.getAttribute("href");
          if (href.charAt(0) !== "#") a.setAttribute("href", new URL(href, from).href);
        });
        if (table) {
          var theirs = doc.querySelector("table.compare");
          var th = theirs && theirs.querySelector("thead th[data-city='" + CSS.escape(city.id) + "']");
          if (!th || theirs.rows.length !== table.rows.length) throw new Error("no column");
          Array.prototype.forEach.call(table.rows, function (row, i) {
            var cell = theirs.rows[i].cells[th.cellIndex];
            if (cell && !cell.hasAttribute("colspan")) row.appendChild(document.importNode(cell, true));
          });
          city.show = columnShow(table, table.querySelector("thead th[data-city='" + CSS.escape(city.id) + "']"));
        } else {
          var section = doc.querySelector("section[data-city='" + CSS.escape(city.id) + "']");
          var grid = document.querySelector(".topic-grid");
          if (!section || !grid) throw new Error("no section");
          var mine = grid.appendChild(document.importNode(section, true));
          city.show = sectionShow(mine);
        }
        city.page = null;
      }).catch(function () { city.failed = true; });
    }
    return city.loading;
  }

  /* The ids the address names (known ones only), "all", or null when it names none. */
  function fromAddress(known) {
    var value = new URLSearchParams(window.location.search).get(PARAM);
    if (value === null) return null;
    if (value.trim() === ALL) return ALL;
    var ids = value.split(",").map(function (id) { return id.trim(); }).filter(function (id) { return id in known; });
    return ids.length ? ids : null;
  }

  /* The address with `value` as ?cities= (none: without it), the other parameters kept.
     Written by hand: URLSearchParams would write the commas as %2C. */
  function address(value) {
    var params = new URLSearchParams(window.location.search);
    params.delete(PARAM);
    var rest = params.toString();
    var search = [rest, value === null ? "" : PARAM + "=" + value].filter(Boolean).join("&");
    return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  }

  function setUp() {
    var holder = document.getElementById("city-chooser");
    if (!holder) return;
    var words = holder.dataset;
    var table = document.querySelector("table.compare");
    var cities = citiesOf(table, holder);
    if (cities.length < 2) return;
    var known = {};
    cities.forEach(function (city) { known[city.id] = city; });
    var chosen = {};

    var given = fromAddress(known);
    // (a city held on another page shows when chosen, not with "all")
    cities.forEach(function (city, i) {
      chosen[city.id] = given === ALL ? !city.page
        : (given ? given.indexOf(city.id) >= 0 : (cities.length <= ALL_UP_TO || i < FIRST));
    });

    // The chooser: a line saying what shows, a button, and under it (shown by the button)
    // the controls.
    var id = "city-chooser-" + (++uid);
    var status = element("p", { "class": "city-chooser__status", role: "status" });
    var toggle = element("button", { type: "button", "class": "city-chooser__toggle", "aria-expanded": "false",
                                     "aria-controls": id + "-fields" }, words.open);
    var fieldset = element("fieldset", { "class": "city-chooser__fieldset", id: id + "-fields", hidden: "" });
    fieldset.appendChild(element("legend", {}, words.legend));
    var tools = element("div", { "class": "city-chooser__tools" });
    var filter = null;
    if (cities.length > ALL_UP_TO) {
      var search = element("div", { "class": "city-chooser__filter" });
      filter = element("input", { type: "search", id: id + "-filter", autocomplete: "off", spellcheck: "false" });
      search.appendChild(element("label", { "for": id + "-filter" }, words.filter));
      search.appendChild(filter);
      tools.appendChild(search);
    }
    var showAll = element("button", { type: "button", "class": "city-chooser__button" }, words.showAll);
    var clear = element("button", { type: "button", "class": "city-chooser__button" }, words.clear);
    tools.appendChild(showAll);
    tools.appendChild(clear);
    fieldset.appendChild(tools);

    // The cities by province, provinces and cities in the order of the page's language.
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var groups = {};
    cities.forEach(function (city) { (groups[city.group] = groups[city.group] || []).push(city); });
    var list = element("div", { "class": "city-chooser__groups" });
    var boxes = [];
    Object.keys(groups).sort(collator.compare).forEach(function (name, g) {
      var group = element("div", { "class": "city-chooser__group", role: "group", "aria-labelledby": id + "-g" + g });
      group.appendChild(element("p", { "class": "city-chooser__province", id: id + "-g" + g }, name));
      groups[name].slice().sort(function (a, b) { return collator.compare(a.name, b.name); }).forEach(function (city) {
        var box = element("input", { type: "checkbox", value: city.id });
        var option = element("label", { "class": "city-chooser__city" });
        option.appendChild(box);
        option.appendChild(document.createTextNode(" " + city.name));
        option.dataset.match = [city.name, city.id, name].join(" ").toLowerCase();
        group.appendChild(option);
        boxes.push(box);
      });
      list.appendChild(group);
    });
    fieldset.appendChild(list);
    var noMatch = element("p", { "class": "city-chooser__none", hidden: "" }, words.noMatch);
    fieldset.appendChild(noMatch);

    var line = element("div", { "class": "city-chooser__line" });
    line.appendChild(status);
    line.appendChild(toggle);
    holder.appendChild(line);
    holder.appendChild(fieldset);
    holder.hidden = false;

    function shownIds() { return cities.filter(function (c) { return chosen[c.id]; }).map(function (c) { return c.id; }); }

    function show() {
      var ids = shownIds();
      cities.forEach(function (city) { city.show(chosen[city.id]); });
      boxes.forEach(function (box) { box.checked = chosen[box.value]; });
      if (table) {  // a group's heading spans the columns shown
        table.querySelectorAll("th[colspan]").forEach(function (th) { th.colSpan = ids.length + 1; });
      }
      var values = { n: ids.length, m: cities.length,
                     names: ids.map(function (id) { return known[id].name; }).join(words.separator) };
      status.textContent = fill(ids.length === cities.length ? words.all
        : (ids.length && ids.length <= LIST_UP_TO ? words.showingNames : words.showing), values);
      if (ids.length < 2) status.appendChild(element("strong", { "class": "city-chooser__fewer" }, words.fewer));
    }

    /* The chosen cities held on other pages, brought here (in the background), then shown. */
    function bring() {
      var wanted = cities.filter(function (c) { return chosen[c.id] && c.page; });
      if (!wanted.length) return;
      Promise.all(wanted.map(function (c) { return load(c, table); })).then(function () {
        var failed = wanted.filter(function (c) { return c.failed; });
        failed.forEach(function (c) { chosen[c.id] = false; });
        show();
        if (failed.length) {  // the address says what shows
          remember();
          keepInLinks();
        }
      });
    }

    /* Links to the comparison's other pages (a row's topic, a topic's way back) carry the
       address's choice. */
    var folder = new URL(words.compare, window.location.href).pathname;
    var inFolder = Array.prototype.filter.call(document.querySelectorAll(".md-content a[href]:not([href^='#'])"), function (a) {
      var target = new URL(a.getAttribute("href"), window.location.href);
      return target.origin === window.location.origin && target.pathname !== window.location.pathname
        && target.pathname.indexOf(folder) === 0;
    });
    function keepInLinks() {
      var value = new URLSearchParams(window.location.search).get(PARAM);
      inFolder.forEach(function (a) {
        var target = new URL(a.href);
        target.searchParams.delete(PARAM);
        var rest = target.searchParams.toString();
        target.search = [rest, value === null ? "" : PARAM + "=" + value].filter(Boolean).join("&");
        a.href = target.href;
      });
    }

    function remember() {
      var ids = shownIds();
      var value = ids.length === cities.length ? ALL : (ids.length ? ids.join(",") : null);
      window.history.replaceState(window.history.state, "", address(value));
      window.dispatchEvent(new Event("awardsite:address"));  // language.js updates the switcher
    }

    function choose(change) {
      change();
      show();
      bring();
      remember();
      keepInLinks();
    }

    function openChooser(open) {
      toggle.setAttribute("aria-expanded", String(open));
      fieldset.hidden = !open;
    }
    toggle.addEventListener("click", function () { openChooser(toggle.getAttribute("aria-expanded") !== "true"); });
    fieldset.addEventListener("keydown", function (event) {  // Escape closes it, back on its button
      if (event.key === "Escape" && !(event.target === filter && filter.value)) {
        openChooser(false);
        toggle.focus();
      }
    });
    list.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type === "checkbox") choose(function () { chosen[box.value] = box.checked; });
    });
    showAll.addEventListener("click", function () {  // those here: not every other page's
      choose(function () { cities.forEach(function (c) { chosen[c.id] = !c.page; }); });
    });
    clear.addEventListener("click", function () { choose(function () { cities.forEach(function (c) { chosen[c.id] = false; }); }); });
    if (filter) {
      filter.addEventListener("input", function () {
        var query = filter.value.trim().toLowerCase();
        var any = false;
        list.querySelectorAll(".city-chooser__group").forEach(function (group) {
          var some = false;
          group.querySelectorAll(".city-chooser__city").forEach(function (option) {
            var match = option.dataset.match.indexOf(query) >= 0;
            option.hidden = !match;
            some = some || match;
          });
          group.hidden = !some;
          any = any || some;
        });
        noMatch.hidden = any;
      });
    }
    show();
    bring();
    keepInLinks();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp); else setUp();
})();
