package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a record's ECS document straight into a Jackson {@link JsonGenerator}, walking {@link RecordFields}
 * without building the nested maps of {@link EcsCodec#toDocument}. The bytes are the same as writing that
 * document with {@link Json} or with an {@code ObjectMapper} of default serialization settings: same keys, same
 * order, same values, nulls left out. It exists because building and then walking the maps cost more than
 * indexing a record (see bench/README.md, ingest).
 */
public final class EcsJsonWriter {
    // Derived once from the constant table; immutable.
    private static final EcsLayout LAYOUT = EcsLayout.of(RecordFields.ALL);
    private static final SerializedString[] KINDS = wireNames(Kind.values(), Kind::wireName);
    private static final SerializedString[] LEVELS = wireNames(Level.values(), Level::wireName);
    private static final SerializedString[] SOURCES = wireNames(Source.values(), Source::wireName);
    static final int END_OBJECT = Integer.MIN_VALUE;
    /**
     * Plans by which leaves a record has, a pure function of the constant table kept because working it out costs
     * more than writing the document. Records take few shapes (a request, a response, an event, with or without
     * bodies...); past this many the rest are planned every time instead of growing the memo.
     */
    private static final int MAX_PLANS = 4096;
    private static final Map<Long, int[]> PLANS = new ConcurrentHashMap<>();

    static {
        if (LAYOUT.leafCount() > Long.SIZE) {
            throw new IllegalStateException("a record's present ECS paths no longer fit in one long: "
                    + LAYOUT.leafCount() + " paths");
        }
    }

    private EcsJsonWriter() {
    }

    /**
     * Writes the ECS document of {@code record} as one JSON object. Values inside the open enrichment map that are
     * not plain JSON (maps, lists, strings, numbers, booleans) are written by the generator's codec, or by
     * {@link Json}'s mapper when it has none, as they would be inside the document.
     */
    public static void write(LogRecord record, JsonGenerator gen) throws IOException {
        write(leafValues(record), gen);
    }

    /** Writes the document of {@link #leafValues}' {@code values}. */
    static void write(Object[] values, JsonGenerator gen) throws IOException {
        int[] plan = planOf(values);
        gen.writeStartObject();
        for (int step : plan) {
            if (step >= 0) {
                gen.writeFieldName(LAYOUT.leaf(step).name());
                writeLeaf(gen, values[step]);
            } else if (step == END_OBJECT) {
                gen.writeEndObject();
            } else {
                gen.writeFieldName(LAYOUT.objectName(-1 - step));
                gen.writeStartObject();
            }
        }
        gen.writeEndObject();
    }

    /**
     * The steps that write the document of {@code values} (see {@link #plan}), memoized by which leaves are present.
     */
    static int[] planOf(Object[] values) {
        return planOf(present(values));
    }

    /** A bit per leaf of {@code values} that has a value. */
    static long present(Object[] values) {
        long present = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                present |= 1L << i;
            }
        }
        return present;
    }

    /** The plan of the leaves {@code present} has (see {@link #plan}), memoized. */
    static int[] planOf(long present) {
        int[] plan = PLANS.get(present);
        if (plan == null) {
            plan = plan(present);
            if (PLANS.size() < MAX_PLANS) {
                PLANS.put(present, plan);
            }
        }
        return plan;
    }

    static int leafCount() {
        return LAYOUT.leafCount();
    }

    static int objectCount() {
        return LAYOUT.objectCount();
    }

    /** The key of leaf {@code step} of a plan. */
    static SerializedString leafName(int step) {
        return LAYOUT.leaf(step).name();
    }

    /** The key of the object a plan's step {@code step} (negative, not {@link #END_OBJECT}) opens. */
    static SerializedString objectName(int step) {
        return LAYOUT.objectName(-1 - step);
    }

    /**
     * What {@link EcsCodec#toDocument} puts at each leaf path, null where it puts nothing: strings, the
     * {@link SerializedString} of an enum, headers as {@link SortedHeaders} (or the map codec's map when their names
     * need merging), numbers, booleans and the enrichment map as the record holds them.
     */
    static Object[] leafValues(LogRecord record) {
        return leafValues(record, new Object[LAYOUT.leafCount()]);
    }

    /** {@link #leafValues(LogRecord)} into {@code values} (of {@link #leafCount} elements), which it clears first. */
    static Object[] leafValues(LogRecord record, Object[] values) {
        return leafValues(record, values, null);
    }

    /**
     * {@link #leafValues(LogRecord, Object[])} with {@code out}'s scratch: its value array, and the last URL it
     * split (a request and its response carry the same target; splitting is a pure function of it).
     */
    static Object[] leafValues(LogRecord record, JsonLineBuffer out) {
        return leafValues(record, out.leafValues(), out);
    }

    private static Object[] leafValues(LogRecord record, Object[] values, JsonLineBuffer memo) {
        java.util.Arrays.fill(values, null);
        List<RecordField> fields = RecordFields.ALL;
        for (int f = 0; f < fields.size(); f++) {
            RecordField field = fields.get(f);
            Object value = DIRECT ? direct(f, record) : field.valueOf(record);
            if (value == null) {
                continue;
            }
            int at = LAYOUT.firstLeafOf(f);
            switch (field.type()) {
                case TIMESTAMP -> values[at] = Timestamps.iso((Long) value);
                // ECS measures event.duration in nanoseconds; overflow throws as the map codec does.
                case DURATION -> values[at] = Math.multiplyExact((Long) value, EcsCodec.NANOS_PER_MILLI);
                case URL -> {
                    UrlParts parts = memo == null ? UrlParts.of((String) value) : memo.urlParts((String) value);
                    values[at] = value;
                    values[at + 1] = parts.path();
                    values[at + 2] = parts.query();
                }
                case BODY -> {
                    Body body = (Body) value;
                    values[at] = body.content();
                    values[at + 1] = body.truncated();
                    values[at + 2] = body.contentType();
                }
                case KIND -> values[at] = KINDS[((Kind) value).ordinal()];
                case LEVEL -> values[at] = LEVELS[((Level) value).ordinal()];
                case SOURCE -> values[at] = SOURCES[((Source) value).ordinal()];
                case HEADERS -> values[at] = headers((Map<?, ?>) value);
                // OBJECT stays the record's own map: OpenJson writes it as the map codec's copy would be written.
                default -> values[at] = value;
            }
        }
        return values;
    }

    /**
     * True while {@link RecordFields#ALL} is the list {@link #direct} was written for: then the values are read with
     * the record's accessors instead of through each field's getter (one call site for 23 getters: a megamorphic
     * call and no inlining per field, about a third of gathering a record's values).
     */
    private static final boolean DIRECT = RecordFields.ALL.equals(List.of(RecordFields.ID, RecordFields.TRACE_ID,
            RecordFields.TS_MS, RecordFields.KIND, RecordFields.LEVEL, RecordFields.PROJECT_ID,
            RecordFields.CONTAINER_ID, RecordFields.SERVICE_NAME, RecordFields.METHOD, RecordFields.URL,
            RecordFields.CLIENT_IP, RecordFields.STATUS, RecordFields.BYTES_IN, RecordFields.BYTES_OUT,
            RecordFields.DURATION_MS, RecordFields.USER_AGENT, RecordFields.SOURCE, RecordFields.ACTION,
            RecordFields.MESSAGE, RecordFields.REQUEST_HEADERS, RecordFields.REQUEST_BODY, RecordFields.RESPONSE_BODY,
            RecordFields.ENRICHMENT));

    /** For tests: whether values are read by {@link #direct}. */
    static boolean directReads() {
        return DIRECT;
    }

    /** What {@code RecordFields.ALL.get(f).valueOf(record)} returns, for the list {@link #DIRECT} checks. */
    static Object direct(int f, LogRecord r) {
        return switch (f) {
            case 0 -> r.id();
            case 1 -> r.traceId();
            case 2 -> r.tsMs();
            case 3 -> r.kind();
            case 4 -> r.level();
            case 5 -> r.projectId();
            case 6 -> r.containerId();
            case 7 -> r.serviceName();
            case 8 -> r.method();
            case 9 -> r.url();
            case 10 -> r.clientIp();
            case 11 -> r.status();
            case 12 -> r.bytesIn();
            case 13 -> r.bytesOut();
            case 14 -> r.durationMs();
            case 15 -> r.userAgent();
            case 16 -> r.source();
            case 17 -> r.action();
            case 18 -> r.message();
            case 19 -> r.requestHeaders().isEmpty() ? null : r.requestHeaders();
            case 20 -> r.requestBody();
            case 21 -> r.responseBody();
            case 22 -> r.enrichment().isEmpty() ? null : r.enrichment();
            default -> throw new IllegalArgumentException("no field " + f);
        };
    }

    /**
     * The steps that write a document whose leaves {@code present} (a bit per leaf) have values: a leaf's index to
     * write it, {@code -1 - id} to open object {@code id}, {@link #END_OBJECT} to close it.
     */
    private static int[] plan(long present) {
        int[] leaves = new int[Long.bitCount(present)];
        int count = 0;
        for (int i = 0; i < LAYOUT.leafCount(); i++) {
            if ((present & 1L << i) != 0) {
                leaves[count++] = i;
            }
        }
        List<Integer> steps = new ArrayList<>();
        planMembers(leaves, count, 0, steps);
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Plans the leaves {@code leaves[0..count)}, which all sit below the same objects down to {@code depth}, as the
     * members of one object. Each child object goes where its first present leaf is, which is where
     * {@link NestedMaps#put} would have created it.
     */
    private static void planMembers(int[] leaves, int count, int depth, List<Integer> steps) {
        boolean[] planned = new boolean[count];
        for (int i = 0; i < count; i++) {
            if (planned[i]) {
                continue;
            }
            EcsLayout.Leaf leaf = LAYOUT.leaf(leaves[i]);
            if (leaf.depth() == depth) {
                steps.add(leaves[i]);
                continue;
            }
            int object = leaf.parents()[depth];
            int[] below = new int[count - i];
            int n = 0;
            for (int j = i; j < count; j++) {
                EcsLayout.Leaf other = LAYOUT.leaf(leaves[j]);
                if (!planned[j] && other.depth() > depth && other.parents()[depth] == object) {
                    below[n++] = leaves[j];
                    planned[j] = true;
                }
            }
            steps.add(-1 - object);
            planMembers(below, n, depth + 1, steps);
            steps.add(END_OBJECT);
        }
    }

    private static void writeLeaf(JsonGenerator gen, Object value) throws IOException {
        if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof SerializedString s) {
            gen.writeString(s);
        } else if (value instanceof SortedHeaders h) {
            h.write(gen);
        } else {
            OpenJson.write(gen, value);
        }
    }

    /**
     * Headers as {@link FieldType#toJson} makes them (lower-case names, sorted, equal names joined). Names are
     * lower-case already in nearly every record, and then sorting them is all there is to do.
     */
    private static Object headers(Map<?, ?> headers) {
        String[] names = new String[headers.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : headers.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof String) || !isLowerCase(name)) {
                return FieldType.HEADERS.toJson(headers);
            }
            names[n++] = name;
        }
        Arrays.sort(names);
        return new SortedHeaders(names, headers);
    }

    /** {@code name.equals(name.toLowerCase(Locale.ROOT))} without the copy, for the usual ASCII names. */
    static boolean isLowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return name.equals(name.toLowerCase(Locale.ROOT));
            }
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    record SortedHeaders(String[] names, Map<?, ?> values) {
        void write(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            for (String name : names) {
                gen.writeFieldName(name);
                gen.writeString((String) values.get(name));
            }
            gen.writeEndObject();
        }
    }

    private interface WireName<E> {
        String of(E value);
    }

    private static <E> SerializedString[] wireNames(E[] constants, WireName<E> name) {
        SerializedString[] names = new SerializedString[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = new SerializedString(name.of(constants[i]));
        }
        return names;
    }
}
