package io.kefu.channel.callback;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Reads Tencent's flat callback XML (the Official Account's and WeCom's) ({@code <xml><ToUserName>…</ToUserName>…</xml>}) into its
 * top-level fields. No DOCTYPE, no external entities: a callback body is untrusted until its
 * signature is checked, and even then it is data only.
 */
public final class CallbackXml {

    private CallbackXml() {
    }

    /** The root's child elements by name, their text content; {@link IllegalArgumentException} for bad XML. */
    public static Map<String, String> fields(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    fields.put(element.getTagName(), element.getTextContent());
                }
            }
            return fields;
        } catch (Exception e) {
            throw new IllegalArgumentException("The body is not the platform's XML");
        }
    }
}
