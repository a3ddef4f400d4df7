package io.tapline.api.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {

    @Test
    void decodesNamesAndValuesKeepingRepeatsInOrder() {
        Map<String, List<String>> query = QueryParameters.parse("projectId=proj%5Fa&x=1&x=2&plus=a+b");

        assertThat(query).containsExactly(
                Map.entry("projectId", List.of("proj_a")),
                Map.entry("x", List.of("1", "2")),
                Map.entry("plus", List.of("a b")));
    }

    @Test
    void aNameWithoutEqualsSignHasAnEmptyValueAndEmptyPairsAreSkipped() {
        assertThat(QueryParameters.parse("&limit&&offset=")).containsExactly(
                Map.entry("limit", List.of("")), Map.entry("offset", List.of("")));
    }

    @Test
    void nullOrEmptyQueryHasNoParameters() {
        assertThat(QueryParameters.parse(null)).isEmpty();
        assertThat(QueryParameters.parse("")).isEmpty();
    }

    @Test
    void aMalformedEscapeIsA400ThatDoesNotRepeatTheInput() {
        assertThatThrownBy(() -> QueryParameters.parse("limit=%zz"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("query string is not valid percent-encoding");
    }
}
