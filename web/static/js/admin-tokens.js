// Token page: the "Copy" button puts the new token on the clipboard (selecting it when the
// clipboard is not available, e.g. over plain HTTP).
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy-from]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy-from'));
    var label = button.textContent;
    field.addEventListener('focus', function () { field.select(); });
    button.addEventListener('click', function () {
      field.select();
      var done = function () {
        button.textContent = button.getAttribute('data-copied-text');
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { /* left selected */ });
      } else {
        try {
          if (document.execCommand('copy')) {
            done();
          }
        } catch (e) { /* left selected for the user to copy */ }
      }
    });
  });
})();
