package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A customer (PCCLIENT). {@code document} is CGCENT (CNPJ or CPF) as digits only; {@code stateInscription} is
 * IEENT, normalised ("ISENTO" for exempt). {@code sellerId} is the RCA (CODUSUR1), {@code regionId} the price region.
 */
public record Customer(long id, String name, String tradeName, String document, String stateInscription, String personType,
                       String email, String phone, Long sellerId, Long activityId, String regionId, String branchId,
                       boolean active, boolean blocked, List<DeliveryAddress> deliveryAddresses, LocalDateTime lastChange) {

    public record DeliveryAddress(String id, String street, String number, String complement, String district,
                                  String city, String state, String zip) {

        static DeliveryAddress from(JsonNode node) {
            return new DeliveryAddress(WtaFields.text(node, "id", "addressId", "deliveryAddressId"),
                    WtaFields.text(node, "address", "street"), WtaFields.text(node, "number", "addressNumber"),
                    WtaFields.text(node, "complement"), WtaFields.text(node, "district", "neighborhood"),
                    WtaFields.text(node, "city", "cityName"), WtaFields.text(node, "state", "federationUnity"),
                    WtaFields.text(node, "zipCode", "cep"));
        }
    }

    public static String digits(String text) {
        return text == null ? null : text.replaceAll("\\D", "");
    }

    /** IE as compared by the integration: upper case, no punctuation; exempt in any spelling becomes ISENTO. */
    public static String normalizeStateInscription(String text) {
        if (text == null || text.isBlank()) {
            return "ISENTO";
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("ISENT") || upper.equals("ISENTA")) {
            return "ISENTO";
        }
        return upper.replaceAll("[^0-9A-Z]", "");
    }

    /**
     * J (legal person, CNPJ) or F (natural person, CPF): {@code corporate} is a boolean in TOTVS's own layouts (true =
     * J); a J/F text in {@code corporate}, {@code personalType} or {@code personType} is read as it is.
     */
    static String personType(JsonNode node) {
        String text = WtaFields.text(node, "corporate", "personalType", "personType");
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("J") || upper.equals("F")) {
            return upper;
        }
        return WtaFields.flag(node, false, "corporate") ? "J" : "F";
    }

    /**
     * The delivery addresses: TOTVS's layouts send one as flat {@code delivery*} fields; a {@code deliveryAddresses}
     * array (shape unattested) is read too. The flat one.s id is "entrega".
     */
    static List<DeliveryAddress> deliveryAddresses(JsonNode node) {
        List<DeliveryAddress> addresses = new ArrayList<>();
        String street = WtaFields.text(node, "deliveryAddress");
        if (street != null) {
            addresses.add(new DeliveryAddress("entrega", street, WtaFields.text(node, "deliveryAddressNumber"),
                    WtaFields.text(node, "complementDeliveryAddress", "deliveryComplement"), WtaFields.text(node, "deliveryDistrict"),
                    WtaFields.text(node, "deliveryCity"), WtaFields.text(node, "deliveryState"),
                    digits(WtaFields.text(node, "deliveryZipCode"))));
        }
        for (JsonNode address : node.path("deliveryAddresses")) {
            addresses.add(DeliveryAddress.from(address));
        }
        return addresses;
    }

    public static Customer from(JsonNode node) {
        List<DeliveryAddress> addresses = deliveryAddresses(node);
        return new Customer(WtaFields.number(node, "id", "customerId"), WtaFields.text(node, "name", "corporateName"),
                WtaFields.text(node, "tradeName", "fantasyName"), digits(WtaFields.text(node, "personIdentificationNumber", "cgcent")),
                normalizeStateInscription(WtaFields.text(node, "stateInscription", "ieent")),
                personType(node), WtaFields.text(node, "email"),
                WtaFields.text(node, "phone", "corporatePhone", "commercialPhone", "deliveryPhone"), WtaFields.number(node, "sellerId"),
                WtaFields.number(node, "activityId"), WtaFields.text(node, "regionId", "priceRegionId"),
                WtaFields.text(node, "branchId"), WtaFields.flag(node, true, "active"), WtaFields.flag(node, false, "blocked"),
                addresses, WtaFields.date(node, "lastChange"));
    }
}
