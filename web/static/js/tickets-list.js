/*
 * The ticket list's "more" link without leaving the page: fetches the next page (the same
 * server-rendered list with the cursor), appends its rows and takes over its "more" link. Without
 * script the link simply opens the next page.
 */
(function () {
  'use strict';

  document.addEventListener('click', function (e) {
    var link = e.target.closest('p.more a');
    if (!link) { return; }
    e.preventDefault();
    fetch(link.href, {credentials: 'same-origin', headers: {Accept: 'text/html'}}).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (!html) { location.href = link.href; return; }
      var next = new DOMParser().parseFromString(html, 'text/html');
      var rows = document.querySelector('table.ticket-rows tbody');
      Array.prototype.forEach.call(next.querySelectorAll('table.ticket-rows tbody tr'), function (tr) {
        if (!rows.querySelector('tr[data-ticket-id="' + tr.getAttribute('data-ticket-id') + '"]')) {
          rows.appendChild(document.importNode(tr, true));
        }
      });
      var more = next.querySelector('p.more');
      var here = document.querySelector('p.more');
      if (more) { here.replaceWith(document.importNode(more, true)); } else { here.remove(); }
    });
  });
})();
