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
    var url = new URL(window.location.href);
    if (want) { url.searchParams.set("label", want); } else { url.searchParams.delete("label"); }
    window.history.replaceState(null, "", url.toString());
  });
}());

// A focused or hovered mark shows its labels; Escape hides them until the mark loses focus.
(function () {
  "use strict";
  document.querySelectorAll("mark[tabindex]").forEach(function (mark) {
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { mark.classList.add("tip-closed"); }
    });
    mark.addEventListener("blur", function () { mark.classList.remove("tip-closed"); });
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
  var minutes = document.querySelector(".step-form input[type=number][min='20']");
  if (backAt && minutes) {
    var withMinutes = document.querySelector(".back-at-minutes");
    var update = function () {
      var m = parseInt(minutes.value, 10);
      if (isNaN(m) || m < 20 || m > 600) { return; }
      var when = new Date(Date.now() + m * 60000);
      backAt.textContent = pad(when.getHours()) + ":" + pad(when.getMinutes());
      if (withMinutes) { withMinutes.textContent = "With " + m + " minutes, you"; }
    };
    minutes.addEventListener("input", update);
    update();
  }
  var countdown = document.querySelector("[data-countdown]");
  if (countdown) {
    var end = Date.now() + parseInt(countdown.getAttribute("data-countdown"), 10) * 1000;
    countdown.hidden = false;
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      if (left === 0) {
        countdown.textContent = "Your break is over. Come back to this session when you are ready.";
        return;
      }
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      countdown.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s) + " left";
      window.setTimeout(tick, 1000);
    };
    tick();
  }
}());
