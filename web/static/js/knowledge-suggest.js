// Type-ahead for the knowledge search box: asks /knowledge/suggest as the user types (after a
// short pause) and offers the completions through the input's <datalist>.
(function () {
  'use strict';
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    var url = input.getAttribute('data-suggest-url');
    var language = input.form ? input.form.querySelector('select[name="language"]') : null;
    var timer = null;
    var latest = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var prefix = input.value.trim();
      if (!prefix) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        var asked = ++latest;
        var query = '?prefix=' + encodeURIComponent(prefix)
          + (language && language.value ? '&language=' + encodeURIComponent(language.value) : '');
        fetch(url + query, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (suggestions) {
            if (asked !== latest) {
              return; // an answer to an older keystroke
            }
            list.replaceChildren.apply(list, suggestions.map(function (s) {
              var option = document.createElement('option');
              option.value = s.text;
              return option;
            }));
          })
          .catch(function () { /* no suggestions is fine */ });
      }, 150);
    });
  });
})();
