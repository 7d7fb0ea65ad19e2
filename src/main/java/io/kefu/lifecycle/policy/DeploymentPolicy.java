package io.kefu.lifecycle.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The deployment policy (docs/SECURITY.md, "Deployment policy"): what a BPMN or DMN file may
 * contain so that deploying it can never run code. No script tasks, script listeners, script
 * I/O mappings, script conditions or external script resources; no connectors; {@code camunda:class}
 * only from {@code kefu.security.deployment.allowed-classes}; {@code delegateExpression} only naming
 * one of Kefu's delegate beans; every other expression checked by {@link ExpressionPolicy}; DMN in
 * FEEL (without external Java functions) or JUEL only. The XML is read with DTDs and external
 * entities switched off, so XXE and entity-expansion files are refused as malformed.
 */
public final class DeploymentPolicy {

    static final String CAMUNDA_BPMN_NS = "http://camunda.org/schema/1.0/bpmn";
    static final String CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn";

    /** Elements whose text is prose, never evaluated. */
    private static final Set<String> PROSE = Set.of("documentation", "text:textAnnotation");
    /** FEEL's way to call a Java method: <code>function(x) external { java: {...} }</code>. */
    private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\b|\\bjava\\s*:");
    private static final Set<String> DMN_LANGUAGES = Set.of("feel", "juel", "http://www.omg.org/spec/feel/20140401",
            "https://www.omg.org/spec/dmn/20191111/feel/", "http://www.omg.org/spec/dmn/20180521/feel/",
            "https://www.omg.org/spec/dmn/20230324/feel/");

    private final ExpressionPolicy expressions;
    private final Set<String> allowedClasses;

    DeploymentPolicy(ExpressionPolicy expressions, Set<String> allowedClasses) {
        this.expressions = expressions;
        this.allowedClasses = Set.copyOf(allowedClasses);
    }

    /** Every rule the file breaks; empty when it may be deployed. */
    public List<PolicyViolation> check(String resourceName, byte[] content) {
        String name = resourceName == null ? "" : resourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
            return checkXml(resourceName, content, false);
        }
        if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            return checkXml(resourceName, content, true);
        }
        if (name.endsWith(".png") || name.endsWith(".form")) {
            return List.of();
        }
        return List.of(new PolicyViolation(resourceName, null, "only BPMN (.bpmn), DMN (.dmn), Camunda forms (.form) "
                + "and PNG diagrams may be deployed; scripts, HTML, SVG, CMMN and other files are not allowed"));
    }

    private List<PolicyViolation> checkXml(String resource, byte[] content, boolean dmn) {
        Document document;
        try {
            document = secureBuilder().parse(new ByteArrayInputStream(content));
        } catch (SAXException | IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reason.contains("DOCTYPE")) {
                reason = "DOCTYPE declarations (and so entities) are not allowed";
            }
            return List.of(new PolicyViolation(resource, null, "not well-formed XML: " + reason));
        }
        List<PolicyViolation> found = new ArrayList<>();
        visit(resource, document.getDocumentElement(), dmn, found);
        return found;
    }

    private void visit(String resource, Element element, boolean dmn, List<PolicyViolation> found) {
        String local = element.getLocalName();
        boolean camunda = CAMUNDA_BPMN_NS.equals(element.getNamespaceURI()) || CAMUNDA_DMN_NS.equals(element.getNamespaceURI());
        if ("scriptTask".equals(local) && !camunda) {
            found.add(violation(resource, element, "script tasks are not allowed"));
        }
        if (camunda && "script".equals(local)) {
            found.add(violation(resource, element, "scripts are not allowed (camunda:script in a listener, "
                    + "input/output mapping or field)"));
        }
        if (camunda && "connector".equals(local)) {
            found.add(violation(resource, element, "connectors are not allowed"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(resource, element, camunda, dmn, (Attr) attributes.item(i), found);
        }
        String text = ownText(element);
        if (!text.isBlank() && !PROSE.contains(local) && !(dmn && "text".equals(local))) {
            checkExpressionText(resource, element, text, found);
        }
        if (dmn && "text".equals(local)) {
            checkDmnText(resource, element, text, found);
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                visit(resource, child, dmn, found);
            }
        }
    }

    private void checkAttribute(String resource, Element element, boolean camundaElement, boolean dmn, Attr attribute,
            List<PolicyViolation> found) {
        String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String namespace = attribute.getNamespaceURI();
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
            return;
        }
        boolean camunda = CAMUNDA_BPMN_NS.equals(namespace) || CAMUNDA_DMN_NS.equals(namespace)
                || (namespace == null && camundaElement);
        String value = attribute.getValue();
        if (camunda && ("class".equals(local) || "variableMappingClass".equals(local))) {
            if (!allowedClasses.contains(value.trim())) {
                found.add(violation(resource, element, "Java class '" + value + "' is not an allowed delegate class; "
                        + "use one of Kefu's delegate beans with delegateExpression"));
            }
            return;
        }
        if (camunda && ("delegateExpression".equals(local) || "variableMappingDelegateExpression".equals(local))) {
            expressions.delegateViolation(value).ifPresent(reason -> found.add(violation(resource, element, reason)));
            return;
        }
        if (camunda && "resource".equals(local)) {
            found.add(violation(resource, element, "external resources ('" + ExpressionPolicy.abbreviate(value)
                    + "') are not allowed"));
            return;
        }
        if ("language".equals(local) && namespace == null && !camundaElement && !dmn) {
            found.add(violation(resource, element, "script expressions (language=\"" + value + "\") are not allowed; "
                    + "write the condition as an expression like ${amount > 100}"));
            return;
        }
        if (dmn && "expressionLanguage".equals(local)) {
            if (!DMN_LANGUAGES.contains(value.trim().toLowerCase(Locale.ROOT))) {
                found.add(violation(resource, element, "expression language '" + value + "' is not allowed "
                        + "(only FEEL and JUEL)"));
            }
            return;
        }
        if (value.contains("${") || value.contains("#{")) {
            checkExpressionText(resource, element, value, found);
        }
    }

    private void checkExpressionText(String resource, Element element, String text, List<PolicyViolation> found) {
        if (text.contains("${") || text.contains("#{")) {
            expressions.violation(text).ifPresent(reason -> found.add(violation(resource, element, reason)));
        }
    }

    /** A DMN expression: JUEL when written as ${...}, otherwise FEEL (which must not call Java). */
    private void checkDmnText(String resource, Element element, String text, List<PolicyViolation> found) {
        if (text.contains("${") || text.contains("#{")) {
            checkExpressionText(resource, element, text, found);
        } else if (FEEL_EXTERNAL.matcher(text).find()) {
            found.add(violation(resource, element, "FEEL external (Java) functions are not allowed"));
        }
    }

    private static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    private static PolicyViolation violation(String resource, Element element, String rule) {
        return new PolicyViolation(resource, idOf(element), rule);
    }

    private static String idOf(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            String id = e.getAttribute("id");
            if (!id.isEmpty()) {
                return id;
            }
        }
        return null;
    }

    private static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a secure-processing feature", e);
        }
    }

    /** For messages: the violations as one line each. */
    static String describe(List<PolicyViolation> violations) {
        StringBuilder text = new StringBuilder();
        for (PolicyViolation v : violations) {
            text.append(text.isEmpty() ? "" : "; ").append(v);
        }
        return text.toString();
    }
}
