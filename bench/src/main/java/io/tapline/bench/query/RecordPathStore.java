package io.tapline.bench.query;

import io.tapline.store.ForwardingSearchStore;
import io.tapline.store.SearchStore;

/**
 * The Elasticsearch store without its entry streaming ({@code EntrySearch}): an API server over it answers pages by
 * the record path (records, then {@code ApiCodec.toEntry} maps, then Jackson), which the benchmark measures beside
 * the production path to show what transcoding saves.
 */
final class RecordPathStore extends ForwardingSearchStore {
    RecordPathStore(SearchStore store) {
        super(store);
    }
}
