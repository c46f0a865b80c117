package dev.selfheal.bench.storm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The storm's clients: each posts payloads of random alerts (from the run's seed) as fast as the daemon answers. */
final class StormClients {

    /** Alerts per storm payload: 500 alerts are about 40 KB, well under the 1 MB body limit. */
    private static final int ALERTS_PER_PAYLOAD = 500;
    private static final int COMPONENTS = 5_000;
    private static final int ALERT_NAMES = 10;

    final AtomicLong payloadsOk = new AtomicLong();
    final AtomicLong payloadsRefused = new AtomicLong();
    final AtomicLong acceptedAlerts = new AtomicLong();
    final AtomicLong refusedAlerts = new AtomicLong();
    final AtomicLong offeredAlerts = new AtomicLong();
    final AtomicLong other = new AtomicLong();
    private final URI ingest;
    private final int clients;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    StormClients(URI base, int clients, long seed) {
        this.ingest = base.resolve("/api/v1/alertmanager");
        this.clients = clients;
        this.seed = seed;
    }

    void start() {
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
            threads.add(Thread.ofPlatform().name("storm-client-" + c).start(() -> post(random)));
        }
    }

    private void post(SplittableRandom random) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (running.get()) {
            String body = payload(random);
            offeredAlerts.addAndGet(ALERTS_PER_PAYLOAD);
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    payloadsOk.incrementAndGet();
                    acceptedAlerts.addAndGet(ALERTS_PER_PAYLOAD);
                } else if (answer.statusCode() == 429) {
                    payloadsRefused.incrementAndGet();
                    refusedAlerts.addAndGet(ALERTS_PER_PAYLOAD);
                } else {
                    other.incrementAndGet();
                }
            } catch (IOException e) {
                other.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String payload(SplittableRandom random) {
        StringBuilder b = new StringBuilder(ALERTS_PER_PAYLOAD * 90).append("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[");
        for (int i = 0; i < ALERTS_PER_PAYLOAD; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"Storm").append(random.nextInt(ALERT_NAMES))
                    .append("\",\"instance\":\"host-").append(random.nextInt(COMPONENTS)).append(":9100\",\"severity\":\"warning\"}}");
        }
        return b.append("]}").toString();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(90));
        }
    }
}
