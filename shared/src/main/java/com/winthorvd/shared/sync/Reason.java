package com.winthorvd.shared.sync;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * Why a record is not integrated: a code, the WinThor routine where the implementer fixes it, and the message in
 * Portuguese (the default) with the record's parameters. Stored as code + parameters; rendered when shown.
 */
public enum Reason {
    PRODUCT_WITHOUT_BRAND("203", "Produto {0} sem marca: vincule uma marca ao produto na rotina 203."),
    PRODUCT_WITHOUT_CATEGORY("203", "Produto {0} sem departamento, seção ou categoria: vincule-os na rotina 203."),
    NOT_SENT_TO_ECOMMERCE(null, "{0} {1} não está marcad<0> \"Enviar para E-commerce = Sim\" no cadastro d<0> {0}."),
    BRAND_INACTIVE(null, "Marca {0} inativa: ative-a no cadastro de marcas."),
    PARENT_NOT_INTEGRATED(null, "{0} {1} não integrad<0> porque {2} {3} não está integrad<2>: corrija primeiro {2} {3}."),
    PACKAGING_WITHOUT_EAN("203", "Embalagem {0} sem EAN (código de barras válido): cadastre-o na rotina 203."),
    PACKAGING_UNITS_NOT_WHOLE("203", "Embalagem {0}: a quantidade por embalagem (QTUNIT) {1} não é um número inteiro de unidades, e a loja vende embalagens inteiras: corrija-a na rotina 203."),
    PRICE_ROW_WITHOUT_SKU("201", "Preço da filial {0}, região {1}, sem embalagem identificável (código auxiliar e produto; veio {2}): confira a embalagem do produto na rotina 203; a linha foi ignorada."),
    MISSING_DIMENSIONS("2014", "Embalagem {0} sem dimensões ou peso: preencha altura, largura, comprimento e peso na rotina 2014 (ou 292)."),
    WEB_TAB_EMPTY("2009", "Produto {0} sem classificação Web: preencha a aba Web na rotina 2009."),
    CUSTOMER_WITHOUT_EMAIL("302", "Cliente {0} sem e-mail: cadastre o e-mail na rotina 302."),
    CUSTOMER_SHARED_EMAIL("302", "Cliente {0} usa o mesmo e-mail de outro CNPJ/CPF (cliente {1}): corrija o e-mail na rotina 302."),
    CUSTOMER_WITHOUT_DOCUMENT("302", "Cliente {0} sem CNPJ/CPF válido: corrija-o na rotina 302."),
    OUT_OF_SCOPE(null, "{0} {1} está fora do escopo configurado da integração ({2}): não é enviad<0> à loja."),
    LEFT_ECOMMERCE(null, "{0} {1} não veio mais do WinThor na carga completa (\"Enviar para E-commerce = Não\" ou excluíd<0>): desativad<0> na loja."),
    STORE_REFUSED(null, "A loja recusou {0} {1}: {2}. Corrija o cadastro no WinThor; a carga completa tenta de novo."),
    STORE_AUTH_FAILED(null, "A loja recusou a AppKey/AppToken da integração ao gravar {0} {1} ({2}): confira o AppToken no segredo do Secrets Manager (parâmetro StoreAppTokenSecretArn) e o perfil da chave no admin da loja (Catálogo, Logística, Preços e Pedidos). Nada foi perdido: é tentado de novo até a loja aceitar."),
    STOCK_WAREHOUSE_MISSING(null, "A loja respondeu que não encontrou o estoque (warehouse) {1} ao gravar o estoque da embalagem {0} ({2}): crie-o no admin da loja (Logística > Estoques) ou corrija StockWarehouses; se o estoque existe, confira se a embalagem ainda existe no catálogo da loja. Nada foi perdido: é tentado de novo até a loja aceitar."),
    PRICE_NOT_POSITIVE("201", "{0} da embalagem {1} na filial {2}, região {3}, não é positivo ({4}): corrija-o na rotina 201 (ou 2017, preço por embalagem); a tabela {5} não foi alterada na loja."),
    ORDER_NOT_IN_STORE(null, "Pedido {0} não encontrado na loja: o aviso não corresponde a um pedido."),
    ORDER_UNKNOWN_SKU("203", "Pedido {0}: o item {1} (RefId {2}) não é uma embalagem integrada do WinThor: confira a embalagem na rotina 203 e o catálogo da loja."),
    ORDER_UNKNOWN_WAREHOUSE(null, "Pedido {0}: o estoque {1} da loja não corresponde a nenhuma filial configurada (StockWarehouses)."),
    ORDER_SPANS_BRANCHES(null, "Pedido {0} tem itens de mais de uma filial ({1}): um pedido do WinThor é de uma filial; divida-o na loja."),
    ORDER_PAYMENT_NOT_MAPPED("522", "Pedido {0}: a forma de pagamento \"{1}\" não está mapeada para cobrança e plano de pagamento (OrderPayments; cobranças na rotina 522)."),
    ORDER_CUSTOMER_NOT_FOUND("302", "Pedido {0}: nenhum cliente do WinThor com o CNPJ/CPF e a inscrição estadual do comprador, e a loja não traz {1} para cadastrá-lo: cadastre-o na rotina 302 ou complete o cadastro na loja."),
    ORDER_CUSTOMER_NOT_CREATED("302", "Pedido {0}: o WinThor recusou o cadastro do comprador: {1}. Corrija na loja ou cadastre-o na rotina 302 e reenvie com ./winthor-vd order retry {0}."),
    ORDER_CUSTOMER_AMBIGUOUS("302", "Pedido {0}: mais de um cliente do WinThor com o CNPJ/CPF do comprador (clientes {1}): deixe um só ativo na rotina 302."),
    ORDER_CREATE_AMBIGUOUS("316", "Pedido {0}: a criação no WinThor teve resultado desconhecido e o WinThor não devolve a referência da loja; {1} pedidos do WinThor têm o mesmo cliente, filial, itens e total ({2}), e a integração não cria um segundo nem escolhe um: confira-os na rotina 316, cancele na rotina 305 os que não forem deste pedido e reenvie com ./winthor-vd order retry {0}."),
    ORDER_WINTHOR_REFUSED("316", "Pedido {0} recusado pelo WinThor: {1}. Corrija e reenvie com ./winthor-vd order retry {0}."),
    ORDER_INVOICED_CANNOT_CANCEL("1303", "Pedido {0} cancelado na loja, mas já faturado no WinThor (pedido {1}, NF {2}): precisa de nota de devolução."),
    ORDER_INVOICE_REFUSED(null, "Pedido {0}: a loja recusou a NF {1} do pedido {2} do WinThor: {3}. Confira o pedido na loja."),
    ORDER_INVOICE_UNREADABLE(null, "Pedido {0}: a NF-e do pedido {1} do WinThor não pôde ser lida ({2}); tentado de novo na próxima execução."),
    WAITING_FOR_PARENT(null, "{0} {1} aguarda {2} {3}, que ainda não foi integrad<2> (ou não veio do WinThor).");

    /**
     * {@code <n>} in a message is the ending that agrees with parameter n, a record's kind as {@code CatalogEntity}
     * names it: "a" for a feminine noun, else "o" ("seção 61 não integrada porque departamento 6 não está integrado").
     */
    private static final java.util.regex.Pattern AGREEMENT = java.util.regex.Pattern.compile("<(\\d)>");
    private static final java.util.Set<String> FEMININE = java.util.Arrays.stream(com.winthorvd.shared.catalog.CatalogEntity.values())
            .filter(com.winthorvd.shared.catalog.CatalogEntity::feminine).map(com.winthorvd.shared.catalog.CatalogEntity::label)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final String routine;
    private final String portuguese;

    Reason(String routine, String portuguese) {
        this.routine = routine;
        this.portuguese = portuguese;
    }

    /**
     * The parameters as stored with a record: masked first (LGPD), since a WinThor or store message among them can
     * echo a CNPJ/CPF, e-mail or phone.
     */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue stored(List<String> parameters) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(parameters.stream()
                .map(p -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(com.winthorvd.shared.log.Redactor.redact(p))).toList());
    }

    /** The reason a stored code names; empty for a code this version does not know (written by a newer one, say). */
    public static java.util.Optional<Reason> find(String code) {
        return java.util.Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }

    /** The WinThor routine where this is fixed, or null when it is a registration screen without a fixed number. */
    public String routine() {
        return routine;
    }

    /** The message for these parameters, in Portuguese unless another language is asked for (only pt-BR exists). */
    public String message(List<String> parameters, Locale locale) {
        String agreed = AGREEMENT.matcher(portuguese).replaceAll(m -> {
            int index = Integer.parseInt(m.group(1));
            return index < parameters.size() && FEMININE.contains(parameters.get(index)) ? "a" : "o";
        });
        String text = new MessageFormat(agreed.replace("'", "''"), new Locale("pt", "BR")).format(parameters.toArray());
        // A message that starts with the record's kind ("seção 61 ...") starts a sentence.
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public String message(List<String> parameters) {
        return message(parameters, new Locale("pt", "BR"));
    }
}
