package dev.selfheal.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel for tests: keeps what it was sent; can be told to fail its next calls. */
public final class RecordingChannel implements NotificationChannel {

    private final List<Notification> sent = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile boolean alwaysFail;
    private int calls;

    @Override
    public String type() {
        return "recording";
    }

    @Override
    public synchronized void send(Notification notification) throws Exception {
        calls++;
        if (alwaysFail || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new java.io.IOException("receiver answered 503");
        }
        sent.add(notification);
    }

    public RecordingChannel failNext(int n) {
        failNext.set(n);
        return this;
    }

    public RecordingChannel failAlways() {
        alwaysFail = true;
        return this;
    }

    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Notification> sent(Notification.Kind kind) {
        return sent.stream().filter(n -> n.kind() == kind).toList();
    }

    public synchronized int calls() {
        return calls;
    }
}
