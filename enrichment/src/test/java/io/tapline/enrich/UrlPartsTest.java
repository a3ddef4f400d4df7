package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlPartsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // original                                 | path              | query   | scheme | domain         | port | ext
            "/v1/users/42?x=1                           | /v1/users/42      | x=1     | null   | null           | null | null",
            "/a/b?                                      | /a/b              | ''      | null   | null           | null | null",
            "/a/b                                       | /a/b              | null    | null   | null           | null | null",
            "https://h:8443/a.json?x                    | /a.json           | x       | https  | h              | 8443 | json",
            "HTTP://Example.COM/Index.HTML              | /Index.HTML       | null    | http   | example.com    | null | html",
            "https://user:pw@api.example.com/x          | /x                | null    | https  | api.example.com| null | null",
            "http://[2001:db8::1]:8080/p?q              | /p                | q       | http   | [2001:db8::1]  | 8080 | null",
            "https://h                                  | null              | null    | https  | h              | null | null",
            "https://h?x=1                              | null              | x=1     | https  | h              | null | null",
            "https://h:99999/a                          | /a                | null    | https  | h              | null | null",
            "https://h:abc/a                            | /a                | null    | https  | h              | null | null",
            "/a/b#frag?x                                | /a/b              | null    | null   | null           | null | null",
            "/files/archive.tar.gz                      | /files/archive.tar.gz | null | null  | null           | null | gz",
            "/.hidden                                   | /.hidden          | null    | null   | null           | null | null",
            "/a/b.                                      | /a/b.             | null    | null   | null           | null | null",
            "/a.b/c                                     | /a.b/c            | null    | null   | null           | null | null",
            "/a/b.verylongextension1                    | /a/b.verylongextension1 | null | null | null         | null | null",
            "/a/b.js%6fn                                | /a/b.js%6fn       | null    | null   | null           | null | null",
            "//double//slash/../x.PNG                   | //double//slash/../x.PNG | null | null | null        | null | png",
            "/caf\u00e9/men\u00fc.pdf?q=\u00fc         | /caf\u00e9/men\u00fc.pdf | q=\u00fc | null | null      | null | pdf",
    })
    void splitsARequestTargetOrAbsoluteUrlIntoEcsParts(String original, String path, String query, String scheme,
                                                       String domain, Integer port, String extension) {
        UrlParts parts = UrlParts.parse(original);
        assertThat(parts).isNotNull();
        assertThat(parts.path).isEqualTo(path);
        assertThat(parts.query).isEqualTo(query);
        assertThat(parts.scheme).isEqualTo(scheme);
        assertThat(parts.domain).isEqualTo(domain);
        assertThat(parts.port).isEqualTo(port);
        assertThat(parts.extension).isEqualTo(extension);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "   ", "*", "example.com:443", "not a url", "://x", "1http://x/", "mailto:a@b",
            "ht tp://x/", "\uFFFD\uFFFD"})
    void understandsNothingThatIsNeitherATargetNorAnAbsoluteUrl(String original) {
        assertThat(UrlParts.parse(original)).isNull();
    }

    @Test
    void handlesNullAndAnEightKibibyteUrl() {
        assertThat(UrlParts.parse(null)).isNull();
        String longUrl = "/a/" + "b".repeat(8192) + "?q=" + "c".repeat(8192);
        UrlParts parts = UrlParts.parse(longUrl);
        assertThat(parts.path).hasSize(8195);
        assertThat(parts.query).hasSize(8194);
    }
}
