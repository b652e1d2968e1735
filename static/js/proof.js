/* 版面校对 (the admin's page proofing view): highlighting an item's lines in
   the dump, picking dump lines for a heading, the keyboard, the person
   look-up of the credits form, and previews in a dialog. Without it every
   form still posts and its preview is a page of its own. No inline script
   (the Content-Security-Policy allows the site's own files only). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }

  ready(function () {
    var root = document.querySelector(".proof");
    if (!root) { return; }
    var dump = root.querySelector(".dump-lines");
    var pane = root.querySelector(".proof-dump");
    var items = Array.prototype.slice.call(root.querySelectorAll(".proof-item"));
    var dialog = document.getElementById("proof-dialog");
    var selected = null;

    function line(no) { return document.getElementById("L" + (no + 1)); }

    function numbers(el) {
      var value = (el && el.getAttribute("data-lines")) || "";
      return value ? value.split(" ").map(Number) : [];
    }

    /* An item's lines marked in the dump ("hl": hovered or focused,
       "sel": the selected item); the dump scrolled to the first. */
    function mark(item, cls, on) {
      numbers(item).forEach(function (n) {
        var li = line(n);
        if (li) { li.classList.toggle(cls, on); }
      });
    }

    function reveal(li) {
      if (!li || !pane) { return; }
      var top = li.offsetTop - pane.offsetTop;
      if (top < pane.scrollTop || top > pane.scrollTop + pane.clientHeight - 40) {
        pane.scrollTop = Math.max(0, top - pane.clientHeight / 3);
      }
    }

    function select(item, focus) {
      if (selected) { mark(selected, "sel", false); selected.classList.remove("selected"); }
      selected = item;
      if (!item) { return; }
      mark(item, "sel", true);
      item.classList.add("selected");
      reveal(line(numbers(item)[0]));
      if (focus) {
        item.focus({preventScroll: true});
        item.scrollIntoView({block: "nearest"});
      }
    }

    items.forEach(function (item) {
      item.addEventListener("mouseenter", function () { mark(item, "hl", true); });
      item.addEventListener("mouseleave", function () { mark(item, "hl", false); });
      item.addEventListener("focusin", function () { if (selected !== item) { select(item, false); } });
      item.addEventListener("click", function (event) {
        if (!event.target.closest("a, button, input, select, label")) { select(item, false); }
      });
      /* A paragraph's own lines, while it is hovered. */
      Array.prototype.forEach.call(item.querySelectorAll(".block[data-lines]"), function (block) {
        block.addEventListener("mouseenter", function () { mark(block, "hl-block", true); });
        block.addEventListener("mouseleave", function () { mark(block, "hl-block", false); });
      });
    });

    /* A dump line hovered: its items marked. */
    if (dump) {
      dump.addEventListener("mouseover", function (event) {
        var li = event.target.closest("li[data-items]");
        items.forEach(function (item) { item.classList.remove("from-line"); });
        if (!li) { return; }
        li.getAttribute("data-items").split(" ").forEach(function (id) {
          var item = document.getElementById("item-" + id);
          if (item) { item.classList.add("from-line"); }
        });
      });
    }

    /* ---- picking lines of the dump (click, shift-click; ↑ ↓ and space) ---- */
    var picked = [];
    var cursor = null;

    function showPicked() {
      Array.prototype.forEach.call(dump.querySelectorAll(".picked"), function (li) { li.classList.remove("picked"); });
      Array.prototype.forEach.call(dump.querySelectorAll("[aria-selected=true]"), function (li) {
        li.setAttribute("aria-selected", "false");
      });
      picked.forEach(function (n) {
        var li = line(n);
        if (li) { li.classList.add("picked"); li.setAttribute("aria-selected", "true"); }
      });
      Array.prototype.forEach.call(root.querySelectorAll(".pick-line"), function (button) {
        button.hidden = false;
        button.disabled = !picked.length;
      });
    }

    function pick(no, extend) {
      if (extend && picked.length) {
        var from = Math.min(picked[0], no), to = Math.max(picked[picked.length - 1], no);
        picked = [];
        for (var n = from; n <= to; n++) { picked.push(n); }
      } else if (picked.length === 1 && picked[0] === no) {
        picked = [];
      } else {
        picked = [no];
      }
      showPicked();
    }

    function setCursor(no, stay) {
      var li = line(no);
      if (!li) { return; }
      if (cursor !== null && line(cursor)) { line(cursor).classList.remove("cursor"); }
      cursor = no;
      li.classList.add("cursor");
      dump.setAttribute("aria-activedescendant", li.id);
      if (!stay) { reveal(li); }
    }

    /* The first line shown in the dump's pane (where the keys start). */
    function firstShown() {
      var top = pane.getBoundingClientRect().top + 32;
      var lis = dump.children;
      for (var k = 0; k < lis.length; k++) {
        if (lis[k].getBoundingClientRect().bottom > top) { return k; }
      }
      return 0;
    }

    if (dump) {
      dump.setAttribute("role", "listbox");
      dump.setAttribute("aria-multiselectable", "true");
      Array.prototype.forEach.call(dump.children, function (li) {
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
      });
      dump.addEventListener("click", function (event) {
        var li = event.target.closest("li");
        if (!li) { return; }
        var no = Number(li.getAttribute("data-line"));
        setCursor(no);
        pick(no, event.shiftKey);
      });
      dump.addEventListener("keydown", function (event) {
        var last = dump.children.length - 1;
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          var no = cursor === null ? 0 : Math.min(last, Math.max(0, cursor + (event.key === "ArrowDown" ? 1 : -1)));
          setCursor(no);
          if (event.shiftKey) { pick(no, true); }
        } else if (event.key === " " || event.key === "Enter") {
          event.preventDefault();
          if (cursor !== null) { pick(cursor, event.shiftKey); }
        }
      });
      /* Focused (by Tab, or by the mouse pressed on a line): the cursor on
         the first line in view, the pane not scrolled — scrolling under a
         pressed mouse button would turn the click into one on another line. */
      dump.addEventListener("focus", function () { if (cursor === null) { setCursor(firstShown(), true); } });
    }

    function pickedText() {
      return picked.map(function (n) {
        var li = line(n);
        return li ? li.querySelector(".lt").textContent.trim() : "";
      }).join(" ").replace(/\s+/g, " ");
    }

    function label(list) {
      if (!list.length) { return ""; }
      var first = list[0] + 1, last = list[list.length - 1] + 1;
      return first === last ? String(first) : first + "-" + last;
    }

    Array.prototype.forEach.call(root.querySelectorAll(".pick-line"), function (button) {
      button.hidden = false;
      button.disabled = true;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.getAttribute("data-for"));
        var lines = document.getElementById(button.getAttribute("data-for") + "-lines");
        if (!input || !picked.length) { return; }
        input.value = pickedText();
        lines.value = label(picked);
        input.focus();
      });
    });

    /* ---- the keyboard: j / k between items ---- */
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (event.target.closest("input, select, textarea, [contenteditable], dialog, .dump-lines")) { return; }
      if (event.key !== "j" && event.key !== "k") { return; }
      var k = items.indexOf(selected);
      var next = event.key === "j" ? Math.min(items.length - 1, k + 1) : Math.max(0, k < 0 ? 0 : k - 1);
      if (items[next]) { event.preventDefault(); select(items[next], true); }
    });

    /* ---- credits: people looked up as a name is typed ---- */
    var lookup = root.getAttribute("data-lookup");
    Array.prototype.forEach.call(root.querySelectorAll("input.person-name"), function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      var org = input.closest("tr").querySelector("input.person-org");
      var timer = null, asked = "";
      var known = {};
      input.addEventListener("input", function () {
        var text = input.value.trim();
        var parts = /^(.+?)（(.*)）$/.exec(input.value);
        if (parts) {        /* a suggestion chosen: "王菲（本报）" */
          input.value = parts[1];
          if (org) { org.value = parts[2]; }
          return;
        }
        if (known[text] !== undefined && org && !org.value) { org.value = known[text]; }
        clearTimeout(timer);
        if (!text || text === asked || !lookup) { return; }
        timer = setTimeout(function () {
          asked = text;
          fetch(lookup + "&term=" + encodeURIComponent(text), {credentials: "same-origin"})
            .then(function (response) { return response.ok ? response.json() : {results: []}; })
            .then(function (data) {
              list.textContent = "";
              (data.results || []).forEach(function (person) {
                var option = document.createElement("option");
                option.value = person.text;
                var m = /^(.+?)（(.*)）$/.exec(person.text);
                known[m ? m[1] : person.text] = m ? m[2] : "";
                list.appendChild(option);
              });
            });
        }, 200);
      });
    });

    /* ---- previews in a dialog ---- */
    if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) { return; }
    var body = dialog.querySelector(".dialog-body");
    var opener = null;

    function show(html) {
      body.innerHTML = html;
      if (!dialog.open) { dialog.showModal(); }
      var first = body.querySelector("[autofocus], .cancel-link");
      if (first) { first.focus({preventScroll: true}); }
      dialog.scrollTop = 0;
    }

    dialog.addEventListener("click", function (event) {
      if (event.target.closest(".cancel-link")) {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      body.textContent = "";
      if (opener) { opener.focus(); }
    });

    Array.prototype.forEach.call(root.querySelectorAll("form.proof-op"), function (form) {
      form.addEventListener("submit", function (event) {
        var submitter = event.submitter;
        if (!submitter || submitter.name !== "op") { return; }
        event.preventDefault();
        opener = submitter;
        var data = new FormData(form);
        data.append("op", submitter.value);
        submitter.disabled = true;
        fetch(form.action, {method: "POST", body: data, credentials: "same-origin",
                            headers: {"X-Proof-Fragment": "1"}})
          .then(function (response) { return response.text(); })
          .then(show)
          .catch(function () {       /* the preview as a page of its own */
            var hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = "op";
            hidden.value = submitter.value;
            form.appendChild(hidden);
            form.submit();
          })
          .then(function () { submitter.disabled = false; });
      });
    });

    /* After a save: the item worked on, selected. */
    if (location.hash && /^#item-\d+$/.test(location.hash)) {
      var target = document.querySelector(location.hash);
      if (target) { select(target, true); }
    }
  });
}());
