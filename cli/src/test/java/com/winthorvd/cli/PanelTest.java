package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.cli.ops.Operations;
import com.winthorvd.cli.ops.StackResources;
import com.winthorvd.cli.panel.PanelServer;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.shared.sync.Reason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The panel as an implementer uses it, in a real headless Chromium against a local stack: each page read and each
 * button pressed as a person would, the outcome checked in WinThor, the store and the state. Screenshots of every page
 * are left in target/panel-screenshots.
 */
class PanelTest extends LocalStackTest {
    private Operations operations;
    private PanelServer panel;
    private Browser browser;

    @BeforeEach
    void openPanel() {
        browser = Browser.start();
        operations = new Operations(StackResources.resolve(world.deployment.stackName(), Map.of()), world.clock);
        panel = new PanelServer(operations, world.clock, 0, java.util.Optional::empty, java.util.Optional.empty());
    }

    @AfterEach
    void closePanel() {
        if (panel != null) {
            panel.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    private void open(String path) {
        browser.driver.get(panel.url() + path.replaceFirst("^/", ""));
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void theOverviewShowsAServiceSwitchedOfflineFirstAndHealthyWhenItIsBack() {
        health();
        open("/");
        assertTrue(browser.driver.findElements(By.id("attention")).isEmpty(), text("main"));
        assertTrue(text("#healthy").contains("Tudo certo"), text("main"));
        world.winthor.online(WtaService.ORDERS, false);
        health();
        open("/");
        browser.screenshot("visao-geral");
        WebElement row = browser.driver.findElement(By.cssSelector("#services tr[data-service='winthor-pedido-venda']"));
        assertTrue(row.getText().contains("FORA DO AR"), row.getText());
        assertTrue(text("#attention").contains("winthor-pedido-venda fora do ar"), text("#attention"));
        // Dates as a Brazilian reads them, at São Paulo.
        assertTrue(text("#flows").matches("(?s).*\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}.*"), text("#flows"));
        world.winthor.online(WtaService.ORDERS, true);
        health();
        open("/");
        assertTrue(text("#services tr[data-service='winthor-pedido-venda']").contains("online"), text("#services"));
    }

    @Test
    void aRejectedProductShowsWithItsRoutineAndLeavesOnceFixedInWinThorAndSynced() {
        // A new product sent to e-commerce without a brand: rejected, routine 203.
        Product model = world.winthor.data().products.get(world.manifest.records("product").entrySet().stream()
                .filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED).map(Map.Entry::getKey).findFirst().orElseThrow());
        String key = "990003";
        world.winthor.data().products.put(withBrand(model, 990_003, null));
        CatalogDriver.sync(world, false);
        long rejected = world.manifest.count("product", Manifest.Outcome.REJECTED) + 1;

        open("/rejeitados");
        new Select(browser.driver.findElement(By.name("entidade"))).selectByValue("product");
        browser.clickThrough(browser.driver.findElement(By.cssSelector("form button[type=submit]")));
        browser.screenshot("rejeitados");
        WebElement row = browser.driver.findElement(By.cssSelector("#rejections tr[data-key='product:" + key + "']"));
        assertTrue(row.getText().contains("203") && row.getText().contains("sem marca"), row.getText());
        assertEquals(rejected + " registro(s) a corrigir", text("#count"));

        // The implementer links a brand to the product in routine 203; the next sync takes it.
        world.winthor.data().products.put(withBrand(model, 990_003, model.brandId()));
        CatalogDriver.sync(world, false);
        browser.driver.navigate().refresh();
        assertTrue(browser.driver.findElements(By.cssSelector("#rejections tr[data-key='product:" + key + "']")).isEmpty(), text("#rejections"));
        assertEquals((rejected - 1) + " registro(s) a corrigir", text("#count"));
        assertEquals("SYNCED", operations.explain("product", key, java.util.Optional.empty(), java.util.Optional.empty()).get(0).get("status"));
    }

    /** A product like {@code model} under another code, with this brand (none: null), changed now in WinThor. */
    private Product withBrand(Product model, long id, Long brand) {
        return new Product(id, "PRODUTO SEM MARCA", "produto sem marca", model.departmentId(), model.sectionId(), model.categoryId(), brand,
                model.supplierId(), true, true, model.showWithoutStock(), model.webDepartmentId(), model.webSectionId(), model.webCategoryId(),
                model.grossWeightKg(), model.netWeightKg(), world.winthor.winthorNow());
    }

    @Test
    void whyIsntItInTheStoreAnswersForAProductWaitingOnItsBrand() {
        Operations.Rejection waiting = operations.rejections(CatalogEntity.PRODUCT, Reason.PARENT_NOT_INTEGRATED.name()).stream()
                .filter(r -> r.message().contains("marca")).findFirst().orElseThrow();
        open("/explicar");
        new Select(browser.driver.findElement(By.name("tipo"))).selectByValue("product");
        browser.driver.findElement(By.name("chave")).sendKeys(waiting.key());
        browser.clickThrough(browser.driver.findElement(By.cssSelector("#search button")));
        browser.screenshot("por-que-nao-esta-na-loja");
        assertTrue(text("dd[data-field='waitingOn']").startsWith("marca "), text("main"));
        assertTrue(text(".next").contains("./winthor-vd explain brand"), text(".next"));
        assertEquals("REJECTED", text("dd[data-field='status']"));
    }

    @Test
    void reenviarSendsARejectedOrderOnceItsCauseIsFixedAndItReachesWinThorOnce() {
        String document = "52998224725";
        String id = unregistrableOrder(document);
        push();
        open("/pedidos");
        WebElement row = browser.driver.findElement(By.cssSelector("#rejected-orders tr[data-order='" + id + "']"));
        assertTrue(row.getText().contains("302"), row.getText());
        assertFalse(browser.driver.getPageSource().contains(document), "the CPF is never shown in clear");
        browser.screenshot("pedidos");

        registerInWinThor(document);
        browser.clickThrough(row.findElement(By.cssSelector("a.retry")));
        assertTrue(text("h1").contains("Reenviar o pedido " + id), text("main"));
        browser.clickThrough(browser.driver.findElement(By.cssSelector("#confirm button")));
        assertTrue(text("#result").contains("Pedido " + id + " reenviado"), text("main"));
        push();
        assertEquals(1, erpOrdersOf(id).size(), "one WinThor order");
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
        browser.driver.navigate().refresh();
        assertTrue(browser.driver.findElements(By.cssSelector("#rejected-orders tr[data-order='" + id + "']")).isEmpty(), text("main"));
        String listed = text("#orders tr[data-order='" + id + "']");
        assertTrue(listed.contains("HANDLING_STARTED") && listed.contains(state(id).string("numped").orElseThrow()), listed);
    }

    @Test
    void reprocessarEmptiesADeadLetterQueueAndItsMessagesAreAppliedOnce() {
        world.runner.fireSchedule(StockDriver.SCAN, "EveryMinute");
        int dead = deadLetter("StockQueue", "StockDeadLetterQueue");
        assertTrue(dead > 0);
        open("/filas");
        browser.screenshot("filas");
        WebElement stock = browser.driver.findElement(By.cssSelector("div[data-queue='stock']"));
        assertTrue(stock.getText().contains(dead + " na DLQ"), stock.getText());
        browser.clickThrough(stock.findElement(By.cssSelector("a.redrive")));
        browser.clickThrough(browser.driver.findElement(By.cssSelector("#confirm button")));
        assertTrue(text("#result").contains(dead + " mensagem(ns) de volta"), text("main"));
        world.runner.drain(StockDriver.APPLY, Duration.ofMinutes(5), 1);
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        assertTrue(browser.driver.findElement(By.cssSelector("div[data-queue='stock']")).getText().contains("0 na DLQ"), text("main"));
    }

    @Test
    void theRunsPageChartsEachRunAndTheLastDaysAppliedRecordsAndStockLag() {
        world.runner.fireSchedule(StockDriver.SCAN, "EveryMinute");
        world.runner.drain(StockDriver.APPLY, Duration.ofMinutes(5), 1);
        long applied = world.manifest.stock().size();
        open("/execucoes?fluxo=stock-sync");
        browser.screenshot("execucoes");
        int runs = operations.runs("stock-sync", PanelServer.RUNS_SHOWN).size();
        assertEquals(runs, browser.driver.findElements(By.cssSelector("#runs tr")).size() - 1);
        assertFalse(browser.driver.findElements(By.cssSelector("#chart rect")).isEmpty(), "a bar per run");
        // The hour's applied records are the apply function's own data points: every inventory of the manifest, once.
        String title = browser.driver.findElement(By.cssSelector("#applied rect title")).getAttribute("textContent");
        assertEquals("aplicados: " + applied, title);
        assertTrue(text("#lag-legend").contains("atraso máximo (s)"), text("#lag-legend"));
        open("/");
        assertTrue(text("#lag").contains("Da mudança no WinThor à loja"), text("#lag"));
    }

    @Test
    void anActionWithoutThePanelsTokenOrFromAnotherHostIsRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(panel.url() + "filas/stock/reprocessar"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("token CSRF"), forged.body());
        // A page of another site whose name was rebound to 127.0.0.1: its requests name that site as the Host.
        URI url = URI.create(panel.url());
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        }
    }
}
