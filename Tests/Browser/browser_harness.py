"""What the browser tests run against: the real debug daemon on a temp inbox and data folder
(HTTP on a free loopback port), a fake OpenAI-compatible chat server, and headless Chromium
(Debian's chromium and chromium-driver) through Selenium. Used by workspace_test.py."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeChat:
    """An OpenAI-compatible chat server on 127.0.0.1 that answers `reply` to every question
    (a plain JSON completion, which the daemon streams to the page as one piece)."""

    reply = "…"
    questions = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            FakeChat.questions.append(json.dumps(body["messages"], ensure_ascii=False))
            answer = json.dumps({
                "id": "fake-1", "object": "chat.completion", "model": "fake-model",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": FakeChat.reply}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *arguments):
            pass

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat.Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join()


class Daemon:
    """The debug daemon on a temp inbox and data folder, HTTP on a free loopback port."""

    def __init__(self, chat_url, extra_env=None):
        self.binary = os.environ.get("INVOICED_BINARY", os.path.join(ROOT, ".build", "debug", "invoiced"))
        if not os.access(self.binary, os.X_OK):
            sys.exit(f"no daemon at {self.binary}: run swift build first")
        self.work = tempfile.mkdtemp(prefix="invoiced-browser-")
        self.inbox = os.path.join(self.work, "inbox")
        os.makedirs(self.inbox)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.work, "daemon.log"), "w")
        env = {**(extra_env or {}), "PATH": os.environ["PATH"], "HOME": self.work, "LANG": "C.UTF-8", "OMP_THREAD_LIMIT": "1",
               "INVOICED_INBOX_SETTLE_MS": "200",
               # Every invoice read goes to the review queue (a score is under 1), so the queue
               # has invoices to walk whatever the scores of the fixtures are.
               "INVOICED_EXTRACTION_REVIEW_BELOW": "1",
               "INVOICED_CHAT_BASE_URL": chat_url, "GROQ_API_KEY": "test-key"}
        self.process = subprocess.Popen(
            [self.binary, "--inbox", self.inbox, "--data-dir", os.path.join(self.work, "data"),
             "--http", f"127.0.0.1:{self.port}", "--workers", "1"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: self.healthy(), 60, "the daemon to answer /healthz")

    def healthy(self):
        if self.process.poll() is not None:
            raise AssertionError(f"the daemon exited ({self.process.returncode}); log in {self.log.name}")
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return json.load(response)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)


def wait_until(condition, seconds, what):
    """Polls `condition` until it is truthy, failing after `seconds` with `what`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.05)


def start_browser():
    """Headless Chromium showing pages at 1280 x 800, its console kept for the tests to read."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # --no-sandbox: the tests run as root in CI, where Chromium's sandbox cannot start.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                     "--disable-gpu", "--no-first-run", "--disable-extensions", "--lang=vi-VN"):
        options.add_argument(argument)
    # A Vietnamese browser, as the office's are (headless Chromium on Linux still draws date
    # inputs as mm/dd/yyyy).
    options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    # The page itself 1280 x 800 (the window's size would include no toolbar in headless
    # mode, but the viewport is what the screenshots show).
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    return browser
