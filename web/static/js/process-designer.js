/*
 * The process designer: the model opened in bpmn-js (web/static/vendor/bpmn, built by
 * web/vendor/bpmn/build), the running instances counted on each activity, Validate (the deployment
 * policy and the engine's parser on the server, bpmnlint's recommended rules here: each problem
 * listed and its element marked; bpmnlint's warnings are listed but do not block) and Deploy as a new version (validated again on the server).
 */
(function () {
  'use strict';

  var main = document.querySelector('main.process-designer');
  if (!main || !window.KefuBpmn) { return; }
  var modeler = window.KefuBpmn.modeler('#canvas', '#properties');
  var state = main.querySelector('.designer-state');
  var list = main.querySelector('.designer-problems');
  var marked = [];

  function headers(type) {
    var h = {'Content-Type': type, Accept: 'application/json'};
    h[main.getAttribute('data-csrf-header')] = main.getAttribute('data-csrf-token');
    return h;
  }

  function say(text, kind) {
    state.textContent = text;
    state.className = 'designer-state ' + (kind || '');
  }

  function showCounts() {
    fetch(main.getAttribute('data-counts'), {credentials: 'same-origin'}).then(function (r) { return r.json(); })
      .then(function (counts) {
        var overlays = modeler.get('overlays');
        var registry = modeler.get('elementRegistry');
        Object.keys(counts).forEach(function (id) {
          if (!registry.get(id)) { return; }
          var badge = document.createElement('span');
          badge.className = 'instance-count';
          badge.setAttribute('data-activity', id);
          badge.title = main.getAttribute('data-running');
          badge.textContent = String(counts[id]);
          overlays.add(id, 'instance-count', {position: {bottom: 8, left: -8}, html: badge});
        });
      });
  }

  function render(problems) {
    var canvas = modeler.get('canvas');
    var registry = modeler.get('elementRegistry');
    marked.forEach(function (id) { canvas.removeMarker(id, 'kefu-problem'); canvas.removeMarker(id, 'kefu-warning'); });
    marked = [];
    list.replaceChildren();
    (problems || []).forEach(function (p) {
      var li = document.createElement('li');
      li.className = 'problem' + (p.category === 'warn' ? ' warning' : '');
      li.setAttribute('data-element', p.elementId || '');
      li.setAttribute('data-rule', p.rule);
      var where = document.createElement(p.elementId && registry.get(p.elementId) ? 'a' : 'span');
      where.textContent = (p.elementId || '—') + ' · ' + p.rule;
      if (where.tagName === 'A') {
        where.href = '#';
        where.addEventListener('click', function (e) {
          e.preventDefault();
          var element = registry.get(p.elementId);
          modeler.get('selection').select(element);
          canvas.scrollToElement(element);
        });
        canvas.addMarker(p.elementId, p.category === 'warn' ? 'kefu-warning' : 'kefu-problem');
        marked.push(p.elementId);
      }
      li.appendChild(where);
      li.appendChild(document.createTextNode(' ' + p.message));
      list.appendChild(li);
    });
  }

  /** bpmnlint's recommended rules, run here on the model as it is drawn. */
  function lint() {
    return window.KefuBpmn.lint ? window.KefuBpmn.lint(modeler.getDefinitions()) : Promise.resolve([]);
  }

  function validate() {
    say(main.getAttribute('data-checking'));
    var server = modeler.saveXML({format: true}).then(function (saved) {
      return fetch(main.getAttribute('data-validate'), {method: 'POST', credentials: 'same-origin',
        headers: headers('text/xml'), body: saved.xml});
    }).then(function (r) { return r.json(); });
    return Promise.all([server, lint()]).then(function (found) {
      var answer = found[0];
      var linted = found[1];
      var errors = linted.filter(function (p) { return p.category === 'error'; });
      var problems = (answer.problems || []).concat(errors)
        .concat(linted.filter(function (p) { return p.category !== 'error'; }));
      var valid = answer.valid && errors.length === 0;
      render(problems);
      say(valid ? main.getAttribute('data-valid')
        : main.getAttribute('data-invalid').replace('{0}', (answer.problems || []).length + errors.length), valid ? 'valid' : 'invalid');
      return answer;
    });
  }

  function deploy() {
    var writeBack = main.querySelector('input[name=writeBack]').checked;
    say(main.getAttribute('data-checking'));
    modeler.saveXML({format: true}).then(function (saved) {
      return fetch(main.getAttribute('data-deploy'), {method: 'POST', credentials: 'same-origin',
        headers: headers('application/json'), body: JSON.stringify({xml: saved.xml, writeBack: writeBack})});
    }).then(function (r) {
      return r.json().then(function (body) { return {status: r.status, body: body}; });
    }).then(function (answer) {
      if (answer.status === 200) {
        render([]);
        say(main.getAttribute('data-deployed').replace('{0}', answer.body.version), 'valid deployed');
        var link = document.createElement('a');
        link.className = 'deployed-version';
        link.href = main.getAttribute('data-page') + encodeURIComponent(answer.body.processDefinitionId);
        link.textContent = answer.body.processDefinitionId;
        state.appendChild(document.createTextNode(' '));
        state.appendChild(link);
      } else if (answer.body && answer.body.problems) {
        render(answer.body.problems);
        say(main.getAttribute('data-invalid').replace('{0}', answer.body.problems.length), 'invalid refused');
      } else {
        say((answer.body && answer.body.detail) || String(answer.status), 'invalid');
      }
    });
  }

  fetch(main.getAttribute('data-xml'), {credentials: 'same-origin'}).then(function (r) { return r.text(); })
    .then(function (xml) { return modeler.importXML(xml); })
    .then(function () {
      modeler.get('canvas').zoom('fit-viewport');
      main.setAttribute('data-loaded', 'true');
      showCounts();
    });

  // A model from the desktop modeler (or anywhere): opened here, deployed as this process's next version.
  main.querySelector('input[name=import]').addEventListener('change', function (e) {
    var file = e.target.files[0];
    if (!file) { return; }
    file.text().then(function (xml) { return modeler.importXML(xml); }).then(function () {
      modeler.get('canvas').zoom('fit-viewport');
      render([]);
      say(file.name);
    }).catch(function (error) { say(String(error.message || error), 'invalid'); });
  });

  // Migration of this version's running instances to the latest version (Camunda's migration API).
  var migration = main.querySelector('.designer-migration');
  if (migration) {
    var migrationState = migration.querySelector('.migration-state');
    var migrateButton = migration.querySelector('button.migrate');
    migration.querySelector('button.preview').addEventListener('click', function () {
      fetch(migration.getAttribute('data-migration') + '?to=' + encodeURIComponent(migration.getAttribute('data-to')),
        {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (preview) {
        var problems = migration.querySelector('.migration-problems');
        problems.replaceChildren();
        preview.problems.forEach(function (p) {
          var li = document.createElement('li');
          li.textContent = p;
          problems.appendChild(li);
        });
        var table = migration.querySelector('table.migration-instances');
        var body = table.querySelector('tbody');
        body.replaceChildren();
        var movable = 0;
        preview.instances.forEach(function (instance) {
          var row = document.createElement('tr');
          row.setAttribute('data-instance', instance.id);
          row.className = instance.canMigrate ? 'moves' : 'stays';
          [instance.id, instance.businessKey || '', instance.activities.join(', '),
            instance.canMigrate ? migration.getAttribute('data-yes') : instance.reason].forEach(function (text) {
            var td = document.createElement('td');
            td.textContent = text;
            row.appendChild(td);
          });
          body.appendChild(row);
          if (instance.canMigrate) { movable++; }
        });
        table.hidden = false;
        migrateButton.disabled = !preview.valid || movable === 0;
      });
    });
    migrateButton.addEventListener('click', function () {
      migrateButton.disabled = true;
      fetch(migration.getAttribute('data-migration'), {method: 'POST', credentials: 'same-origin',
        headers: headers('application/json'), body: JSON.stringify({to: migration.getAttribute('data-to')})})
        .then(function (r) { return r.json(); }).then(function (started) {
          function poll() {
            fetch(migration.getAttribute('data-batches') + encodeURIComponent(started.batchId), {credentials: 'same-origin'})
              .then(function (r) { return r.json(); }).then(function (progress) {
                migrationState.textContent = migration.getAttribute('data-progress')
                  .replace('{0}', progress.completed).replace('{1}', progress.total);
                migrationState.className = 'migration-state' + (progress.done ? ' done' : '');
                if (!progress.done) { setTimeout(poll, 1000); }
              });
          }
          poll();
        });
    });
  }

  main.querySelector('button.validate').addEventListener('click', validate);
  main.querySelector('button.deploy').addEventListener('click', deploy);
})();
