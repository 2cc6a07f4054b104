package dev.tributary.cdi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment problems found while validating the handler graph. Each one carries a stable code
 * ({@code TRB-CDInnn}), where it was found, what is wrong and how to fix it. Not thread-safe: used by the
 * extension during deployment only.
 */
final class Problems {

    record Problem(String code, String where, String what, String fix) {
        @Override
        public String toString() {
            return code + " " + where + ": " + what + ". Fix: " + fix + ".";
        }
    }

    private final List<Problem> list = new ArrayList<>();

    void add(String code, String where, String what, String fix) {
        list.add(new Problem(code, where, what, fix));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> all() {
        return list;
    }

    String report() {
        StringBuilder sb = new StringBuilder("Tributary found ").append(list.size())
                .append(list.size() == 1 ? " deployment problem:" : " deployment problems:");
        int i = 1;
        for (Problem p : list) {
            sb.append("\n  ").append(i++).append(". ").append(p);
        }
        return sb.toString();
    }

    static String where(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName();
    }

    static String where(Class<?> type, String member) {
        return type.getName() + "#" + member;
    }
}
