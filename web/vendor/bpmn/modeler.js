// The process designer's modeler: bpmn-js with the properties panel for the Camunda 7 attributes
// (camunda:delegateExpression, camunda:candidateGroups, timers, ...). Bundled by ./build.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import Linter from 'bpmnlint/lib/linter';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import recommended from 'bpmnlint/config/recommended';
import rule0 from 'bpmnlint/rules/ad-hoc-sub-process';
import rule1 from 'bpmnlint/rules/conditional-flows';
import rule2 from 'bpmnlint/rules/end-event-required';
import rule3 from 'bpmnlint/rules/event-based-gateway';
import rule4 from 'bpmnlint/rules/event-sub-process-typed-start-event';
import rule5 from 'bpmnlint/rules/fake-join';
import rule6 from 'bpmnlint/rules/global';
import rule7 from 'bpmnlint/rules/label-required';
import rule8 from 'bpmnlint/rules/link-event';
import rule9 from 'bpmnlint/rules/no-bpmndi';
import rule10 from 'bpmnlint/rules/no-complex-gateway';
import rule11 from 'bpmnlint/rules/no-disconnected';
import rule12 from 'bpmnlint/rules/no-duplicate-sequence-flows';
import rule13 from 'bpmnlint/rules/no-gateway-join-fork';
import rule14 from 'bpmnlint/rules/no-implicit-split';
import rule15 from 'bpmnlint/rules/no-implicit-end';
import rule16 from 'bpmnlint/rules/no-implicit-start';
import rule17 from 'bpmnlint/rules/no-inclusive-gateway';
import rule18 from 'bpmnlint/rules/no-overlapping-elements';
import rule19 from 'bpmnlint/rules/single-blank-start-event';
import rule20 from 'bpmnlint/rules/single-event-definition';
import rule21 from 'bpmnlint/rules/start-event-required';
import rule22 from 'bpmnlint/rules/sub-process-blank-start-event';
import rule23 from 'bpmnlint/rules/superfluous-gateway';
import rule24 from 'bpmnlint/rules/superfluous-label';
import rule25 from 'bpmnlint/rules/superfluous-termination';

export function modeler(container, panel) {
  return new BpmnModeler({
    container: container,
    propertiesPanel: { parent: panel },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule],
    moddleExtensions: { camunda: camundaModdle }
  });
}

export function viewer(container) {
  return new NavigatedViewer({ container: container, moddleExtensions: { camunda: camundaModdle } });
}

// bpmnlint's recommended rules, resolved from the bundle (no loader, no network).
const resolver = new StaticResolver({
  'config:bpmnlint/recommended': recommended,
  'rule:bpmnlint/ad-hoc-sub-process': rule0,
  'rule:bpmnlint/conditional-flows': rule1,
  'rule:bpmnlint/end-event-required': rule2,
  'rule:bpmnlint/event-based-gateway': rule3,
  'rule:bpmnlint/event-sub-process-typed-start-event': rule4,
  'rule:bpmnlint/fake-join': rule5,
  'rule:bpmnlint/global': rule6,
  'rule:bpmnlint/label-required': rule7,
  'rule:bpmnlint/link-event': rule8,
  'rule:bpmnlint/no-bpmndi': rule9,
  'rule:bpmnlint/no-complex-gateway': rule10,
  'rule:bpmnlint/no-disconnected': rule11,
  'rule:bpmnlint/no-duplicate-sequence-flows': rule12,
  'rule:bpmnlint/no-gateway-join-fork': rule13,
  'rule:bpmnlint/no-implicit-split': rule14,
  'rule:bpmnlint/no-implicit-end': rule15,
  'rule:bpmnlint/no-implicit-start': rule16,
  'rule:bpmnlint/no-inclusive-gateway': rule17,
  'rule:bpmnlint/no-overlapping-elements': rule18,
  'rule:bpmnlint/single-blank-start-event': rule19,
  'rule:bpmnlint/single-event-definition': rule20,
  'rule:bpmnlint/start-event-required': rule21,
  'rule:bpmnlint/sub-process-blank-start-event': rule22,
  'rule:bpmnlint/superfluous-gateway': rule23,
  'rule:bpmnlint/superfluous-label': rule24,
  'rule:bpmnlint/superfluous-termination': rule25,
});

/** Lints the modeler's definitions: [{elementId, rule, message, category ('error' or 'warn')}]. */
export function lint(definitions) {
  const linter = new Linter({ resolver: resolver, config: { extends: 'bpmnlint:recommended' } });
  return linter.lint(definitions).then(function (results) {
    const problems = [];
    Object.keys(results).forEach(function (rule) {
      results[rule].forEach(function (report) {
        problems.push({ elementId: report.id, rule: 'bpmnlint/' + rule, message: report.message, category: report.category });
      });
    });
    return problems;
  });
}
