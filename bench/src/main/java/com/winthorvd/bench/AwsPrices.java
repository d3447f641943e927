package com.winthorvd.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * AWS on-demand list prices, in US dollars, and what a measured run costs at them. The defaults are us-east-1's list
 * prices as published on 2026-12-01 (Lambda on arm64, DynamoDB on-demand after its November 2024 reduction, SQS FIFO,
 * the dearer of its two queue types, for every request); any may be given instead with {@link #parse}.
 */
public record AwsPrices(double lambdaPerGbSecond, double lambdaPerMillionRequests, double dynamoPerMillionWriteUnits,
                        double dynamoPerMillionReadUnits, double sqsPerMillionRequests) {
    public static final AwsPrices US_EAST_1 = new AwsPrices(0.0000133334, 0.20, 0.625, 0.125, 0.50);

    /** The names {@link #parse} takes, with today's defaults. */
    public Map<String, Double> named() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("lambda-gb-second", lambdaPerGbSecond);
        out.put("lambda-million-requests", lambdaPerMillionRequests);
        out.put("dynamodb-million-write-units", dynamoPerMillionWriteUnits);
        out.put("dynamodb-million-read-units", dynamoPerMillionReadUnits);
        out.put("sqs-million-requests", sqsPerMillionRequests);
        return out;
    }

    /** These prices with some replaced: {@code lambda-gb-second=0.0000166667,sqs-million-requests=0.40}. */
    public AwsPrices with(String pairs) {
        Map<String, Double> prices = named();
        if (pairs != null && !pairs.isBlank()) {
            for (String pair : pairs.split(",")) {
                String[] nameAndValue = pair.trim().split("=", 2);
                if (nameAndValue.length != 2 || !prices.containsKey(nameAndValue[0].trim().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("'" + pair.trim() + "' is not one of " + prices.keySet() + " = a price in US dollars");
                }
                prices.put(nameAndValue[0].trim().toLowerCase(Locale.ROOT), Double.parseDouble(nameAndValue[1].trim()));
            }
        }
        return new AwsPrices(prices.get("lambda-gb-second"), prices.get("lambda-million-requests"), prices.get("dynamodb-million-write-units"),
                prices.get("dynamodb-million-read-units"), prices.get("sqs-million-requests"));
    }

    /** What a run's counts cost, item by item and in all. */
    public Map<String, Object> cost(double gbSeconds, long invocations, double writeUnits, double readUnits, long sqsRequests) {
        Map<String, Object> out = new LinkedHashMap<>();
        double lambda = gbSeconds * lambdaPerGbSecond + invocations / 1e6 * lambdaPerMillionRequests;
        double dynamo = writeUnits / 1e6 * dynamoPerMillionWriteUnits + readUnits / 1e6 * dynamoPerMillionReadUnits;
        double sqs = sqsRequests / 1e6 * sqsPerMillionRequests;
        out.put("lambdaUsd", round(lambda));
        out.put("dynamoDbUsd", round(dynamo));
        out.put("sqsUsd", round(sqs));
        out.put("totalUsd", round(lambda + dynamo + sqs));
        return out;
    }

    static double round(double usd) {
        return Math.round(usd * 1e6) / 1e6;
    }
}
