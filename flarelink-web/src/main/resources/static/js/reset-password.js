"use strict";
// The reset link carries its token in the fragment (#token=…), which the browser never sends to a server: move it
// into the form, and out of the address bar and history.
(() => {
  const match = window.location.hash.match(/^#token=([A-Za-z0-9_-]+)$/);
  const field = document.getElementById("reset-token");
  if (match && field) {
    field.value = match[1];
    window.history.replaceState(null, "", window.location.pathname);
  }
})();
