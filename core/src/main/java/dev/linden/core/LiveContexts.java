package dev.linden.core;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The live contexts a server serves beside its store, mounted at start before the first request. */
public final class LiveContexts {
    private final List<LiveContext> contexts = new CopyOnWriteArrayList<>();

    public void mount(LiveContext context) {
        contexts.add(context);
    }

    /** The live context holding this DN, or null (the common case: one check per mounted context). */
    public LiveContext holding(Dn dn) {
        for (LiveContext c : contexts) {
            if (dn.isWithin(c.suffix())) {
                return c;
            }
        }
        return null;
    }

    /** The entry with this DN in a live context, or null. */
    public static Entry find(List<Entry> entries, Dn dn) {
        for (Entry e : entries) {
            if (e.dn().equals(dn)) {
                return e;
            }
        }
        return null;
    }
}
