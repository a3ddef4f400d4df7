package io.tapline.api.query;

import io.tapline.api.export.OutputFormat;
import io.tapline.api.http.ApiException;
import io.tapline.api.http.QueryParameters;
import io.tapline.schema.Level;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogsRequestTest {

    private static LogsRequest parse(String query) {
        return LogsRequest.parse(QueryParameters.parse(query), null);
    }

    private static void refused(String query, String message) {
        assertThatThrownBy(() -> parse(query)).as(query).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void withoutPagingParametersItIsAnOffsetPageOf200FromTheTop() {
        assertThat(parse("").paging()).isEqualTo(new Paging.Offset(200, 0));
        assertThat(parse("").format()).isEqualTo(OutputFormat.JSON);
    }

    @Test
    void eachPagingParameterSelectsItsMode() {
        assertThat(parse("last=7").paging()).isEqualTo(new Paging.Last(7));
        assertThat(parse("afterId=42&limit=9").paging()).isEqualTo(new Paging.AfterId(42, 9));
        assertThat(parse("cursor=").paging()).isEqualTo(new Paging.Fanout("", 200));
        assertThat(parse("format=csv").paging()).isEqualTo(new Paging.Everything());
    }

    @Test
    void contradictingParametersAreRefusedNamingBoth() {
        refused("offset=1&afterId=2", "afterId pages by id; it cannot be combined with offset");
        refused("offset=1&last=2", "last is its own count; it cannot be combined with offset");
        refused("limit=1&last=2", "last is its own count; it cannot be combined with limit");
        refused("cursor=&afterId=2", "cursor pages by its own position; it cannot be combined with afterId");
        refused("format=ndjson&limit=2", "format=ndjson streams every match; it cannot be combined with limit");
        refused("fromTimestamp=1&since=2024-01-01T00:00:00Z", "fromTimestamp and since set the same bound; give one");
        refused("toTimestamp=1&until=2024-01-01T00:00:00Z", "toTimestamp and until set the same bound; give one");
        refused("fromTimestamp=5&toTimestamp=4", "fromTimestamp must not be after toTimestamp");
        refused("since=2024-01-02T00:00:00Z&toTimestamp=1", "since must not be after toTimestamp");
    }

    @Test
    void levelAndMinLevelNarrowTogether() {
        assertThat(parse("minLevel=warning").filter().filter().levels())
                .isEqualTo(EnumSet.of(Level.WARN, Level.ERROR, Level.CRITICAL));
        assertThat(parse("minLevel=error&level=debug,error").filter().filter().levels()).isEqualTo(EnumSet.of(Level.ERROR));
        assertThat(parse("minLevel=critical&level=debug").filter().filter().matchesNothing()).isTrue();
        refused("level=warn,,error", "level must be one or more of debug, info, warn, error, critical, comma-separated");
        refused("minLevel=loud", "minLevel must be one of debug, info, warn, error, critical");
    }

    @Test
    void theAcceptHeaderChoosesAStreamOnlyWhenNoFormatIsGiven() {
        assertThat(LogsRequest.parse(QueryParameters.parse(""), "application/x-ndjson").format()).isEqualTo(OutputFormat.NDJSON);
        assertThat(LogsRequest.parse(QueryParameters.parse(""), "text/csv, */*").format()).isEqualTo(OutputFormat.CSV);
        assertThat(LogsRequest.parse(QueryParameters.parse("format=json"), "application/x-ndjson").format())
                .isEqualTo(OutputFormat.JSON);
    }

    @Test
    void theMethodIsMatchedInUpperCase() {
        assertThat(parse("method=patch").filter().filter().method()).isEqualTo("PATCH");
        refused("method=GET%20POST", "method must be an HTTP method token such as GET or POST");
    }
}
