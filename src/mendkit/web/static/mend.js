// Progressive enhancement only: every page works without this file.
// The timeline filter applies at once when the label changes, on the page. A page the server
// filtered (?label=) holds only some turns: there the Filter button stays, and changing the label
// never reloads the page by itself (a keyboard user steps through the labels with the arrows).
(function () {
  "use strict";
  var form = document.getElementById("filter");
  if (!form) { return; }
  if (new URL(window.location.href).searchParams.has("label")) { return; }
  var select = form.querySelector("select");
  var button = form.querySelector("button");
  if (button) { button.hidden = true; }
  select.addEventListener("change", function () {
    var want = select.value;
    document.querySelectorAll(".timeline .turn").forEach(function (li) {
      var labels = (li.getAttribute("data-labels") || "").split(" ");
      li.hidden = want !== "" && labels.indexOf(want) < 0;
    });
    var status = document.getElementById("filter-status");
    if (status) {
      var turns = document.querySelectorAll(".timeline .turn");
      var shown = document.querySelectorAll(".timeline .turn:not([hidden])").length;
      status.textContent = status.getAttribute(want ? "data-some" : "data-all")
        .replace("{shown}", String(shown)).replace("{total}", String(turns.length));
    }
    var url = new URL(window.location.href);
    if (want) { url.searchParams.set("label", want); } else { url.searchParams.delete("label"); }
    window.history.replaceState(null, "", url.toString());
  });
  // A link to a turn the filter hides (the crisis alert's) shows every turn again first.
  document.querySelectorAll('a[href^="#turn-"]').forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target && target.hidden) {
        select.value = "";
        select.dispatchEvent(new Event("change"));
      }
    });
  });
}());

// A focused or hovered mark shows its labels, moved back inside the window where they would run
// past its edge. Escape hides them, whether the mark has focus or only the pointer, until the
// mark has neither.
(function () {
  "use strict";
  var marks = document.querySelectorAll("mark[tabindex]");
  if (!marks.length) { return; }
  var margin = 8;
  var place = function (mark) {
    var tip = mark.querySelector(".tip");
    if (!tip) { return; }
    tip.style.left = "";  // the stylesheet's place, under the start of the mark
    var box = tip.getBoundingClientRect();
    if (!box.width) { return; }  // not shown
    var room = document.documentElement.clientWidth - margin;
    var shift = Math.min(0, room - box.right);
    shift = Math.max(shift, margin - box.left);
    if (shift) { tip.style.left = shift + "px"; }
  };
  var shown = function (mark) {
    return mark === document.activeElement || mark.matches(":hover");
  };
  marks.forEach(function (mark) {
    mark.addEventListener("focus", function () { place(mark); });
    mark.addEventListener("mouseenter", function () {
      place(mark);
      window.requestAnimationFrame(function () { place(mark); });
    });
    mark.addEventListener("blur", function () {
      if (!mark.matches(":hover")) { mark.classList.remove("tip-closed"); }
    });
    mark.addEventListener("mouseleave", function () {
      if (mark !== document.activeElement) { mark.classList.remove("tip-closed"); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    marks.forEach(function (mark) {
      if (shown(mark)) { mark.classList.add("tip-closed"); }
    });
  });
}());

// The coach: the value of a 0-10 scale, the return time of a break being chosen, and the live
// countdown of a break (the page already says "come back at HH:MM" without this).
(function () {
  "use strict";
  document.querySelectorAll("input[type=range]").forEach(function (range) {
    var out = document.getElementById(range.id + "-out");
    if (!out) { return; }
    out.hidden = false;
    var show = function () { out.textContent = range.value; };
    range.addEventListener("input", show);
    show();
  });
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var backAt = document.querySelector("[data-back-at]");
  var minutes = document.querySelector("[data-break-length]");
  if (backAt && minutes) {
    var withMinutes = document.querySelector(".back-at-minutes");
    var sentence = document.querySelector(".back-at-when");
    var outside = document.querySelector(".back-at-range");
    var update = function () {
      // A whole number of minutes ("45", "45 minutes") shows its return time here; a time of
      // day ("8pm", "tomorrow morning") is worked out by Mend when the form is sent.
      var said = /^\s*(\d+)\s*(?:m|min|mins|minutes?)?\s*$/i.exec(minutes.value);
      var m = said ? Number(said[1]) : NaN;
      var fits = said !== null && m >= 20 && m <= 1439;
      // A time for minutes no longer in the field would be wrong: say what fits instead.
      if (sentence && outside) {
        sentence.hidden = !fits;
        outside.hidden = fits || (said === null && minutes.value.trim() !== "");
      }
      if (!fits) { return; }
      var when = new Date(Date.now() + m * 60000);
      // To the minute, rounded up as the server rounds it: the break lasts at least m minutes.
      if (when.getSeconds() || when.getMilliseconds()) {
        when = new Date(when.getTime() + 60000 - when.getSeconds() * 1000 - when.getMilliseconds());
      }
      backAt.textContent = pad(when.getHours()) + ":" + pad(when.getMinutes());
      if (withMinutes) { withMinutes.textContent = "With " + m + " minutes, you"; }
    };
    minutes.addEventListener("input", update);
    update();
  }
  // A page reached at an address with a #fragment keeps the browser from honouring autofocus
  // (scrolling to the fragment moves focus to it, or to the page): once that is done, put focus
  // on the field the page marks, if nothing has it.
  var wanted = document.querySelector("[autofocus]");
  if (wanted && window.location.hash) {
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        var now = document.activeElement;
        if (now === null || now === document.body) { wanted.focus(); }
      }, 0);
    });
  }
  var countdown = document.querySelector("[data-countdown]");
  if (countdown) {
    var seconds = parseInt(countdown.getAttribute("data-countdown"), 10);
    var end = Date.now() + seconds * 1000;
    // The return time was rounded up to the minute: as in the terminal, the seconds over a whole
    // minute go with the first one, so a 45-minute break never shows more than 45:00 left.
    var most = Math.max(60, seconds - (seconds % 60));
    countdown.hidden = false;
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var shown = Math.min(left, most);
      if (left === 0) {
        // Said once, in the live region (a screen reader hears it), and in the tab's title (for a
        // tab left open); the words for before the end ("Come back at ...") go.
        countdown.hidden = true;
        document.querySelectorAll("[data-until-over]").forEach(function (el) { el.hidden = true; });
        var over = document.getElementById("break-over");
        if (over) {
          over.textContent = over.getAttribute("data-over");
          document.title = over.getAttribute("data-over-title") || document.title;
        }
        return;
      }
      var h = Math.floor(shown / 3600), m = Math.floor((shown % 3600) / 60), s = shown % 60;
      countdown.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s) + " left";
      window.setTimeout(tick, 1000);
    };
    tick();
  }
}());

// The breathing pacer: a switch to keep the circle still (the counting words take its place) for
// anyone who has not set the system's reduced motion; pressed again, it moves again.
(function () {
  "use strict";
  var toggle = document.querySelector(".pacer-switch");
  var form = toggle && toggle.closest("form");
  if (!form) { return; }
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var still = toggle.getAttribute("aria-pressed") !== "true";
    toggle.setAttribute("aria-pressed", still ? "true" : "false");
    form.classList.toggle("pacer-still", still);
  });
}());

// A form that leads to its result (the Check page's action ends in #result) puts focus there, so
// that a screen reader reads the result first and Tab goes on from it. Browsers that focus the
// fragment's element themselves have done so already; this is for the others.
(function () {
  "use strict";
  if (window.location.hash !== "#result") { return; }
  var result = document.getElementById("result");
  if (result && (document.activeElement === null || document.activeElement === document.body)) {
    result.focus();
  }
}());

// Printing: the folded parts (a turn's evidence, a chart's table, what an entry stores) are opened
// for the paper and folded again afterwards (the stylesheet unfolds them too, where it can).
(function () {
  "use strict";
  var opened = [];
  var sized = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
    // A draft in a text box is printed whole, as edited: the box grows to its text (the
    // stylesheet's field-sizing does it where the browser knows it).
    if (window.CSS && CSS.supports("field-sizing", "content")) { return; }
    document.querySelectorAll("label.draft-label + textarea").forEach(function (box) {
      sized.push([box, box.style.height]);
      box.style.height = box.scrollHeight + "px";
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
    sized.forEach(function (pair) { pair[0].style.height = pair[1]; });
    sized = [];
  });
}());
