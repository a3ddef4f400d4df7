package io.tapline.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The paths of the ECS fields the enricher reads and writes, and of the objects they sit in. Each is one shared
 * {@link FieldPath}, made once. An object's path has a slot in {@link EditedDocument}'s table of the objects it has
 * looked up, so that the fields of one object (the five {@code url.*} fields, say) are read without walking from
 * the document's root each time.
 */
final class Ecs {
    /** How many object paths there are; slots are given out in the order they are declared. */
    private static int objects;
    /** How many paths there are, objects and fields; indexes are given out in the order they are declared. */
    private static int paths;
    private static final List<FieldPath> DECLARED = new ArrayList<>();

    static final FieldPath TAPLINE = object(null, "tapline");
    static final FieldPath URL = object(null, "url");
    static final FieldPath HTTP = object(null, "http");
    static final FieldPath HTTP_REQUEST = object(HTTP, "request");
    static final FieldPath HTTP_REQUEST_BODY_OBJECT = object(HTTP_REQUEST, "body");
    static final FieldPath HTTP_RESPONSE = object(HTTP, "response");
    static final FieldPath HTTP_RESPONSE_BODY_OBJECT = object(HTTP_RESPONSE, "body");
    static final FieldPath LOG = object(null, "log");
    static final FieldPath EVENT_OBJECT = object(null, "event");
    static final FieldPath SERVICE = object(null, "service");
    static final FieldPath CLIENT = object(null, "client");
    static final FieldPath USER_AGENT = object(null, "user_agent");
    /** How many slots the objects above take. */
    static final int OBJECTS = objects;

    static final FieldPath TAPLINE_KIND = field(TAPLINE, "kind");
    static final FieldPath TAPLINE_ENRICHMENT = field(TAPLINE, "enrichment");
    static final FieldPath URL_ORIGINAL = field(URL, "original");
    static final FieldPath URL_PATH = field(URL, "path");
    static final FieldPath URL_QUERY = field(URL, "query");
    static final FieldPath URL_SCHEME = field(URL, "scheme");
    static final FieldPath URL_DOMAIN = field(URL, "domain");
    static final FieldPath URL_PORT = field(URL, "port");
    static final FieldPath URL_EXTENSION = field(URL, "extension");
    static final FieldPath HTTP_REQUEST_METHOD = field(HTTP_REQUEST, "method");
    static final FieldPath HTTP_REQUEST_HEADERS = field(HTTP_REQUEST, "headers");
    static final FieldPath HTTP_REQUEST_BODY = field(HTTP_REQUEST_BODY_OBJECT, "content");
    static final FieldPath HTTP_REQUEST_MIME_TYPE = field(HTTP_REQUEST, "mime_type");
    static final FieldPath HTTP_RESPONSE_STATUS_CODE = field(HTTP_RESPONSE, "status_code");
    static final FieldPath HTTP_RESPONSE_BODY = field(HTTP_RESPONSE_BODY_OBJECT, "content");
    static final FieldPath HTTP_RESPONSE_MIME_TYPE = field(HTTP_RESPONSE, "mime_type");
    static final FieldPath MESSAGE = field(null, "message");
    static final FieldPath LOG_LEVEL = field(LOG, "level");
    static final FieldPath EVENT_ACTION = field(EVENT_OBJECT, "action");
    static final FieldPath EVENT_DURATION = field(EVENT_OBJECT, "duration");
    static final FieldPath EVENT_ORIGINAL = field(EVENT_OBJECT, "original");
    static final FieldPath SERVICE_NAME = field(SERVICE, "name");
    static final FieldPath CLIENT_IP = field(CLIENT, "ip");
    static final FieldPath USER_AGENT_ORIGINAL = field(USER_AGENT, "original");
    static final FieldPath USER_AGENT_NAME = field(USER_AGENT, "name");
    static final FieldPath USER_AGENT_VERSION = field(USER_AGENT, "version");

    /** Every path, at its {@link FieldPath#index}. */
    static final List<FieldPath> ALL = Collections.unmodifiableList(DECLARED);
    /** How many paths there are: each has a bit in a {@code long} ({@link EditedRecord}). */
    static final int PATHS = paths;

    static {
        if (PATHS > Long.SIZE) {
            throw new ExceptionInInitializerError("more than 64 paths");
        }
    }

    private static FieldPath object(FieldPath parent, String key) {
        return declared(new FieldPath(parent, key, objects++, paths++));
    }

    private static FieldPath field(FieldPath parent, String key) {
        return declared(new FieldPath(parent, key, -1, paths++));
    }

    private static FieldPath declared(FieldPath path) {
        DECLARED.add(path);
        return path;
    }

    private Ecs() {
    }
}
