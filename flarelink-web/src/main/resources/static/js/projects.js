// Projects pages, optional: without this script the project page still works with a manual refresh.
// - While a run is going on, polls the status fragment every second and swaps it in; when the run ends, reloads
//   the page once so the resources, the Worker URL and the service-key button appear.
// - On the service key page, shows a Copy button.
(function () {
  "use strict";

  function poll(section) {
    var url = section.getAttribute("data-status-url");
    var timer = setInterval(function () {
      fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").getElementById("run-status");
          if (!next) { clearInterval(timer); return; } // e.g. signed out: a refresh shows why
          if (next.getAttribute("data-busy") !== "true") {
            clearInterval(timer);
            window.location.reload();
            return;
          }
          section.replaceChildren.apply(section, Array.prototype.slice.call(next.childNodes));
        })
        .catch(function () { clearInterval(timer); });
    }, 1000);
  }

  function copyButton(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () { button.textContent = "Copied"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.getElementById("run-status");
    if (section && section.getAttribute("data-busy") === "true") { poll(section); }
    var button = document.getElementById("copy-service-key");
    if (button) { copyButton(button); }
  });
})();
