package io.tapline.redact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    private final Redactor redactor = Redactor.withDefaults();

    @ParameterizedTest(name = "{0} is secret: {1}")
    @CsvSource({
            "Authorization, true", "authorization, true", "PROXY-AUTHORIZATION, true", "Cookie, true",
            "Set-Cookie, true", "X-API-Key, true", "x-auth-token, true", "Content-Type, false", "X-Request-Id, false"
    })
    void recognisesSecretHeadersInAnyCase(String name, boolean secret) {
        assertThat(redactor.isSecretHeader(name)).isEqualTo(secret);
    }

    @Test
    void replacesSecretHeaderValuesAndKeepsOthers() {
        assertThat(redactor.headerValue("Set-Cookie", "sid=abc; HttpOnly")).isEqualTo("[REDACTED]");
        assertThat(redactor.headerValue("Accept", "*/*")).isEqualTo("*/*");
        assertThat(redactor.isSecretHeader(null)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "x=1&token=abc", "token=abc", "Token=abc&PASSWORD=", "a=b;api_key=k", "user%5Bpassword%5D=p&x",
            "user[password]=p&token[]=t", "%74oken=t", "q=a+b&access_token=", "x=1#access_token=frag&y=2",
            "#token=t", "token=a#b", "redirect=https://u:pw@h/x?token=t", "&&=&token", "k=v&key=v2&sig=s",
            "caf\u00e9=\uFFFD&secret=s", "`   `", "token"})
    void redactsAQueryStringAsTheQueryOfAUrl(String query) {
        assertThat(redactor.query(query)).isEqualTo(redactor.url("?" + query).substring(1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/a?Token=t&x=1                 | /a?Token=[REDACTED]&x=1",
            "/a?ACCESS_TOKEN=t              | /a?ACCESS_TOKEN=[REDACTED]",
            "/a?%74oken=t                   | /a?%74oken=[REDACTED]",
            "/a?\u212Aey=k                  | /a?\u212Aey=[REDACTED]",
            "/a?user[Password]=p            | /a?user[Password]=[REDACTED]",
            "/a?tokens=t&xtoken=t&toke=t    | /a?tokens=t&xtoken=t&toke=t",
    })
    void matchesParameterNamesInAnyCaseEscapedOrNot(String url, String redacted) {
        assertThat(redactor.url(url)).isEqualTo(redacted);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"PassWord\":\"p\",\"x\":1}`            | `{\"PassWord\":\"[REDACTED]\",\"x\":1}`",
            "`{\"pass\\u0077ord\":\"p\"}`              | `{\"pass\\u0077ord\":\"[REDACTED]\"}`",
            "`{\"api_\u212Aey\":\"k\"}`                 | `{\"api_\u212Aey\":\"[REDACTED]\"}`",
            "`{\"passwords\":\"p\",\"tok\":\"t\"}`   | `{\"passwords\":\"p\",\"tok\":\"t\"}`",
    })
    void matchesJsonFieldNamesInAnyCaseEscapedOrNot(String json, String redacted) {
        assertThat(redactor.jsonBody(json)).isEqualTo(redacted);
    }

    @Test
    void configuredNamesAddToTheDefaults() {
        Redactor custom = new Redactor(RedactionRules.defaults()
                .withAdded(List.of("X-Tenant-Secret"), List.of("Session"), List.of("PIN")));
        assertThat(custom.isSecretHeader("x-tenant-secret")).isTrue();
        assertThat(custom.isSecretHeader("Authorization")).isTrue();
        assertThat(custom.url("/a?session=s1&token=t")).isEqualTo("/a?session=[REDACTED]&token=[REDACTED]");
        assertThat(custom.jsonBody("{\"pin\":1234,\"password\":\"p\"}"))
                .isEqualTo("{\"pin\":\"[REDACTED]\",\"password\":\"[REDACTED]\"}");
    }

    @Test
    void rulesWithoutDefaultsRedactOnlyWhatTheyName() {
        Redactor only = new Redactor(RedactionRules.none().withAdded(List.of("x-k"), List.of("q"), List.of("f")));
        assertThat(only.isSecretHeader("Authorization")).isFalse();
        assertThat(only.url("/a?token=t&q=1")).isEqualTo("/a?token=t&q=[REDACTED]");
        assertThat(only.jsonBody("{\"password\":\"p\",\"f\":2}")).isEqualTo("{\"password\":\"p\",\"f\":\"[REDACTED]\"}");
    }

    @Test
    void rulesStoreNamesLowerCase() {
        RedactionRules rules = new RedactionRules(Set.of("X-A"), Set.of("Tok"), Set.of("Pass"));
        assertThat(rules.headers()).containsExactly("x-a");
        assertThat(rules.queryParams()).containsExactly("tok");
        assertThat(rules.jsonFields()).containsExactly("pass");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/search?q=cats                              | /search?q=cats",
            "/plain/path                                 | /plain/path",
            "?                                           | ?",
            "/login?token=abc123                         | /login?token=[REDACTED]",
            "/login?TOKEN=abc                            | /login?TOKEN=[REDACTED]",
            "/a?x=1&password=p%40ss&y=2                  | /a?x=1&password=[REDACTED]&y=2",
            "/a?token=1&token=2                          | /a?token=[REDACTED]&token=[REDACTED]",
            "/a?token                                    | /a?token",
            "/a?token=&x=1                               | /a?token=&x=1",
            "/a?token==x                                 | /a?token=[REDACTED]",
            "/a?&&token=x&&                              | /a?&&token=[REDACTED]&&",
            "/a?=abc                                     | /a?=abc",
            "/a?%74oken=abc                              | /a?%74oken=[REDACTED]",
            "/a?api%5Fkey=abc&api%5fKEY=d                | /a?api%5Fkey=[REDACTED]&api%5fKEY=[REDACTED]",
            "/a?to+ken=abc                               | /a?to+ken=abc",
            "/a?x=%zz&secret=s%                          | /a?x=%zz&secret=[REDACTED]",
            "/a?%=1&%4=2&key=3                           | /a?%=1&%4=2&key=[REDACTED]",
            "/a?x=1;sig=abc                              | /a?x=1;sig=[REDACTED]",
            "/a?token=abc#frag                           | /a?token=[REDACTED]#frag",
            "/cb#access_token=xyz&state=1                | /cb#access_token=[REDACTED]&state=1",
            "/a?user[password]=x&tokens[]=1&token[]=2    | /a?user[password]=[REDACTED]&tokens[]=1&token[]=[REDACTED]",
            "/a?user%5Bpassword%5D=x                     | /a?user%5Bpassword%5D=[REDACTED]",
            "https://u:pw@host.example/p?key=k           | https://u:[REDACTED]@host.example/p?key=[REDACTED]",
            "http://host.example:8080/p?a=b              | http://host.example:8080/p?a=b",
            "http://user@host.example/                   | http://user@host.example/",
            "/r?next=http://u:p@x/&auth=1                | /r?next=http://u:p@x/&auth=[REDACTED]",
            "/a?%E2%82%AC=1&pwd=%E2%82                   | /a?%E2%82%AC=1&pwd=[REDACTED]",
    })
    void redactsSecretQueryValuesAndKeepsEveryOtherByte(String url, String expected) {
        assertThat(redactor.url(url)).isEqualTo(expected);
    }

    @Test
    void returnsTheSameStringWhenAUrlHasNoSecrets() {
        String url = "/v1/users?page=2&size=10";
        assertThat(redactor.url(url)).isSameAs(url);
        assertThat(redactor.url(null)).isNull();
        assertThat(redactor.url("")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "username=bob&password=hunter2&remember=on | username=bob&password=[REDACTED]&remember=on",
            "user=bob&password=hun                     | user=bob&password=[REDACTED]",
            "user=bob&passw                            | user=bob&passw",
            "ssn=123-45-6789&name=x                    | ssn=[REDACTED]&name=x",
            "Client_Secret=a+b%20c&grant_type=x        | Client_Secret=[REDACTED]&grant_type=x",
    })
    void redactsFormBodiesLikeQueriesIncludingJsonFieldNames(String body, String expected) {
        assertThat(redactor.formBody(body)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "application/json; charset=utf-8  | {\"password\":\"x\"}  | {\"password\":\"[REDACTED]\"}",
            "application/vnd.api+json         | {\"token\":1}        | {\"token\":\"[REDACTED]\"}",
            "application/x-ndjson             | {\"token\":1}        | {\"token\":\"[REDACTED]\"}",
            "APPLICATION/X-WWW-FORM-URLENCODED | a=1&password=x      | a=1&password=[REDACTED]",
            "                                 | {\"secret\":\"s\"}   | {\"secret\":\"[REDACTED]\"}",
            "text/plain                       | login with password=hunter2 now | login with password=[REDACTED] now",
            "text/plain                       | `password: \"two words\" ok` | `password: \"[REDACTED]\" ok`",
            "text/plain                       | token=abc&x=1        | token=[REDACTED]&x=1",
            "text/html                        | <p>nothing here</p>  | <p>nothing here</p>",
            "text/x-log                       | `call failed: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig retrying` | `call failed: Bearer [REDACTED] retrying`",
            "text/x-log                       | `Bearer tokens are short` | `Bearer tokens are short`",
            "application/xml | <login><user>bob</user><password>hunter2</password></login> | <login><user>bob</user><password>[REDACTED]</password></login>",
            "application/soap+xml | <wsse:Password Type=\"x#PasswordText\">hunter2</wsse:Password> | <wsse:Password Type=\"x#PasswordText\">[REDACTED]</wsse:Password>",
            "text/xml | <a><secret><v>1</v><v>2</v></secret><b>ok</b></a> | <a><secret>[REDACTED]</secret><b>ok</b></a>",
            "text/xml | <Password><![CDATA[a<b]]></Password> | <Password>[REDACTED]</Password>",
            "text/xml | <token/><passwordHint>x</passwordHint><tokens>y</tokens> | <token/><passwordHint>x</passwordHint><tokens>y</tokens>",
            "text/xml | <user password=\"p\" name=\"bob\"/> | <user password=\"[REDACTED]\" name=\"bob\"/>",
            "text/xml | <secret kind=\"a\" token=\"t\">s</secret> | <secret kind=\"a\" token=\"[REDACTED]\">[REDACTED]</secret>",
            "text/xml | <r><password>cut off by the ca | <r><password>[REDACTED]",
            "text/xml | <password | <password",
    })
    void dispatchesBodiesByContentType(String contentType, String body, String expected) {
        assertThat(redactor.text(contentType, body)).isEqualTo(expected);
    }

    @Test
    void scrubsHeaderLikeLinesInPlainTextToTheEndOfTheLine() {
        String body = "GET / HTTP/1.1\r\nAuthorization: Bearer abc.def.ghi\r\nCookie: sid=1; theme=dark\r\nAccept: */*\r\n";
        assertThat(redactor.text("message/http", body)).isEqualTo(
                "GET / HTTP/1.1\r\nAuthorization: [REDACTED]\r\nCookie: [REDACTED]\r\nAccept: */*\r\n");
    }

    @Test
    void leavesBodiesWithoutSecretsUntouched() {
        String body = "{\"user\":\"bob\",\"items\":[1,2,3]}";
        assertThat(redactor.text("application/json", body)).isSameAs(body);
        assertThat(redactor.text("text/plain", null)).isNull();
        assertThat(redactor.text("text/plain", "")).isEmpty();
    }

    /** Names compared where they stand get the answer of trimming and lower-casing them, whatever they hold. */
    @Test
    void tellsSecretHeadersAsTrimmingAndLowerCasingThemWould() {
        Redactor redactor = Redactor.withDefaults();
        java.util.List<String> names = new java.util.ArrayList<>(redactor.rules().headers());
        names.addAll(java.util.List.of("", " ", "Accept", "AUTHORIZATION", " authorization", "authorization\t",
                "Cookie ", "x-api-key", "X-Api-Key", "x-api-k\u0130y", "\u212Aey", "authorizatio", "authorizationn"));
        java.util.Random random = new java.util.Random(5);
        String odd = " \t\u0000AaZz-_\u00e9\u0130\u212A";
        for (int i = 0; i < 5000; i++) {
            StringBuilder name = new StringBuilder(names.get(random.nextInt(names.size())));
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(name.length() + 1);
                char c = odd.charAt(random.nextInt(odd.length()));
                if (random.nextBoolean() && at < name.length()) {
                    name.setCharAt(at, Character.isLetter(name.charAt(at)) ? Character.toUpperCase(name.charAt(at)) : c);
                } else {
                    name.insert(at, c);
                }
            }
            names.add(name.toString());
        }
        int secret = 0;
        for (String name : names) {
            boolean expected = redactor.isSecretHeaderTrimmedAndLowerCased(name);
            assertThat(redactor.isSecretHeader(name)).as(name).isEqualTo(expected);
            secret += expected ? 1 : 0;
        }
        assertThat(secret).isGreaterThan(100);
        assertThat(redactor.isSecretHeader(null)).isFalse();
    }
}
