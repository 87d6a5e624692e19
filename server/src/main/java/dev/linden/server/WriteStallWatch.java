package dev.linden.server;

import dev.linden.protocol.ResultCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose socket accepts no byte for limits.writeTimeoutSeconds while its queue of
 * responses is full, as slapd's writetimeout does: a client that stopped reading would otherwise hold
 * its operations, their read transactions and its queue forever. Watching starts when the channel
 * becomes unwritable and stops when it is writable again; progress is any part of a response taken by
 * the socket. The Notice of Disconnection is sent, but waits behind what the client never read, so
 * it rarely arrives. The event loop's only.
 */
final class WriteStallWatch {
    private static final Logger log = LoggerFactory.getLogger(WriteStallWatch.class);
    private final Channel channel;
    private final long timeoutNanos;
    private final long periodMillis;
    private ScheduledFuture<?> check;
    private Object current;
    private long progress;
    private long lastProgressNanos;

    /** @param timeoutSeconds 0: never close */
    WriteStallWatch(Channel channel, int timeoutSeconds) {
        this.channel = channel;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.periodMillis = Math.max(100, Math.min(1000, timeoutSeconds * 250L));
    }

    void writabilityChanged() {
        if (timeoutNanos == 0) {
            return;
        }
        if (!channel.isWritable() && channel.isActive()) {
            if (check == null) {
                ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
                current = out == null ? null : out.current();
                progress = out == null ? 0 : out.currentProgress();
                lastProgressNanos = System.nanoTime();
                check = channel.eventLoop()
                        .scheduleAtFixedRate(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            }
        } else {
            stop();
        }
    }

    void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out == null || channel.isWritable() || !channel.isActive()) {
            stop();
            return;
        }
        long now = System.nanoTime();
        if (out.current() != current || out.currentProgress() != progress) {
            current = out.current();
            progress = out.currentProgress();
            lastProgressNanos = now;
        } else if (now - lastProgressNanos >= timeoutNanos) {
            stop();
            log.info(
                    "closing connection from {}: no response taken for {} s (limits.writeTimeoutSeconds)",
                    channel.remoteAddress(),
                    TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
            Disconnect.now(
                    channel,
                    ResultCode.UNAVAILABLE,
                    "no response taken for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " seconds");
        }
    }
}
