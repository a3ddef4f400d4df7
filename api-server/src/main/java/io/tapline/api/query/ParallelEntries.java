package io.tapline.api.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiEntryTranscoder;
import io.tapline.store.AnswerScanner;
import io.tapline.store.EntrySearch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Writes a page's entries array from its hits, as {@link EntrySearch#searchDocuments} hands them over, on two
 * threads or more: the page's worker scans the answer and cuts its hits into chunks of {@link #CHUNK}, a helper of
 * the {@link TranscodePool} transcodes chunks into bytes of their own as they are cut, the worker transcodes chunks
 * too once the scan is done, and the worker alone writes them to the page, strictly in order.
 *
 * <p>Why: Elasticsearch writes a page in one burst, so nearly all of the transcoding comes after its last byte and
 * adds to the page's latency one for one, while the bench's second core sits idle. The bytes are those of the
 * sequential transcoder: each entry is written by the same {@link ApiEntryTranscoder} code to a generator made by the
 * same mapper; only the separators between chunks are written here.
 *
 * <p>Without a free helper (every pool thread busy with other pages, or the page too small to share), the whole
 * page is transcoded on the worker as each hit is scanned, exactly as before: under load this degrades to one
 * thread per page, never below. A chunk's failure on a helper is thrown on the worker, once every chunk before it
 * and the entries of it that were written are on the page: what the client sees is what the sequential transcoder
 * would have shown it. Everything here belongs to one request.
 *
 * <p>The price: the worker scans every document to its end before handing it over (a second pass, which the
 * sequential reader gets for free while it reads), copies the chunks onto the page and wakes the helper per chunk.
 * On the shared 2-core machine this came to about 0.4 ms more CPU per 200-entry page than it saved, so servers run
 * without helpers unless configured (bench/README.md, query section).
 */
final class ParallelEntries implements AnswerScanner.DocumentReader {
    /** Hits per chunk: 13 chunks for a 200-hit page, so two threads stay busy to the end. */
    static final int CHUNK = 16;
    /**
     * How long the worker waits for a helper's chunk when it has nothing else to do before it transcodes the chunk
     * itself: a few times what a chunk takes (about 80 us for 16 hits), far less than a time slice lost to another
     * process.
     */
    static final long STEAL_AFTER_NANOS = 300_000;

    private final JsonGenerator gen;
    private final OutputStream body;
    private final ObjectMapper mapper;
    private final Predicate<String> inScope;
    private final boolean requestBody;
    private final boolean responseBody;
    private final TranscodePool pool;
    private final int chunkSize;
    /** The worker's transcoder: every hit of a sequential page, the worker's own chunks of a parallel one. */
    private final ApiEntryTranscoder own = new ApiEntryTranscoder();

    private boolean decided;
    private boolean parallel;
    private int helpers;
    /** The hits transcoded sequentially; the id of the last hit on the page so far. */
    private int hits;
    private long lastId;
    /** An entry is on the page, so the next one needs a comma before it. */
    private boolean entryWritten;
    /** The page's generator wrote an entry into the array itself: from then on it writes its own commas. */
    private boolean genWroteEntry;
    /** The chunk being filled by the scan; worker only. */
    private EntryChunk filling;
    /** EntryChunks written to the page; worker only. */
    private int written;

    private final Object lock = new Object();
    /** Guarded by lock: the chunks cut so far, how many of them were taken by a thread, how the scan stands. */
    private EntryChunk[] chunks = new EntryChunk[16];
    private int published;
    private int claimed;
    private boolean scanned;
    private boolean abandoned;
    /** The worker while it waits for a helper's chunk (see awaitHelper). */
    private volatile Thread waiting;

    /**
     * @param gen  the page's generator, inside the entries array
     * @param body what {@code gen} writes to: finished chunks go there, after {@code gen} is flushed
     * @param pool helpers, or null for the sequential transcoder
     */
    ParallelEntries(JsonGenerator gen, OutputStream body, ObjectMapper mapper, Predicate<String> inScope,
                    boolean requestBody, boolean responseBody, TranscodePool pool, int chunkSize) {
        this.gen = gen;
        this.body = body;
        this.mapper = mapper;
        this.inScope = inScope;
        this.requestBody = requestBody;
        this.responseBody = responseBody;
        this.pool = pool;
        this.chunkSize = chunkSize;
    }

    @Override
    public int readWithin(byte[] answer, int start, int available) throws IOException {
        if (!decided) {
            decide();
        }
        if (parallel) {
            return -1; // the scanner finds the document's end, and hands over its range
        }
        int end = own.readWithin(answer, start, available);
        if (end > start) {
            hits++;
            lastId = own.id();
            writeDirect(own);
        }
        return end;
    }

    @Override
    public void read(byte[] answer, int start, int end) throws IOException {
        if (!decided) {
            decide();
        }
        if (!parallel) {
            own.read(answer, start, end);
            hits++;
            lastId = own.id();
            writeDirect(own);
            return;
        }
        if (filling == null) {
            filling = new EntryChunk(chunkSize);
        }
        filling.add(answer, start, end);
        if (filling.count == chunkSize) {
            publish();
            writeFinished();
        }
    }

    /** Parallel when a helper is free now: it starts while the scan cuts the first chunk. */
    private void decide() {
        decided = true;
        parallel = pool != null && pool.tryRun(this::help);
        if (parallel) {
            helpers = 1;
        }
    }

    private void publish() {
        boolean more;
        synchronized (lock) {
            filling.index = published;
            if (published == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunks[published++] = filling;
            lock.notifyAll();
            more = helpers < pool.threads() && published - claimed > 1;
        }
        filling = null;
        if (more && pool.tryRun(this::help)) {
            helpers++; // a machine with more cores than two: a backlog finds another helper if one is free
        }
    }

    /**
     * Once the scan is done: publishes the last chunk, transcodes unclaimed chunks here, writes every chunk in
     * order, and returns the page's figures. Throws the first failure of a chunk as the sequential transcoder
     * would have thrown it, after what came before it is written.
     */
    EntrySearch.EntryPage finish(EntrySearch.EntryPage page) throws IOException {
        if (!parallel) {
            return new EntrySearch.EntryPage(page.count(), page.total(), hits == 0 ? null : lastId);
        }
        if (filling != null) {
            publish();
        }
        synchronized (lock) {
            scanned = true;
            lock.notifyAll();
        }
        while (true) {
            writeFinished();
            EntryChunk mine = null;
            EntryChunk pending = null;
            synchronized (lock) {
                if (written == published) {
                    break;
                }
                if (claimed < published) {
                    mine = chunks[claimed++];
                } else {
                    pending = chunks[written]; // the helper's, and nothing left to take
                }
            }
            if (pending != null) {
                if (!awaitHelper(pending)) {
                    // The helper lost its core mid-chunk (a loaded machine): the page does not wait for it to get one
                    // back; the chunk is transcoded here, and the helper's copy of it is never read.
                    writeDirect(pending);
                    written++;
                }
            } else if (mine.index == written) {
                writeDirect(mine); // next in line: straight onto the page, as the sequential transcoder writes it
                written++;
            } else {
                mine.transcode(own, mapper, inScope, requestBody, responseBody);
                synchronized (lock) {
                    mine.done = true;
                }
            }
        }
        return new EntrySearch.EntryPage(page.count(), page.total(), page.count() == 0 ? null : lastId);
    }

    /** True when a helper took part (tests: a page without one is the sequential transcoder). */
    boolean ranParallel() {
        return parallel;
    }

    /** Stops the helpers after a failure (a no-op once finished): they leave at their next chunk. */
    void abandon() {
        synchronized (lock) {
            abandoned = true;
            lock.notifyAll();
        }
    }

    /** Transcodes a chunk's hits straight onto the page (the next chunk to write), on the worker. */
    private void writeDirect(EntryChunk chunk) throws IOException {
        for (int i = 0; i < chunk.count; i++) {
            own.read(chunk.answers[i], chunk.starts[i], chunk.ends[i]);
            lastId = own.id();
            writeDirect(own);
        }
    }

    /** Writes the transcoded hit to the page's generator (the sequential transcoder's one step per hit). */
    private void writeDirect(ApiEntryTranscoder hit) throws IOException {
        if (inScope.test(hit.projectId())) {
            if (entryWritten && !genWroteEntry) {
                gen.writeRaw(','); // after chunks written past the generator, which counted none of their entries
            }
            hit.write(gen, requestBody, responseBody);
            entryWritten = true;
            genWroteEntry = true;
        }
    }

    /** Writes the chunks that are done, in order from the next to write; throws the first failed one's failure. */
    private void writeFinished() throws IOException {
        while (true) {
            EntryChunk next;
            synchronized (lock) {
                if (written == published || !chunks[written].done) {
                    return;
                }
                next = chunks[written];
            }
            written++;
            if (next.count > 0) {
                lastId = next.lastId;
            }
            if (next.length > 1) { // past its '[': entries (or a failed chunk's first one, in part)
                gen.flush();
                if (entryWritten) {
                    body.write(',');
                }
                body.write(next.bytes, 1, next.length - 1);
                entryWritten = true;
            }
            next.bytes = null;
            if (next.failure != null) {
                throw rethrow(next.failure);
            }
        }
    }

    /**
     * Waits for a chunk a helper is transcoding, up to {@link #STEAL_AFTER_NANOS}: true when it is done, false when
     * the helper is still at it (then most likely without a core).
     */
    private boolean awaitHelper(EntryChunk chunk) throws IOException {
        long deadline = System.nanoTime() + STEAL_AFTER_NANOS;
        waiting = Thread.currentThread();
        try {
            while (true) {
                synchronized (lock) {
                    if (chunk.done) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a page's entries");
                }
            }
        } finally {
            waiting = null;
        }
    }

    /** A helper's loop: takes the next chunk cut and not yet taken, until the scan is done and none is left. */
    private void help() {
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        while (true) {
            EntryChunk chunk;
            synchronized (lock) {
                try {
                    while (claimed == published && !scanned && !abandoned) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    return; // the pool is closing: the worker transcodes what is left itself
                }
                if (abandoned || claimed == published) {
                    return;
                }
                chunk = chunks[claimed++];
            }
            chunk.transcode(transcoder, mapper, inScope, requestBody, responseBody);
            synchronized (lock) {
                chunk.done = true;
            }
            Thread worker = waiting; // read after done is set: a worker that started waiting before is woken
            if (worker != null) {
                LockSupport.unpark(worker);
            }
        }
    }

    private static IOException rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }
}
