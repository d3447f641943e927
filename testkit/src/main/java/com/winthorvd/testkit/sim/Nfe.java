package com.winthorvd.testkit.sim;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

/**
 * A small NF-e (nfeProc) document with what the integration reads: number, series, the 44-digit access key (with
 * its mod-11 check digit), issue date, total value, and the invoiced items.
 */
final class Nfe {
    private Nfe() {
    }

    /** cUF(2) AAMM(4) CNPJ(14) mod(2) serie(3) nNF(9) tpEmis(1) cNF(8) + check digit = 44 digits. */
    static String accessKey(String uf, String yymm, String cnpj, int series, long number, long code) {
        String base = uf + yymm + cnpj + "55" + String.format("%03d", series) + String.format("%09d", number) + "1"
                + String.format("%08d", code);
        int weight = 2;
        int sum = 0;
        for (int i = base.length() - 1; i >= 0; i--) {
            sum += (base.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int digit = 11 - sum % 11;
        return base + (digit >= 10 ? 0 : digit);
    }

    static String xml(SimOrder order, SimOrder.Invoice invoice, String issuerCnpj) {
        StringBuilder items = new StringBuilder();
        int n = 1;
        for (SimOrder.Line line : invoice.items()) {
            items.append("<det nItem=\"").append(n++).append("\"><prod><cProd>").append(line.skuKey()).append("</cProd>")
                    .append("<qCom>").append(line.quantity().toPlainString()).append("</qCom>")
                    .append("<vUnCom>").append(line.sellPrice().toPlainString()).append("</vUnCom>")
                    .append("<vProd>").append(line.total().toPlainString()).append("</vProd></prod></det>");
        }
        BigDecimal value = invoice.value();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<nfeProc xmlns=\"http://www.portalfiscal.inf.br/nfe\" versao=\"4.00\"><NFe><infNFe Id=\"NFe" + invoice.accessKey()
                + "\" versao=\"4.00\"><ide><serie>" + invoice.series() + "</serie><nNF>" + invoice.number() + "</nNF><dhEmi>"
                + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(invoice.issuedAt()) + "-03:00</dhEmi></ide>"
                + "<emit><CNPJ>" + issuerCnpj + "</CNPJ></emit>"
                + "<compra><xPed>" + order.orderIdMktplace + "</xPed></compra>"
                + items + "<total><ICMSTot><vNF>" + value.toPlainString() + "</vNF></ICMSTot></total></infNFe></NFe>"
                + "<protNFe><infProt><chNFe>" + invoice.accessKey() + "</chNFe><cStat>100</cStat></infProt></protNFe></nfeProc>";
    }
}
