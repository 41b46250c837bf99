"use strict";
// Links in Flarelink's mail carry their token in the fragment (#token=…), which the browser never sends to a
// server: move it into the page's form, and out of the address bar and history.
(() => {
  const match = window.location.hash.match(/^#token=([A-Za-z0-9_-]+)$/);
  const field = document.querySelector("input[data-fragment-token]");
  if (match && field) {
    field.value = match[1];
    window.history.replaceState(null, "", window.location.pathname);
  }
})();
