package dev.selfheal.anomaly;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Approximate retained size of an object graph by reflection: 16 bytes per object or array
 * header, 8 per reference or long/double field, 4 per smaller field, element sizes for arrays.
 * Static fields and JDK-internal objects reached through them are not followed.
 */
final class ObjectGraphSize {

    private ObjectGraphSize() {
    }

    static long of(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        long bytes = 0;
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o == null || !seen.add(o)) {
                continue;
            }
            Class<?> type = o.getClass();
            bytes += 16;
            if (type.isArray()) {
                int n = Array.getLength(o);
                Class<?> element = type.getComponentType();
                if (element.isPrimitive()) {
                    bytes += (long) n * primitiveSize(element);
                } else {
                    bytes += 8L * n;
                    for (int i = 0; i < n; i++) {
                        Object item = Array.get(o, i);
                        if (item != null) {
                            todo.push(item);
                        }
                    }
                }
                continue;
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    if (f.getType().isPrimitive()) {
                        bytes += primitiveSize(f.getType());
                    } else {
                        bytes += 8;
                        if (f.getDeclaringClass().getPackageName().startsWith("dev.selfheal")) {
                            f.setAccessible(true);
                            try {
                                Object value = f.get(o);
                                if (value != null) {
                                    todo.push(value);
                                }
                            } catch (IllegalAccessException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }
            }
        }
        return bytes;
    }

    private static int primitiveSize(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        return 1;
    }
}
