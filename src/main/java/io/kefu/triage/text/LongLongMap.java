package io.kefu.triage.text;

/**
 * Open-addressing map from 64-bit feature keys to non-negative longs (linear probing, power-of-two
 * table at most half full), so that looking up a hashed n-gram neither boxes nor allocates. Keys
 * and values are interleaved in one array, so a lookup in a vocabulary far larger than the CPU
 * caches costs one cache miss rather than two. Not thread-safe while being filled; read-only use
 * after filling is safe from any thread.
 */
final class LongLongMap {

    /** Returned by {@link #get(long)} for an absent key. */
    static final long ABSENT = -1;

    /** Slot i holds its key at 2i and its value at 2i + 1; key 0 is an empty slot. */
    private long[] table;
    /** Key 0 marks an empty slot, so a real key 0 is held on the side. */
    private long zeroValue = ABSENT;
    private int size;
    private int mask;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        table = new long[capacity * 2];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value of a key, or {@link #ABSENT}. */
    long get(long key) {
        if (key == 0) {
            return zeroValue;
        }
        int slot = slot(key);
        while (true) {
            long k = table[2 * slot];
            if (k == key) {
                return table[2 * slot + 1];
            }
            if (k == 0) {
                return ABSENT;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Sets a key's value (non-negative). */
    void put(long key, long value) {
        if (key == 0) {
            size += zeroValue == ABSENT ? 1 : 0;
            zeroValue = value;
            return;
        }
        int slot = find(key);
        if (table[2 * slot] == 0) {
            table[2 * slot] = key;
            size++;
        }
        table[2 * slot + 1] = value;
        if (size * 2 > mask + 1) {
            grow();
        }
    }

    /** Adds one to a key's value, counting from zero; returns the new value. */
    long increment(long key) {
        if (key == 0) {
            size += zeroValue == ABSENT ? 1 : 0;
            zeroValue = zeroValue == ABSENT ? 1 : zeroValue + 1;
            return zeroValue;
        }
        int slot = find(key);
        if (table[2 * slot] == 0) {
            table[2 * slot] = key;
            table[2 * slot + 1] = 0;
            size++;
        }
        long value = ++table[2 * slot + 1];
        if (size * 2 > mask + 1) {
            grow();
        }
        return value;
    }

    /** Calls {@code visitor} for every entry, in no particular order. */
    void forEach(Visitor visitor) {
        if (zeroValue != ABSENT) {
            visitor.visit(0, zeroValue);
        }
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != 0) {
                visitor.visit(table[i], table[i + 1]);
            }
        }
    }

    /** Receives the entries of {@link #forEach(Visitor)}. */
    interface Visitor {
        void visit(long key, long value);
    }

    private int find(long key) {
        int slot = slot(key);
        while (table[2 * slot] != 0 && table[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int slot(long key) {
        // keys are already well mixed hashes; fold the high bits in anyway for safety
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = (mask << 1) | 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int slot = find(old[i]);
                table[2 * slot] = old[i];
                table[2 * slot + 1] = old[i + 1];
            }
        }
    }

    @Override
    public String toString() {
        return "LongLongMap[size=" + size + ", capacity=" + (mask + 1) + "]";
    }
}
