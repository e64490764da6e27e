package uk.cpis.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.cpis.server.testsupport.NhsNumbers;
import uk.cpis.server.testsupport.PostgresServerTest;

/**
 * The console as a tester uses it, in a real headless Chromium (Debian's {@code chromium} through
 * {@code chromium-driver}): sign in as a demo persona, upload a valid and an invalid sample and read
 * each entry's outcome, look up a flagged and an unknown child as a clinician, and read a council's
 * notifications. Everything it shows comes from the FHIR API under the caller's token. Screenshots are
 * kept in {@code target/console-screenshots/}.
 */
class ConsoleIT extends PostgresServerTest {

    /** Oliver Hughes, a looked-after child of Medway Council in the sample data. */
    static final String FLAGGED_CHILD = "9990000484";

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    static ChromeDriver browser;

    @BeforeAll
    static void startChromium() throws IOException {
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("cpis.chromium", "/usr/bin/chromium"))
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        // this machine's network is closed: without these Chromium keeps calling out
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--no-first-run",
                        "--window-size=1280,2000",
                        "--user-data-dir=" + Files.createTempDirectory("cpis-chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("cpis.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        browser = new ChromeDriver(driver, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theConsoleIsServedWithoutATokenAndLoadsNothingFromElsewhere() {
        Response page = RestAssured.given()
                .baseUri(serverRoot())
                .redirects()
                .follow(false)
                .get("/console");
        assertThat(page.statusCode()).isEqualTo(302);
        Response index = RestAssured.given().baseUri(serverRoot()).get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.header("Content-Security-Policy"))
                .as("the page may load and call nothing but this server")
                .contains("default-src 'self'", "connect-src 'self'");
        assertThat(RestAssured.given()
                        .baseUri(serverRoot())
                        .get("/console/nhsuk/nhsuk-frontend.min.css")
                        .asString())
                .as("the NHS.UK frontend is bundled, its web fonts and absolute asset URLs removed")
                .contains(".nhsuk-header")
                .doesNotContain("assets.nhs.uk", "url(/assets");

        open();
        List<String> fetched = (List<String>)
                browser.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(fetched).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(serverRoot() + "/"));
        assertThat(browser.findElements(By.cssSelector("input:not([type=radio]), select, textarea")))
                .as("every field has a label")
                .allSatisfy(field -> assertThat(
                                browser.findElements(By.cssSelector("label[for='" + field.getAttribute("id") + "']")))
                        .isNotEmpty());
    }

    @Test
    void aCouncilUploadsAValidAndAnInvalidSampleAndReadsEachEntrysOutcome() throws IOException {
        open();
        signInAs("la-medway");

        upload("samples/bundles/04-medway-plans.json");
        List<List<String>> rows = rowsOf("upload-table");
        assertThat(rows).hasSize(48);
        assertThat(rows)
                .as("the samples are already loaded: every entry matches what is stored")
                .allSatisfy(row -> {
                    assertThat(row.get(2)).isEqualTo("200 OK");
                    assertThat(row.get(3)).matches("(Patient|Flag)/\\d+/_history/\\d+");
                });
        screenshot("upload-valid-sample", "upload-result");
        browser.findElement(By.cssSelector("#upload-table a.cpis-stored")).click();
        waitUntilText("resource-url", "200");
        assertThat(text("resource-json")).contains("\"resourceType\": \"Patient\"");

        upload("samples/invalid/nhs-number-bad-check-digit.json");
        assertThat(text("upload-result")).contains("Refused: nothing of the 2 entries was stored");
        rows = rowsOf("upload-table");
        assertThat(rows.get(0))
                .containsSubsequence(
                        "1",
                        "POST Patient",
                        "422: not stored",
                        "—",
                        "nhs-number-invalid",
                        "Patient.identifier",
                        "[nhs-number-invalid] Patient.identifier: '9990009016' is not a valid NHS number"
                                + " (10 digits with a modulus-11 check digit)");
        assertThat(rows.get(1)).startsWith("2", "POST Flag", "422: not stored");
        screenshot("upload-invalid-sample", "upload-result");
    }

    @Test
    void aClinicianLooksUpAFlaggedAndAnUnknownChildAndTheCouncilIsTold() throws IOException {
        open();
        signInAs("ed-clinician");

        lookUp(FLAGGED_CHILD);
        assertThat(text("lookup-plans")).contains("Looked after child", "active", "Medway Council");
        assertThat(text("lookup-councils")).contains("Medway Council", "00LC", "01634 334466", "03000 419191");
        assertThat(text("lookup-patients")).contains("Oliver Hughes", "2017-11-19");
        screenshot("lookup-flagged-child", "lookup-result");

        String unknown = NhsNumbers.next();
        lookUp(unknown);
        assertThat(text("lookup-result"))
                .contains("CP-IS holds no current or recent plan for this NHS number")
                .doesNotContain("Plans", "Who to call");
        screenshot("lookup-unknown-child", "lookup-result");

        signInAs("la-medway");
        assertThat(browser.findElement(By.id("council-ods")).getAttribute("value"))
                .as("the council's ODS code, from its token")
                .isEqualTo("00LC");
        browser.findElement(By.id("notifications")).click();
        waitFor(By.id("notifications-table"));
        assertThat(rowsOf("notifications-table"))
                .anySatisfy(row -> assertThat(row).contains("RPA", "emergency-department", FLAGGED_CHILD));
        screenshot("council-notifications", "notifications-result");

        lookUp(FLAGGED_CHILD);
        assertThat(text("lookup-result"))
                .as("the console has no way round the access policy")
                .contains("403", "The look-up was refused");
    }

    private void open() {
        browser.get(serverRoot() + "/console/");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private void signInAs(String persona) {
        new Select(browser.findElement(By.id("persona"))).selectByValue(persona);
        browser.findElement(By.id("persona-signin")).click();
        waitUntilText("signed-in", "Signed in as " + persona);
    }

    private void upload(String sample) {
        new Select(browser.findElement(By.id("sample"))).selectByValue(sample);
        clearResult("upload-result");
        browser.findElement(By.id("upload")).click();
        waitFor(By.id("upload-table"));
    }

    /** By keyboard: the NHS number typed and the form sent with Enter. */
    private void lookUp(String nhsNumber) {
        clearResult("lookup-result");
        WebElement field = browser.findElement(By.id("nhs-number"));
        field.clear();
        field.sendKeys(nhsNumber, Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookup-result"), nhsNumber));
    }

    private void clearResult(String id) {
        browser.executeScript("document.getElementById(arguments[0]).replaceChildren()", id);
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private void waitUntilText(String id, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private List<List<String>> rowsOf(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .toList();
    }

    /** The page scrolled to the result, as the user sees it after the request. */
    private static void screenshot(String name, String resultId) throws IOException {
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", resultId);
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (org.openqa.selenium.WebDriverException e) {
            fail("no screenshot of " + name + ": " + e.getMessage());
        }
    }
}
