package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.kibana.KibanaObjects;
import io.tapline.kibana.SavedObject;
import io.tapline.store.InstallReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The importer against Kibana's saved objects API served over real loopback HTTP. */
class KibanaImporterTest {
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8));
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<SavedObject> objects = KibanaObjects.all();
    private FakeKibana kibana;

    @AfterEach
    void stop() {
        if (kibana != null) {
            assertThat(kibana.violations()).as("requests a real Kibana would refuse").isEmpty();
            kibana.close();
        }
    }

    private KibanaImporter importer(String space, String auth) {
        return new KibanaImporter(new KibanaClient(kibana.url(), space, auth, null, mapper), mapper);
    }

    @Test
    void theFirstSyncCreatesEveryObjectInOneImportAndTheSecondImportsNothing() throws Exception {
        kibana = new FakeKibana(AUTH, null);
        InstallReport first = importer(null, AUTH).sync(objects);
        assertThat(first.steps()).hasSize(objects.size())
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(InstallReport.Outcome.CREATED));
        assertThat(first.steps().get(0)).hasToString("Kibana index-pattern tapline-logs: created (tapline-logs-*)");
        assertThat(kibana.imports()).hasSize(1);
        assertThat(kibana.imports().get(0)).hasSize(objects.size()).contains("dashboard/tapline-dashboard-traffic");

        InstallReport second = importer(null, AUTH).sync(objects);
        assertThat(second.changedNothing()).isTrue();
        assertThat(second.steps()).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(InstallReport.Outcome.UNCHANGED));
        assertThat(kibana.imports()).hasSize(1);
    }

    @Test
    void anObjectChangedInKibanaIsImportedAgainAloneAndReportedUpdated() throws Exception {
        kibana = new FakeKibana(AUTH, null);
        importer(null, AUTH).sync(objects);
        kibana.edit("lens", "tapline-lens-top-routes", "title", "renamed by someone");

        InstallReport report = importer(null, AUTH).sync(objects);
        assertThat(report.steps()).filteredOn(s -> s.outcome() != InstallReport.Outcome.UNCHANGED)
                .extracting(Object::toString)
                .containsExactly("Kibana lens tapline-lens-top-routes: updated (Tapline: top routes)");
        assertThat(kibana.imports()).hasSize(2);
        assertThat(kibana.imports().get(1)).containsExactly("lens/tapline-lens-top-routes");
        assertThat(kibana.stored().get("lens/tapline-lens-top-routes").path("attributes").path("title").asText())
                .isEqualTo("Tapline: top routes");
    }

    @Test
    void importsIntoTheNamedSpaceWithAnApiKey() throws Exception {
        kibana = new FakeKibana("ApiKey a2V5OnNlY3JldA==", "ops");
        assertThat(importer("ops", "ApiKey a2V5OnNlY3JldA==").sync(objects).steps())
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(InstallReport.Outcome.CREATED));
    }

    @Test
    void anImportKibanaRefusesInPartIsAClearErrorNamingEachObjectAndWhy() throws Exception {
        kibana = new FakeKibana(AUTH, null);
        kibana.failNextImportWith(200, """
                {"successCount":11,"success":false,"warnings":[],
                 "errors":[{"id":"tapline-dashboard-traffic","type":"dashboard","title":"Tapline: traffic",
                   "meta":{"title":"Tapline: traffic","icon":"dashboardApp"},
                   "error":{"type":"missing_references","references":[{"type":"lens","id":"tapline-lens-top-routes"}]}}],
                 "successResults":[]}""");
        assertThatThrownBy(() -> importer(null, AUTH).sync(objects)).isInstanceOf(KibanaException.class)
                .hasMessage("Kibana refused 1 of 12 saved objects: dashboard tapline-dashboard-traffic: missing"
                        + " references lens tapline-lens-top-routes");
    }

    @Test
    void anUnsupportedTypeSaysWhichKibanaIsNeeded() throws Exception {
        kibana = new FakeKibana(AUTH, null);
        kibana.failNextImportWith(200, """
                {"successCount":0,"success":false,"warnings":[],"errors":[{"id":"tapline-lens-top-routes","type":"lens",
                 "meta":{"title":"Tapline: top routes"},"error":{"type":"unsupported_type"}}]}""");
        assertThatThrownBy(() -> importer(null, AUTH).sync(objects)).hasMessageEndingWith(
                "lens tapline-lens-top-routes: unsupported type (is this Kibana 8.9 or newer?)");
    }

    @Test
    void badCredentialsAreOneLineWithTheVariablesToCheck() throws Exception {
        kibana = new FakeKibana(AUTH, null);
        assertThatThrownBy(() -> importer(null, "Basic d3Jvbmc6d3Jvbmc=").sync(objects))
                .isInstanceOf(KibanaException.class)
                .hasMessage("Kibana refused to look up the saved objects: 401 Unauthorized: [security_exception] unable to"
                        + " authenticate user (check TAPLINE_KIBANA_USER/_PASSWORD or TAPLINE_KIBANA_API_KEY)");
        assertThat(kibana.violations()).containsExactly("wrong or missing Authorization on /api/saved_objects/_bulk_get");
        kibana.close();
        kibana = null;
    }

    @Test
    void aServerErrorWithoutJsonIsReportedWithItsStatusAndBody() throws Exception {
        kibana = new FakeKibana(AUTH, null);
        kibana.failNextImportWith(503, "Kibana server is not ready yet\n");
        assertThatThrownBy(() -> importer(null, AUTH).sync(objects))
                .hasMessage("Kibana refused to import the saved objects: 503: Kibana server is not ready yet");
    }

    @Test
    void anUnreachableKibanaIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KibanaClient client = new KibanaClient(URI.create("http://127.0.0.1:" + port), null, null, null, mapper);
        assertThatThrownBy(() -> new KibanaImporter(client, mapper).sync(objects))
                .hasMessage("Kibana at http://127.0.0.1:" + port + " is unreachable (connection refused)");
    }
}
