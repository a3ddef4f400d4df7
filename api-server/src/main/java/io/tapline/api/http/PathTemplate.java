package io.tapline.api.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.HttpString;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A route path with {@code {name}} segments, e.g. {@code /api/keys/{id}}, and the handlers behind it. */
record PathTemplate(List<String> segments, Map<HttpString, HttpHandler> byMethod) {

    static boolean isTemplate(String path) {
        return path.contains("{");
    }

    static PathTemplate of(String path, Map<HttpString, HttpHandler> byMethod) {
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (String segment : segments) {
            boolean parameter = segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2;
            if (!parameter && (segment.contains("{") || segment.contains("}"))) {
                throw new IllegalArgumentException("a path parameter must be a whole segment: " + path);
            }
        }
        return new PathTemplate(segments, byMethod);
    }

    /** The parameters by name when {@code path} matches, otherwise null. */
    Map<String, String> match(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return parameters;
    }
}
