/* The reader's aids on an article's page: the text size (remembered in this
   browser) and copying a citation. Loaded in <head> so that the remembered
   size applies before the page is drawn; no inline script (the
   Content-Security-Policy allows the site's own files only). */
(function () {
  "use strict";
  var KEY = "jzrb-text-size";
  var SIZES = ["small", "", "large", "larger"];
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }

  function apply(size) {
    if (SIZES.indexOf(size) < 0) { size = ""; }
    if (size) { root.setAttribute("data-text-size", size); } else { root.removeAttribute("data-text-size"); }
    var buttons = document.querySelectorAll("[data-text-size]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].tagName === "BUTTON") {
        buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-text-size") === size ? "true" : "false");
      }
    }
  }

  apply(stored());

  /* The search form's person field: names (and their URL names) offered as
     the reader types, from /api/people/?q=… */
  function personLookup(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      clearTimeout(timer);
      if (!text || text === asked) { return; }
      timer = setTimeout(function () {
        asked = text;
        fetch(input.getAttribute("data-lookup") + "?q=" + encodeURIComponent(text))
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.textContent = "";
            data.results.forEach(function (person) {
              var option = document.createElement("option");
              option.value = person.slug;
              option.label = person.name + (person.organisation ? "（" + person.organisation + "）" : "");
              list.appendChild(option);
            });
          });
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.querySelector(".text-size");
    if (group) {
      group.hidden = false;
      apply(stored());
      group.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-text-size]");
        if (!button) { return; }
        var size = button.getAttribute("data-text-size");
        try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: this page only */ }
        apply(size);
      });
    }
    var lookup = document.querySelector("input[data-lookup]");
    if (lookup && window.fetch) { personLookup(lookup); }
    var copies = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < copies.length; i++) {
      if (!navigator.clipboard) { break; }
      copies[i].hidden = false;
      copies[i].addEventListener("click", function (event) {
        var button = event.currentTarget;
        var text = document.getElementById(button.getAttribute("data-copy")).textContent;
        navigator.clipboard.writeText(text).then(function () {
          button.firstChild.textContent = "已复制";
        });
      });
    }
  });
}());
