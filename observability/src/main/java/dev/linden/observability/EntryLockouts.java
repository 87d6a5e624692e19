package dev.linden.observability;

import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lockouts read from {@code pwdAccountLockedTime} (draft-behera password policy), which the password
 * policy sets in the entry when it locks an account: set at or after the failed bind started (the
 * value has whole seconds), it is this bind's lockout; set earlier, the account was locked already.
 * Each lock time is reported once per account.
 */
public final class EntryLockouts implements LockoutSource {
    private static final int MAX_REMEMBERED = 10_000;
    private final AttributeType lockedTime;
    /** account to the lock time last reported as a lockout */
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    public EntryLockouts(Schema schema) {
        this.lockedTime = schema.attributeType("pwdAccountLockedTime");
    }

    @Override
    public State after(String account, Entry entry, long bindStartedMillis) {
        String lock = lockedTime == null ? null : entry.firstString(lockedTime);
        if (lock == null) {
            reported.remove(account);
            return State.NOT_LOCKED;
        }
        boolean setByThisBind = GeneralizedTimes.millis(lock) >= bindStartedMillis - 1000;
        if (setByThisBind && !lock.equals(reported.put(account, lock))) {
            if (reported.size() > MAX_REMEMBERED) {
                reported.clear(); // at worst a lock seen again is reported again
            }
            return State.LOCKED_NOW;
        }
        return State.LOCKED;
    }
}
