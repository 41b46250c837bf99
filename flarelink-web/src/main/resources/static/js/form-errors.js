// Errors the user can see: when a page comes back with a problem, each message next to a field is linked to its
// control (aria-describedby, aria-invalid) and announced (role=alert), and focus moves to the first field in error
// (or to the message itself), so a refusal is never left unnoticed below the fold. Pages render the messages
// already; this only connects them, so nothing changes without JavaScript but the focus.
(function () {
  'use strict';
  var messages = document.querySelectorAll('#main .field-error, #main .alert.error, #flash .alert.error');
  var first = null;
  var count = 0;
  Array.prototype.forEach.call(messages, function (message) {
    if (!message.textContent.trim()) {
      return;
    }
    count += 1;
    if (!message.id) {
      message.id = 'form-error-' + count;
    }
    if (!message.hasAttribute('role')) {
      message.setAttribute('role', 'alert');
    }
    var field = message.closest('.field, label');
    var control = field && field.querySelector('input:not([type=hidden]), select, textarea');
    if (control) {
      var ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (id) {
        return id && document.getElementById(id);
      });
      if (ids.indexOf(message.id) < 0) {
        ids.push(message.id);
      }
      control.setAttribute('aria-describedby', ids.join(' '));
      control.setAttribute('aria-invalid', 'true');
    }
    if (!first) {
      first = control || message;
    }
  });
  var invalid = document.querySelector('#main [aria-invalid="true"]');
  var target = invalid || first;
  if (!target) {
    return;
  }
  if (!target.matches('input, select, textarea, button, a[href]')) {
    target.setAttribute('tabindex', '-1');
  }
  target.focus();
  if (target.scrollIntoView) {
    target.scrollIntoView({ block: 'center' });
  }
})();
