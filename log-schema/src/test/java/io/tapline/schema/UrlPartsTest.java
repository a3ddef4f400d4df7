package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UrlPartsTest {

    @Test
    void splitsAnOriginFormTargetIntoPathAndQuery() {
        assertThat(UrlParts.of("/v1/users?page=2&q=a%20b")).isEqualTo(new UrlParts("/v1/users", "page=2&q=a%20b"));
    }

    @Test
    void aTargetWithoutQuestionMarkHasNoQuery() {
        assertThat(UrlParts.of("/v1/users")).isEqualTo(new UrlParts("/v1/users", null));
    }

    @Test
    void aQuestionMarkWithNothingAfterItIsAnEmptyQueryAsEcsSays() {
        assertThat(UrlParts.of("/v1/users?")).isEqualTo(new UrlParts("/v1/users", ""));
    }

    @Test
    void anAbsoluteFormTargetLosesSchemeAndAuthority() {
        assertThat(UrlParts.of("http://h/p?q")).isEqualTo(new UrlParts("/p", "q"));
        assertThat(UrlParts.of("https://user@api.example.com:8443/v1/x?a=1")).isEqualTo(new UrlParts("/v1/x", "a=1"));
        assertThat(UrlParts.of("http://h?q")).isEqualTo(new UrlParts(null, "q"));
        assertThat(UrlParts.of("http://h")).isEqualTo(new UrlParts(null, null));
    }

    @Test
    void theFragmentBelongsToNeitherPathNorQuery() {
        assertThat(UrlParts.of("/p?q=1#top")).isEqualTo(new UrlParts("/p", "q=1"));
        assertThat(UrlParts.of("/p#a?b")).isEqualTo(new UrlParts("/p", null));
    }

    @Test
    void onlyTheFirstQuestionMarkSplits() {
        assertThat(UrlParts.of("/p?next=/a?b")).isEqualTo(new UrlParts("/p", "next=/a?b"));
    }

    @Test
    void targetsThatAreNotValidUrisStillSplit() {
        assertThat(UrlParts.of("/a b|c?x={y}")).isEqualTo(new UrlParts("/a b|c", "x={y}"));
    }

    @Test
    void theEcsDocumentCarriesTheDerivedPathAndQuery() {
        assertThat(urlObject("/v1/users")).isEqualTo(Map.of("original", "/v1/users", "path", "/v1/users"));
        assertThat(urlObject("/v1/users?")).isEqualTo(Map.of("original", "/v1/users?", "path", "/v1/users", "query", ""));
        assertThat(urlObject("http://h/p?q")).isEqualTo(Map.of("original", "http://h/p?q", "path", "/p", "query", "q"));
    }

    private static Object urlObject(String url) {
        return EcsCodec.toDocument(SampleRecords.minimal().toBuilder().url(url).build()).get("url");
    }
}
