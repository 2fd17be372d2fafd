// The journal's times in the reader's own time zone. The server writes each time in its own zone,
// labelled ("2026-03-01 12:00 (UTC)"), inside <time datetime="..." data-local-time>, with the
// instant in UTC: here it is rewritten as this browser's local date and time, labelled with the
// browser's zone. Without scripts, the server's labelled time stays.
(function () {
  "use strict";

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function zone(date) {
    try {
      var parts = new Intl.DateTimeFormat(undefined, {timeZoneName: "short"}).formatToParts(date);
      for (var i = 0; i < parts.length; i++) {
        if (parts[i].type === "timeZoneName") {
          return parts[i].value;
        }
      }
    } catch (e) { /* an old browser: the offset below */ }
    var minutes = -date.getTimezoneOffset();
    var sign = minutes < 0 ? "-" : "+";
    minutes = Math.abs(minutes);
    return "UTC" + sign + two(Math.floor(minutes / 60)) + ":" + two(minutes % 60);
  }

  function show(element) {
    var date = new Date(element.getAttribute("datetime") || "");
    if (isNaN(date.getTime())) {
      return;  // the server's text stays
    }
    var year = String(date.getFullYear());
    while (year.length < 4) {
      year = "0" + year;
    }
    element.textContent = year + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()) +
      " " + two(date.getHours()) + ":" + two(date.getMinutes()) + " (" + zone(date) + ")";
  }

  function showAll() {
    var found = document.querySelectorAll("time[data-local-time]");
    for (var i = 0; i < found.length; i++) {
      show(found[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showAll);
  } else {
    showAll();
  }
}());
