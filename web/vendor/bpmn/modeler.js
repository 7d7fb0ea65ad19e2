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
