package dev.selfheal.examples.orders;

import dev.selfheal.spring.boot.autoconfigure.SelfHeal;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /orders prices and stores an order; GET /orders/stats is optional work that degradation may switch off. */
@RestController
class OrdersController {

    record NewOrder(String item, int quantity) { }

    private final JdbcTemplate jdbc;
    private final PricingClient pricing;
    private final ObjectProvider<SelfHeal> selfHeal;

    OrdersController(JdbcTemplate jdbc, PricingClient pricing, ObjectProvider<SelfHeal> selfHeal) {
        this.jdbc = jdbc;
        this.pricing = pricing;
        this.selfHeal = selfHeal;
    }

    @PostMapping("/orders")
    Map<String, Object> place(@RequestBody NewOrder order) {
        if (order.item() == null || order.item().isBlank() || order.quantity() < 1) {
            throw new IllegalArgumentException("an order needs an item and a quantity of at least 1");
        }
        BigDecimal total = pricing.unitPrice(order.item()).multiply(BigDecimal.valueOf(order.quantity()));
        Long id = jdbc.queryForObject("INSERT INTO orders (item, quantity, total) VALUES (?, ?, ?) RETURNING id",
                Long.class, order.item(), order.quantity(), total);
        return Map.of("id", id, "item", order.item(), "quantity", order.quantity(), "total", total);
    }

    /** Analytics are the first thing to go when the service is degraded (always on with {@code selfheal.enabled=false}). */
    @GetMapping("/orders/stats")
    ResponseEntity<Map<String, Object>> stats() {
        SelfHeal loop = selfHeal.getIfAvailable();
        if (loop != null && !loop.degradation().allows("advanced_analytics")) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("error", "paused while the service is degraded", "level", loop.degradation().level().number()));
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT count(*) AS orders, coalesce(sum(total), 0) AS revenue FROM orders");
        return ResponseEntity.ok(row);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({PricingClient.PricingUnavailableException.class, CallNotPermittedException.class})
    ResponseEntity<Map<String, String>> pricingDown(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", e.getMessage()));
    }
}
