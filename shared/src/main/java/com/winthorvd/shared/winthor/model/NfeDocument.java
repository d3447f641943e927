package com.winthorvd.shared.winthor.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the integration reads from an NF-e (the nfeProc XML WinThor's fiscal service returns): number (nNF), series,
 * the 44-digit access key with its check digit verified, issue time (dhEmi), total (vNF) and the invoiced items (cProd,
 * cEAN, qCom, vUnCom, vProd). Namespaces are ignored and DTDs refused (no external entities).
 */
public record NfeDocument(String number, String series, String accessKey, Instant issuedAt, BigDecimal total, List<Item> items) {

    public record Item(String productCode, String ean, BigDecimal quantity, BigDecimal unitPrice, BigDecimal total) {
    }

    /** An NF-e the integration cannot use, with what is wrong with it. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    public static NfeDocument parse(String xml) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new Unreadable("NF-e XML malformado: " + e.getMessage());
        }
        String key = first(doc.getDocumentElement(), "chNFe");
        if (key == null) {
            NodeList infos = doc.getElementsByTagNameNS("*", "infNFe");
            key = infos.getLength() == 0 ? null : ((Element) infos.item(0)).getAttribute("Id").replaceFirst("^NFe", "");
        }
        if (key == null || !validAccessKey(key)) {
            throw new Unreadable("chave de acesso ausente ou inválida (" + key + ")");
        }
        String number = required(doc, "nNF");
        String issued = required(doc, "dhEmi");
        Instant issuedAt;
        try {
            issuedAt = OffsetDateTime.parse(issued).toInstant();
        } catch (DateTimeParseException e) {
            throw new Unreadable("data de emissão ilegível (" + issued + ")");
        }
        List<Item> items = new ArrayList<>();
        NodeList details = doc.getElementsByTagNameNS("*", "det");
        for (int i = 0; i < details.getLength(); i++) {
            Element det = (Element) details.item(i);
            items.add(new Item(first(det, "cProd"), first(det, "cEAN"), decimal(det, "qCom"), decimal(det, "vUnCom"), decimal(det, "vProd")));
        }
        if (items.isEmpty()) {
            throw new Unreadable("NF-e " + number + " sem itens");
        }
        return new NfeDocument(number, required(doc, "serie"), key, issuedAt, decimal(doc.getDocumentElement(), "vNF"), items);
    }

    /** 44 digits whose last is the mod-11 check digit of the other 43 (weights 2..9 from the right). */
    public static boolean validAccessKey(String key) {
        if (key == null || !key.matches("\\d{44}")) {
            return false;
        }
        int sum = 0;
        int weight = 2;
        for (int i = 42; i >= 0; i--) {
            sum += (key.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int digit = 11 - sum % 11;
        return key.charAt(43) - '0' == (digit >= 10 ? 0 : digit);
    }

    private static String required(Document doc, String tag) {
        String value = first(doc.getDocumentElement(), tag);
        if (value == null) {
            throw new Unreadable("campo " + tag + " ausente na NF-e");
        }
        return value;
    }

    private static BigDecimal decimal(Element parent, String tag) {
        String value = first(parent, tag);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new Unreadable("campo " + tag + " não numérico (" + value + ")");
        }
    }

    private static String first(Element parent, String tag) {
        NodeList found = parent.getElementsByTagNameNS("*", tag);
        if (found.getLength() == 0) {
            return null;
        }
        String text = found.item(0).getTextContent().trim();
        return text.isEmpty() ? null : text;
    }
}
