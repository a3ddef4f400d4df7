package io.tapline.enrich;

/**
 * The paths of the ECS fields the enricher reads and writes, and of the objects they sit in. Each is one shared
 * {@link Path}, made once. An object's path has a slot in {@link EditedDocument}'s table of the objects it has
 * looked up, so that the fields of one object (the five {@code url.*} fields, say) are read without walking from
 * the document's root each time.
 */
final class Ecs {
    /** How many object paths there are; slots are given out in the order they are declared. */
    private static int objects;

    static final Path TAPLINE = object(null, "tapline");
    static final Path URL = object(null, "url");
    static final Path HTTP = object(null, "http");
    static final Path HTTP_REQUEST = object(HTTP, "request");
    static final Path HTTP_REQUEST_BODY_OBJECT = object(HTTP_REQUEST, "body");
    static final Path HTTP_RESPONSE = object(HTTP, "response");
    static final Path HTTP_RESPONSE_BODY_OBJECT = object(HTTP_RESPONSE, "body");
    static final Path LOG = object(null, "log");
    static final Path EVENT_OBJECT = object(null, "event");
    static final Path SERVICE = object(null, "service");
    static final Path CLIENT = object(null, "client");
    static final Path USER_AGENT = object(null, "user_agent");
    /** How many slots the objects above take. */
    static final int OBJECTS = objects;

    static final Path TAPLINE_KIND = field(TAPLINE, "kind");
    static final Path TAPLINE_ENRICHMENT = field(TAPLINE, "enrichment");
    static final Path URL_ORIGINAL = field(URL, "original");
    static final Path URL_PATH = field(URL, "path");
    static final Path URL_QUERY = field(URL, "query");
    static final Path URL_SCHEME = field(URL, "scheme");
    static final Path URL_DOMAIN = field(URL, "domain");
    static final Path URL_PORT = field(URL, "port");
    static final Path URL_EXTENSION = field(URL, "extension");
    static final Path HTTP_REQUEST_METHOD = field(HTTP_REQUEST, "method");
    static final Path HTTP_REQUEST_HEADERS = field(HTTP_REQUEST, "headers");
    static final Path HTTP_REQUEST_BODY = field(HTTP_REQUEST_BODY_OBJECT, "content");
    static final Path HTTP_REQUEST_MIME_TYPE = field(HTTP_REQUEST, "mime_type");
    static final Path HTTP_RESPONSE_STATUS_CODE = field(HTTP_RESPONSE, "status_code");
    static final Path HTTP_RESPONSE_BODY = field(HTTP_RESPONSE_BODY_OBJECT, "content");
    static final Path HTTP_RESPONSE_MIME_TYPE = field(HTTP_RESPONSE, "mime_type");
    static final Path MESSAGE = field(null, "message");
    static final Path LOG_LEVEL = field(LOG, "level");
    static final Path EVENT_ACTION = field(EVENT_OBJECT, "action");
    static final Path EVENT_DURATION = field(EVENT_OBJECT, "duration");
    static final Path EVENT_ORIGINAL = field(EVENT_OBJECT, "original");
    static final Path SERVICE_NAME = field(SERVICE, "name");
    static final Path CLIENT_IP = field(CLIENT, "ip");
    static final Path USER_AGENT_ORIGINAL = field(USER_AGENT, "original");
    static final Path USER_AGENT_NAME = field(USER_AGENT, "name");
    static final Path USER_AGENT_VERSION = field(USER_AGENT, "version");

    /** A path from the document's root: its keys, the last of them, the path of the object holding it. */
    static final class Path {
        /** Every key from the root; never modified. */
        final String[] keys;
        final String key;
        /** The object the field sits in; null for a field of the document itself. */
        final Path parent;
        /** This path's slot among the objects, or -1 for a path that is only ever a field. */
        final int slot;

        private Path(Path parent, String key, int slot) {
            this.parent = parent;
            this.key = key;
            this.slot = slot;
            int depth = parent == null ? 0 : parent.keys.length;
            this.keys = new String[depth + 1];
            if (parent != null) {
                System.arraycopy(parent.keys, 0, keys, 0, depth);
            }
            keys[depth] = key;
        }
    }

    private static Path object(Path parent, String key) {
        return new Path(parent, key, objects++);
    }

    private static Path field(Path parent, String key) {
        return new Path(parent, key, -1);
    }

    private Ecs() {
    }
}
