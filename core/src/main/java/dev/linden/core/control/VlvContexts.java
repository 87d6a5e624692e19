package dev.linden.core.control;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The virtual list views one connection scrolls in, by context ID: each a sorted list kept so that
 * the next page is served without walking again. At most {@code capacity} are kept; a new one pushes
 * out the one used longest ago.
 */
public final class VlvContexts {
    /**
     * One list and the search it was made for (a context ID is only good for the same search), and the
     * target position last answered in it, which an offset out of range reports again, as sssvlv does.
     */
    public static final class View {
        private final SortedList list;
        private final String fingerprint;
        private volatile int lastTarget;

        public View(SortedList list, String fingerprint) {
            this.list = list;
            this.fingerprint = fingerprint;
        }

        public SortedList list() {
            return list;
        }

        public String fingerprint() {
            return fingerprint;
        }

        public int lastTarget() {
            return lastTarget;
        }

        public void lastTarget(int target) {
            this.lastTarget = target;
        }
    }

    private final Map<String, View> views = new LinkedHashMap<>(16, 0.75f, true);

    /** The view with this context ID made for this search, or null. */
    public synchronized View get(byte[] contextId, String fingerprint) {
        if (contextId == null) {
            return null;
        }
        View v = views.get(HexFormat.of().formatHex(contextId));
        return v != null && v.fingerprint().equals(fingerprint) ? v : null;
    }

    /** Keeps a new view, pushing out the least recently used beyond {@code capacity}; returns its context ID. */
    public synchronized byte[] put(View view, int capacity) {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        views.put(HexFormat.of().formatHex(id), view);
        while (views.size() > capacity) {
            views.remove(views.keySet().iterator().next());
        }
        return id;
    }
}
