package dev.selfheal.examples.orders;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Asks the pricing API for an item's unit price, through the {@code pricing} breaker. */
@Component
class PricingClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CircuitBreaker breaker;
    private final URI pricing;

    PricingClient(CircuitBreakerRegistry breakers, @Value("${pricing.url}") URI pricing) {
        this.breaker = breakers.circuitBreaker("pricing");
        this.pricing = pricing;
    }

    BigDecimal unitPrice(String item) {
        return breaker.executeSupplier(() -> fetch(item));
    }

    private BigDecimal fetch(String item) {
        HttpRequest request = HttpRequest.newBuilder(pricing.resolve("/prices/" + item))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PricingUnavailableException("pricing answered " + response.statusCode());
            }
            return new BigDecimal(response.body().trim());
        } catch (IOException e) {
            throw new PricingUnavailableException("pricing unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PricingUnavailableException("interrupted");
        }
    }

    static final class PricingUnavailableException extends RuntimeException {
        PricingUnavailableException(String message) {
            super(message);
        }
    }
}
