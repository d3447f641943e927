package com.winthorvd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) driven through Selenium. Where they are not installed
 * the browser tests are skipped with what to install; CI (WINTHORVD_REQUIRE_BROWSER=1) fails instead of skipping.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/panel-screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "1".equals(System.getenv("WINTHORVD_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("WINTHORVD_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(installed, "browser tests skipped: install Debian's chromium and chromium-driver"
                + " (sudo apt-get install chromium chromium-driver) to run them");
        try {
            Path profile = Files.createTempDirectory("wvd-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            // No background traffic: this machine's network is closed, and a browser test needs none.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,1000", "--lang=pt-BR", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Clicks a link or a form's button and waits until the page it leads to has replaced this one and is loaded: a
     * click returns as soon as the navigation starts, so the next look could still find the old page. The old page is
     * marked with a script variable, which a new page does not have. (Waiting for the old {@code html} element to go
     * stale raced: while Chromium swaps the documents it may answer "Node with given id does not belong to the
     * document", which is neither stale nor absent.) Errors while the page is being swapped are looked past; the wait is
     * bounded only so a page that never comes fails the test.
     */
    void clickThrough(WebElement target) {
        driver.executeScript("window.wvdOldPage = true");
        target.click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.wvdOldPage === undefined && document.readyState === 'complete'")));
    }

    /** The page as it is now, for a person to look at: target/panel-screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
