package org.eccp.engine;

import java.util.function.Consumer;

/**
 * Values by a non-zero int key (flows by local flowID): open addressing with linear probing over an int key array, so a lookup
 * neither boxes nor allocates. Key 0 marks an empty slot (flowIDs are never 0). The table doubles
 * when it is half full and removes with backward shifting, so it contains no tombstones.
 */
final class IntTable<V> {
  private int[] keys;
  private Object[] values;
  private int mask;
  private int size;

  IntTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new int[cap];
    values = new Object[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  private static int slot(int key, int mask) {
    int h = key * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /** Returns the flow with this flowID, or null. */
  @SuppressWarnings("unchecked")
  V get(int key) {
    if (key == 0) {
      return null;
    }
    int[] k = keys;
    int m = mask;
    for (int i = slot(key, m); ; i = (i + 1) & m) {
      int found = k[i];
      if (found == key) {
        return (V) values[i];
      }
      if (found == 0) {
        return null;
      }
    }
  }

  boolean contains(int key) {
    return get(key) != null;
  }

  /** Adds a value under a key that must not be present. */
  void put(int key, V value) {
    if (key == 0) {
      throw new IllegalArgumentException("key 0 is reserved");
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = slot(key, mask);
    while (keys[i] != 0) {
      if (keys[i] == key) {
        throw new IllegalStateException("key " + Integer.toUnsignedString(key) + " is taken");
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Removes the flow with this flowID; does nothing when absent. */
  void remove(int key) {
    int i = slot(key, mask);
    while (keys[i] != key) {
      if (keys[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    // Backward shift: pull later entries of the probe run into the hole.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = 0;
    values[hole] = null;
  }

  @SuppressWarnings("unchecked")
  void forEach(Consumer<V> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        action.accept((V) values[i]);
      }
    }
  }

  private void grow() {
    int[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
  }
}
