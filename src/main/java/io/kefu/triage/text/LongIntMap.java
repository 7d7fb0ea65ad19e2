package io.kefu.triage.text;

/**
 * Open-addressing map from 64-bit feature keys to non-negative ints (linear probing, power-of-two
 * table at most half full), so that looking up a hashed n-gram neither boxes nor allocates. Not
 * thread-safe while being filled; read-only use after filling is safe from any thread.
 */
final class LongIntMap {

    /** Returned by {@link #get(long)} for an absent key. */
    static final int ABSENT = -1;

    private long[] keys;
    private int[] values;
    /** Key 0 marks an empty slot, so a real key 0 is held on the side. */
    private int zeroValue = ABSENT;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value of a key, or {@link #ABSENT}. */
    int get(long key) {
        if (key == 0) {
            return zeroValue;
        }
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == 0) {
                return ABSENT;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Sets a key's value (non-negative). */
    void put(long key, int value) {
        if (key == 0) {
            size += zeroValue == ABSENT ? 1 : 0;
            zeroValue = value;
            return;
        }
        int slot = find(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** Adds one to a key's value, counting from zero; returns the new value. */
    int increment(long key) {
        if (key == 0) {
            size += zeroValue == ABSENT ? 1 : 0;
            zeroValue = zeroValue == ABSENT ? 1 : zeroValue + 1;
            return zeroValue;
        }
        int slot = find(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            values[slot] = 0;
            size++;
        }
        int value = ++values[slot];
        if (size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    /** Calls {@code visitor} for every entry, in no particular order. */
    void forEach(Visitor visitor) {
        if (zeroValue != ABSENT) {
            visitor.visit(0, zeroValue);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                visitor.visit(keys[i], values[i]);
            }
        }
    }

    /** Receives the entries of {@link #forEach(Visitor)}. */
    interface Visitor {
        void visit(long key, int value);
    }

    private int find(long key) {
        int slot = slot(key);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int slot(long key) {
        // keys are already well mixed hashes; fold the high bits in anyway for safety
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    @Override
    public String toString() {
        return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
    }
}
