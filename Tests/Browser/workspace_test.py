#!/usr/bin/env python3
"""The web workspace in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium against the real debug daemon, on its own temp inbox and
data folder, with its TCP listener on a free loopback port.

    .build/venv/bin/python Tests/Browser/workspace_test.py            # part of `make test`
    INVOICED_SCREENSHOTS=docs/screenshots .build/venv/bin/python Tests/Browser/workspace_test.py

It lives with the tests (not in scripts/) because it is one: each test asserts what a user
sees. The tests run in order (their names are numbered): later ones use the invoices that
earlier ones uploaded, as a user's session would. TokenLoginTests runs the same pages on a
second daemon that requires a token. A missing Chromium, driver or Selenium is a failure,
never a skip: `scripts/install-deps.sh` installs them. The daemon, the fake chat server and
the browser are made in browser_harness.py.
"""
import json
import os
import shutil
import sys
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
INVOICES = os.path.join(ROOT, "Tests", "Fixtures", "invoices")
HOSTILE = os.path.join(ROOT, "Tests", "Fixtures", "web", "hostile-markup.pdf")
SCREENSHOTS = os.environ.get("INVOICED_SCREENSHOTS")

try:
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    sys.exit("Selenium is missing: run scripts/install-deps.sh (it installs it into .build/venv), "
             "then run this with .build/venv/bin/python")

from browser_harness import CHROMIUM, DRIVER, Daemon, FakeChat, start_browser  # noqa: E402 (after the Selenium check)

for tool in (CHROMIUM, DRIVER):
    if not os.access(tool, os.X_OK):
        sys.exit(f"{tool} is missing: run scripts/install-deps.sh (apt-get install chromium chromium-driver)")


chat = None
daemon = None
browser = None


def setUpModule():
    global chat, daemon, browser
    chat = FakeChat()
    daemon = Daemon(chat.base_url)
    try:
        browser = start_browser()
    except Exception:
        daemon.stop()
        raise


def tearDownModule():
    if browser:
        browser.quit()
    if daemon:
        daemon.stop()
    if chat:
        chat.stop()


class WorkspaceTests(unittest.TestCase):
    """One user's session, in order."""

    def open(self, hash_path=""):
        browser.get(f"{daemon.base}/#/{hash_path}")

    def wait(self, condition, what, seconds=20):
        try:
            # The pages redraw what changed, so an element found a moment ago may be gone: look again.
            return WebDriverWait(browser, seconds, poll_frequency=0.05,
                                 ignored_exceptions=[StaleElementReferenceException]).until(lambda _: condition())
        except TimeoutException:
            self.fail(f"timed out after {seconds} s waiting for {what}; page: {browser.find_element(By.ID, 'main').text[:600]!r}")

    def css(self, selector):
        return browser.find_elements(By.CSS_SELECTOR, selector)

    def text(self, selector):
        found = self.css(selector)
        return found[0].text if found else None

    def shoot(self, name):
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            browser.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))

    def console_errors(self):
        """What the page reported as errors: script exceptions and refused content (CSP)."""
        return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]

    def upload(self, *paths):
        """Chooses `paths` at once in the upload page's file input; waits for their rows."""
        self.css("#file-input")[0].send_keys("\n".join(paths))
        for path in paths:
            name = os.path.basename(path)
            self.wait(lambda: self.css(f'tr[data-upload="{name}"]'), f"the row of {name}")

    def wait_done(self, name, seconds=120):
        """Waits for the upload row of `name` to say done; answers its invoice id."""
        selector = f'tr[data-upload="{name}"]'
        seen = set()

        def done():
            # One script reads the row at one instant (it is redrawn on every event).
            row = browser.execute_script("""
                const row = document.querySelector(arguments[0]);
                if (!row) return null;
                const link = row.querySelector('a[data-invoice]');
                return {status: row.dataset.status, text: row.textContent, invoice: link ? link.dataset.invoice : null};
            """, selector)
            if not row:
                return None
            seen.add(row["status"])
            self.assertNotEqual(row["status"], "failed", f"{name} failed: {row['text']}")
            return row["invoice"] if row["status"] == "done" else None

        invoice = self.wait(done, f"{name} to reach done", seconds)
        return invoice, seen

    def test_1_dashboard_showsTheCounts_andIsLive(self):
        self.open()
        self.wait(lambda: self.text('[data-count="done"] .card-value') == "0", "the done count")
        self.assertEqual(self.text('[data-count="failed"] .card-value'), "0")
        self.assertEqual(self.text('[data-count="workers"] .card-value'), "0 / 1")
        self.assertEqual(self.text('[data-nav="dashboard"]'), "Tổng quan", "Vietnamese by default")
        self.wait(lambda: self.css('#live[data-connected="true"]'), "the live event stream")
        # A scan dropped into the inbox shows in the counts without a reload.
        browser.execute_script("window.notReloaded = true")
        shutil.copy(os.path.join(INVOICES, "retail-01.png"), os.path.join(daemon.inbox, "retail-01.png"))
        self.wait(lambda: self.text('[data-count="done"] .card-value') == "1", "the done count to become 1 live", 120)
        self.assertTrue(browser.execute_script("return window.notReloaded === true"))
        self.wait(lambda: "retail-01.png" in (self.text("#activity") or ""), "the job in the recent activity")
        self.assertEqual(self.console_errors(), [])

    def test_1b_aFailedJob_showsItsReason_andRetryQueuesItAgain(self):
        self.open()
        self.wait(lambda: self.text('[data-count="failed"] .card-value') == "0", "no failure yet")
        with open(os.path.join(daemon.inbox, "notes.png"), "w") as file:
            file.write("not an invoice\n")
        self.wait(lambda: self.text('[data-count="failed"] .card-value') == "1", "the failed count to become 1 live", 60)
        row = self.wait(lambda: [r for r in self.css("#failures tr[data-job]") if "notes.png" in r.text], "the failure in the list")[0]
        self.assertTrue(row.find_element(By.CSS_SELECTOR, ".reason").text.strip(), "the failure's reason")

        def failures_of_notes():
            return browser.execute_script("""
                return [...document.querySelectorAll('#activity li')]
                    .filter(li => li.textContent.includes('notes.png') && li.querySelector('[data-status="failed"]')).length""")

        self.assertEqual(failures_of_notes(), 1)
        row.find_element(By.CSS_SELECTOR, "[data-retry]").click()
        # Queued again, read again, and (still no invoice) failed a second time, all live.
        self.wait(lambda: failures_of_notes() == 2, "the retried job to fail again", 60)
        self.assertEqual(self.console_errors(), [])

    def test_2_upload_followsTheJobLive_toDone_andOpensTheInvoiceWithItsFields(self):
        self.open("upload")
        self.wait(lambda: self.css("#dropzone"), "the drop zone")
        browser.execute_script("window.notReloaded = true")
        others = ["sales-01.png", "english-01.png", "water-01.png", "telecom-02.png"]
        self.upload(os.path.join(INVOICES, "electricity-01.png"), *[os.path.join(INVOICES, name) for name in others])
        invoice, seen = self.wait_done("electricity-01.png")
        WorkspaceTests.electricity = invoice
        self.assertTrue(seen & {"uploading", "queued", "processing"}, f"states seen: {seen}")
        for name in others:
            self.wait_done(name)
        self.assertTrue(browser.execute_script("return window.notReloaded === true"), "the page was reloaded")
        self.shoot("upload")
        self.css(f'a[data-invoice="{invoice}"]')[0].click()
        self.wait(lambda: self.css('td[data-field="seller_name"]'), "the invoice's fields")
        with open(os.path.join(INVOICES, "electricity-01.json"), encoding="utf-8") as file:
            expected = json.load(file)
        self.assertEqual(self.text('td[data-field="seller_name"]'), expected["seller_name"])
        self.assertEqual(self.text('td[data-field="total_amount"]'), "1.851.768 VND")
        self.assertEqual(self.text('td[data-field="invoice_date"]'), "17/01/2026")
        self.assertIn("electricity-01.png", self.text("#job"))
        self.assertIn("ĐIỆN LỰC", self.text("#ocr-text"))
        self.assertTrue(self.css('#checks li[data-check="seller_tax_code_valid"]'), "the checks")
        # The scan itself beside the fields, as the daemon renders it.
        self.wait(lambda: browser.execute_script(
            "const i = document.querySelector('img.page-image'); return i && i.complete && i.naturalWidth > 0"), "the page image")
        # The total is vouched for by a check (subtotal + VAT = total), which the field says.
        self.assertTrue(self.css('tr:has(td[data-field="total_amount"]) [data-trust="checked"]'), "the total's check mark")
        # The job's history: its arrival, a worker's claim, the end.
        self.wait(lambda: [li.get_attribute("data-status") for li in self.css("#job-history li")] == ["received", "processing", "done"],
                  "the job's history")

    def test_3_markupInADocument_showsAsText_andRunsNothing(self):
        self.open("upload")
        self.upload(HOSTILE)
        invoice, _ = self.wait_done("hostile-markup.pdf")
        self.open(f"invoice/{invoice}")
        self.wait(lambda: self.css("#ocr-text"), "the OCR text")
        text = self.text("#ocr-text")
        self.assertIn("<script>window.pwned=2</script>", text)
        self.assertIn('<img src=x onerror="window.pwned=1">', text)
        # What a person types is shown as text too (the extractor keeps no markup in a name).
        self.css('[data-edit="buyer_name"]')[0].click()
        field = self.wait(lambda: self.css('td[data-field="buyer_name"] input'), "the buyer's input")[0]
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys('<img src=x onerror="window.pwned=3">', Keys.ENTER)
        self.wait(lambda: self.text('td[data-field="buyer_name"]') == '<img src=x onerror="window.pwned=3">', "the buyer as text")
        self.assertIn('<img src=x onerror="window.pwned=3">', self.text('#history li[data-field="buyer_name"]'))
        self.assertEqual(len(self.css("main img:not(.page-image), main script, main b")), 0, "markup from the document became elements")
        self.assertIsNone(browser.execute_script("return window.pwned ?? null"))
        # The search snippet keeps its highlight and the markup stays text.
        self.open("invoices?" + "q=onerror")
        self.wait(lambda: self.css("td.snippet mark"), "a highlighted snippet")
        self.assertEqual(self.css("td.snippet mark")[0].text.lower(), "onerror")
        self.assertIn("<img src=x", self.text("td.snippet"))
        self.assertEqual(len(self.css("main img:not(.page-image)")), 0)
        self.assertIsNone(browser.execute_script("return window.pwned ?? null"))
        self.assertEqual([m for m in self.console_errors() if "Content Security Policy" in m or "Uncaught" in m], [])

    def test_4_theEnglishSwitch_changesTheLabels_andIsRemembered(self):
        self.open("invoices")
        self.wait(lambda: self.text('[data-nav="invoices"]') == "Hóa đơn", "the Vietnamese labels")
        self.css("#lang")[0].click()
        self.wait(lambda: self.text('[data-nav="invoices"]') == "Invoices", "the English labels")
        self.assertEqual(self.text("main h1"), "Invoices")
        self.assertEqual(browser.execute_script("return document.documentElement.lang"), "en")
        browser.refresh()
        self.wait(lambda: self.text('[data-nav="review"]') == "Review", "English after a reload")
        self.wait(lambda: self.css("table.invoices tbody tr"), "the invoice list")
        self.shoot("invoices-en")
        self.css("#lang")[0].click()
        self.wait(lambda: self.text('[data-nav="review"]') == "Cần kiểm tra", "Vietnamese again")
        self.wait(lambda: self.css("table.invoices tbody tr"), "the invoice list")
        self.assertGreaterEqual(len(self.css("table.invoices tbody tr")), 3)
        # The sums of what the filter selects, per currency, over every page.
        items = daemon.get("/api/invoices/list?limit=100")["items"]
        vnd = sum(i["total_amount"] for i in items if i["currency"] == "VND" and i["total_amount"] is not None)
        expected = f"{round(vnd):,}".replace(",", ".") + " VND"
        self.wait(lambda: self.text('#sums [data-currency="VND"] .sum-total') == expected, f"the VND sum {expected}")
        self.assertIn(f"{len(items)} hóa đơn", self.text("#sums"))
        self.open("invoices?type=electricity")
        self.wait(lambda: self.text('#sums [data-currency="VND"] .sum-total') == "1.851.768 VND", "the electricity sum")
        self.wait(lambda: len(self.css("table.invoices tbody tr")) == 1, "the one electricity invoice")

    def test_5_correctingTheSeller_showsInTheHistory_inSearch_andInTheCSV(self):
        invoice = WorkspaceTests.electricity
        self.open(f"invoice/{invoice}")
        self.wait(lambda: self.css('[data-edit="seller_name"]'), "the seller's Edit button")
        self.css('[data-edit="seller_name"]')[0].click()
        field = self.wait(lambda: self.css('td[data-field="seller_name"] input'), "the seller's input")[0]
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys("CÔNG TY ĐIỆN LỰC GIA ĐỊNH CHI NHÁNH BÌNH THẠNH", Keys.ENTER)
        self.wait(lambda: self.text('td[data-field="seller_name"]') == "CÔNG TY ĐIỆN LỰC GIA ĐỊNH CHI NHÁNH BÌNH THẠNH", "the corrected seller")
        history = self.wait(lambda: self.css('#history li[data-field="seller_name"]'), "the correction in the history")[0].text
        self.assertIn("CÔNG TY ĐIỆN LỰC GIA ĐỊNH", history)
        self.assertIn("CHI NHÁNH BÌNH THẠNH", history)
        self.assertIn(browser.execute_script("return localStorage.getItem('invoiced.user')"), history, "who corrected it")
        self.assertTrue(self.css('tr:has(td[data-field="seller_name"]) [data-trust="person"]'), "the seller as a person's")
        self.shoot("invoice-corrected")
        self.open("invoices?q=binh%20thanh")
        self.wait(lambda: self.css(f'table.invoices tr[data-invoice="{invoice}"]'), "search to find the corrected name")
        self.wait(lambda: self.css('#sums .sums-count'), "the sums of what the search found")
        # The search looks among what the filters select: another type finds nothing.
        self.open("invoices?q=binh%20thanh&type=water")
        self.wait(lambda: self.css('#empty'), "no water invoice with that name")
        self.open("invoices?q=binh%20thanh&type=electricity")
        self.wait(lambda: self.css(f'table.invoices tr[data-invoice="{invoice}"]'), "the search within the electricity invoices")
        csv = browser.execute_async_script(
            "const done = arguments[0]; fetch(document.getElementById('export').getAttribute('href')).then(r => r.text()).then(done)")
        self.assertIn("CÔNG TY ĐIỆN LỰC GIA ĐỊNH CHI NHÁNH BÌNH THẠNH", csv)

    def test_6_reviewQueue_walksWithTheKeyboard_andShrinksOnConfirm(self):
        waiting = daemon.get("/api/invoices/list?needs_review=true&limit=100")["items"]
        self.assertGreaterEqual(len(waiting), 2, "the fixtures uploaded so far should leave two invoices to review")
        self.open("review")
        self.wait(lambda: self.text("#review-position") == f"1 / {len(waiting)}", "the queue's first invoice")
        first = self.css(".invoice")[0].get_attribute("data-invoice")
        lowest = min(waiting, key=lambda invoice: invoice["confidence_score"] if invoice["confidence_score"] is not None else -1)
        self.assertEqual(first, str(lowest["id"]), "the lowest score first")
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        self.wait(lambda: self.text("#review-position") == f"2 / {len(waiting)}", "J to go to the next")
        second = self.css(".invoice")[0].get_attribute("data-invoice")
        self.assertNotEqual(first, second)
        body.send_keys(Keys.ARROW_LEFT)
        self.wait(lambda: self.css(f'.invoice[data-invoice="{first}"]'), "← to go back")
        body.send_keys(Keys.ENTER)
        self.wait(lambda: self.text("#review-position") == f"1 / {len(waiting) - 1}", "Enter to confirm and show the next")
        self.assertNotEqual(self.css(".invoice")[0].get_attribute("data-invoice"), first)
        self.assertFalse(daemon.get(f"/api/invoices/{first}")["needs_review"])
        self.assertEqual(len(daemon.get("/api/invoices/list?needs_review=true&limit=100")["items"]), len(waiting) - 1)
        self.open()
        self.wait(lambda: self.text('[data-count="needs_review"] .card-value') == str(len(waiting) - 1), "the dashboard's review count")

    def test_7_chat_answersFromTheChatServer_linksTheCitedInvoice_andClears(self):
        invoice = WorkspaceTests.electricity
        FakeChat.reply = f"Hóa đơn #{invoice} là tiền điện: 1.851.768 đ. Không có #999999."
        self.open(f"invoice/{invoice}")
        self.wait(lambda: self.css('a[href="#/chat?invoice_id=' + invoice + '"]'), "the Ask link")[0].click()
        question = self.wait(lambda: self.css("#question"), "the question box")[0]
        question.send_keys("Hóa đơn này là gì?", Keys.ENTER)
        self.wait(lambda: self.css('.bubble.bot[data-answer="done"]'), "the answer")
        self.assertIn("Hóa đơn này là gì?", FakeChat.questions[-1], "the question reached the chat server")
        answer = self.css('.bubble.bot[data-answer="done"] .text')[0]
        self.assertIn("1.851.768 đ", answer.text)
        links = answer.find_elements(By.CSS_SELECTOR, "a[data-invoice]")
        self.assertEqual([a.get_attribute("data-invoice") for a in links], [invoice], "only the invoice the daemon vouches for is a link")
        self.shoot("chat")
        self.css("#clear-chat")[0].click()
        self.wait(lambda: (self.text("#chat-status") or "").startswith("Đã xóa lịch sử"), "the history cleared")
        self.assertEqual(len(self.css(".bubble")), 0)

    def test_8_everyPage_inBothLanguages_rendersWithoutAScriptError(self):
        browser.get_log("browser")  # what earlier tests left
        pages = {"": "dashboard", "upload": "upload", "invoices": "invoices", f"invoice/{WorkspaceTests.electricity}": "invoice",
                 "review": "review", "chat": "chat"}
        for language in ("vi", "en"):
            browser.execute_script("localStorage.setItem('invoiced.lang', arguments[0])", language)
            for path, name in pages.items():
                self.open(path)
                browser.refresh()
                self.wait(lambda: self.css("main h1"), f"the {name} page's title ({language})")
                self.assertEqual(browser.execute_script("return document.documentElement.lang"), language)
                if name == "dashboard":
                    self.wait(lambda: self.css('[data-count="done"]'), "the counts")
                if name == "invoices":
                    self.wait(lambda: self.css("table.invoices tbody tr"), "the invoice list")
                if name == "review":
                    self.wait(lambda: self.css("#review-position, #review-empty"), "the review queue")
                if language == "vi" and name not in ("upload", "chat"):  # those two are shot with their work done
                    self.shoot(name)
            self.assertEqual(self.console_errors(), [], f"script errors in {language}")
        browser.execute_script("localStorage.setItem('invoiced.lang', 'vi')")


class TokenLoginTests(unittest.TestCase):
    """A listener with http_token: the browser logs in once with the token and then uses the
    whole workspace (its API calls and its event stream) with the session cookie alone."""

    TOKEN = "browser-test-token-0123456789"

    @classmethod
    def setUpClass(cls):
        cls.daemon = Daemon(chat.base_url, {"INVOICED_HTTP_TOKEN": cls.TOKEN})

    @classmethod
    def tearDownClass(cls):
        browser.delete_all_cookies()
        browser.get_log("browser")  # its refused requests are not the next test's errors
        cls.daemon.stop()

    def wait(self, condition, what, seconds=20):
        try:
            return WebDriverWait(browser, seconds, poll_frequency=0.05,
                                 ignored_exceptions=[StaleElementReferenceException]).until(lambda _: condition())
        except TimeoutException:
            self.fail(f"timed out after {seconds} s waiting for {what}; at {browser.current_url}: {browser.page_source[:400]!r}")

    def test_thePage_asksForTheToken_thenWorksWithTheSessionCookie(self):
        base = self.daemon.base
        browser.get(f"{base}/#/invoices")
        self.wait(lambda: browser.current_url.startswith(f"{base}/login"), "the login page")
        field = browser.find_element(By.ID, "token")
        field.send_keys("not-the-token-at-all")
        field.submit()
        self.wait(lambda: browser.find_elements(By.ID, "token") and browser.current_url.startswith(f"{base}/login"), "the login page again")
        browser.find_element(By.ID, "token").send_keys(self.TOKEN, Keys.ENTER)
        self.wait(lambda: browser.find_elements(By.CSS_SELECTOR, '[data-count="done"] .card-value'), "the dashboard's counts")
        cookie = browser.get_cookie("invoiced_session")
        self.assertIsNotNone(cookie)
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")
        self.assertIsNone(browser.execute_script("return document.cookie.includes('invoiced_session') ? 'visible' : null"))
        # The event stream goes through with the cookie: a scan dropped in shows up live.
        self.wait(lambda: browser.find_elements(By.CSS_SELECTOR, '#live[data-connected="true"]'), "the live event stream")
        shutil.copy(os.path.join(INVOICES, "water-02.png"), os.path.join(self.daemon.inbox, "water-02.png"))
        self.wait(lambda: browser.find_element(By.CSS_SELECTOR, '[data-count="done"] .card-value').text == "1", "the scan done, live", 120)
        # A session that ends sends the next API call back to the login page.
        browser.delete_cookie("invoiced_session")
        browser.find_element(By.CSS_SELECTOR, '[data-nav="invoices"]').click()
        self.wait(lambda: browser.current_url.startswith(f"{base}/login"), "the login page after the session ended")


if __name__ == "__main__":
    unittest.main(verbosity=2)
