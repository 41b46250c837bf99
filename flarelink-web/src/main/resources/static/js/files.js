// Optional "Copy" buttons on the one-time key page; without JavaScript the values are selectable text.
document.querySelectorAll('.files-copy').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent).then(function () { button.textContent = 'Copied'; });
    }
  });
});
