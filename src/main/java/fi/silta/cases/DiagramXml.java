package fi.silta.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A BPMN model as an outsider may see it: the shapes, names and layout a viewer draws, without
 * what only the engine needs (Camunda attributes and extension elements, expressions, scripts,
 * documentation), so the portal shows the steps and nothing of how they are carried out.
 */
final class DiagramXml {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
    private static final Set<String> KEPT_NAMESPACES = Set.of(BPMN, BPMNDI, DC, DI, XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);

    /** Left out whole. */
    private static final Set<String> DROPPED = Set.of("extensionElements", "documentation");
    /** Kept (a viewer draws a marker for some of them) but emptied. */
    private static final Set<String> EMPTIED = Set.of("conditionExpression", "completionCondition", "loopCardinality",
            "timeDate", "timeDuration", "timeCycle", "script", "condition");

    private DiagramXml() {
    }

    /** The display copy, or empty when the model has no diagram (nothing a viewer could draw). */
    static Optional<byte[]> forDisplay(InputStream model) {
        return forDisplay(model, id -> null);
    }

    /**
     * The display copy with each element's name as {@code nameOf} gives it for the element's id (the
     * reader's language), the model's own name where it gives none.
     */
    static Optional<byte[]> forDisplay(InputStream model, java.util.function.Function<String, String> nameOf) {
        try {
            Document document = parser().newDocumentBuilder().parse(model);
            if (document.getElementsByTagNameNS(BPMNDI, "BPMNDiagram").getLength() == 0) {
                return Optional.empty();
            }
            clean(document.getDocumentElement());
            rename(document.getDocumentElement(), nameOf);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return Optional.of(out.toByteArray());
        } catch (ParserConfigurationException | SAXException | IOException | TransformerException e) {
            throw new IllegalStateException("the deployed model cannot be read for display", e);
        }
    }

    private static void rename(Element element, java.util.function.Function<String, String> nameOf) {
        if (BPMN.equals(element.getNamespaceURI()) && element.hasAttribute("id") && element.hasAttribute("name")) {
            String name = nameOf.apply(element.getAttribute("id"));
            if (name != null) {
                element.setAttribute("name", name);
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                rename(e, nameOf);
            }
        }
    }

    private static void clean(Element element) {
        List<Attr> foreign = new ArrayList<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String namespace = attribute.getNamespaceURI();
            boolean declaration = XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace);
            if (declaration ? !KEPT_NAMESPACES.contains(attribute.getValue())
                    : namespace != null && !KEPT_NAMESPACES.contains(namespace)) {
                foreign.add(attribute);
            }
        }
        foreign.forEach(element::removeAttributeNode);
        if (BPMN.equals(element.getNamespaceURI()) && EMPTIED.contains(element.getLocalName())) {
            element.setTextContent("");
        }
        for (Node child = element.getFirstChild(); child != null;) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.COMMENT_NODE || child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                element.removeChild(child);
            } else if (child instanceof Element e && (!KEPT_NAMESPACES.contains(e.getNamespaceURI())
                    || BPMN.equals(e.getNamespaceURI()) && DROPPED.contains(e.getLocalName()))) {
                element.removeChild(child);
            } else if (child instanceof Element e) {
                clean(e);
            }
            child = next;
        }
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
