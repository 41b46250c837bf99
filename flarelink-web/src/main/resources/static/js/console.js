// SQL console. Export: each result's CSV and JSON are in the page already (base64 of their UTF-8 bytes), so a click
// only saves them as a file and never runs the statement again. Without JavaScript the buttons stay hidden.
document.querySelectorAll('.console-export').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    var binary = atob(button.getAttribute('data-content'));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    var url = URL.createObjectURL(new Blob([bytes], { type: button.getAttribute('data-type') }));
    var link = document.createElement('a');
    link.href = url;
    link.download = button.getAttribute('data-filename');
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });
});

// A failed script: select the failing statement in the SQL box, so it is highlighted where the user edits it.
(function () {
  var failed = document.getElementById('failed-statement');
  var box = document.getElementById('sql');
  if (!failed || !box) {
    return;
  }
  var text = failed.textContent;
  var value = box.value;
  // The server's offsets count from the script with its leading whitespace stripped.
  var lead = value.length - value.replace(/^[ \t\n\r\f\v]+/, '').length;
  var start = lead + Number(failed.getAttribute('data-start'));
  if (value.substring(start, start + text.length) !== text) {
    start = value.indexOf(text);
  }
  if (start >= 0) {
    box.focus();
    box.setSelectionRange(start, start + text.length);
  }
})();
