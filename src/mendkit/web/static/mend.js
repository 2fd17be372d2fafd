// Progressive enhancement only: every page works without this file.
// The timeline filter applies at once when the label changes (the form still works without it).
(function () {
  "use strict";
  var form = document.getElementById("filter");
  if (!form) { return; }
  var select = form.querySelector("select");
  var button = form.querySelector("button");
  if (button) { button.hidden = true; }
  var serverFiltered = new URL(window.location.href).searchParams.has("label");
  select.addEventListener("change", function () {
    var want = select.value;
    if (serverFiltered) { form.submit(); return; }
    document.querySelectorAll(".timeline .turn").forEach(function (li) {
      var labels = (li.getAttribute("data-labels") || "").split(" ");
      li.hidden = want !== "" && labels.indexOf(want) < 0;
    });
    var url = new URL(window.location.href);
    if (want) { url.searchParams.set("label", want); } else { url.searchParams.delete("label"); }
    window.history.replaceState(null, "", url.toString());
  });
}());
