"""Browser tests: a real `samen serve` on its own database, loaded with `samen demo --year
2018` (the demo region and the annual report's year as records),
driven by Playwright in Debian's Chromium. Axe runs on every page visited."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import LOOPBACK_PRODUCTION, free_port, wait_until_serving

VENDOR = Path(__file__).parent / "vendor"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "samen-demo"

pytestmark = pytest.mark.e2e


def _postgres_database(url: str, name: str, create: bool) -> str:
    import psycopg

    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return parsed._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e-server")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMEN_")}
    from cryptography.fernet import Fernet

    # Production settings over plain HTTP on loopback: the pages users really get.
    env |= {
        "SAMEN_VAR_DIR": str(folder),
        **LOOPBACK_PRODUCTION,
        "SAMEN_SECRET_KEY": secrets.token_urlsafe(50),
        "SAMEN_FIELD_KEYS": Fernet.generate_key().decode(),
        "SAMEN_HASH_KEY": secrets.token_hex(32),
        "SAMEN_AUDIT_KEY": secrets.token_hex(32),
    }
    pg_name = None
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pg_name = f"samen_e2e_{os.getpid()}"
        env["DATABASE_URL"] = _postgres_database(os.environ["DATABASE_URL"], pg_name, True)
    samen = [sys.executable, "-m", "samen.cli"]
    subprocess.run([*samen, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run(
        [*samen, "demo", "--quiet", "--year", "2018"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [*samen, "serve", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, folder / "server.log")
    except BaseException:
        process.terminate()
        raise
    yield {"url": base, "env": env, "log": folder / "server.log"}
    process.terminate()
    process.wait(timeout=10)
    if pg_name:
        _postgres_database(os.environ["DATABASE_URL"], pg_name, False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_last_step: dict[str, int] = {}


def fresh_code(username: str) -> str:
    """The demo authenticator's code for a time step this user has not used yet: a code is
    accepted once, one step early or late at most (waits when all three are used)."""
    from samen.registry.demo import demo_totp_code

    while True:
        now = int(time.time()) // 30
        # Not the step just ending: the server must still accept it when it arrives.
        step = max(now, _last_step.get(username, now - 1) + 1)
        if step <= now + 1:
            _last_step[username] = step
            return demo_totp_code(step * 30 + 1)
        time.sleep(0.5)


class Visit:
    """A browser tab that checks every page it lands on: axe finds no serious or critical
    violation, and the content security policy blocks nothing of ours."""

    def __init__(self, browser, server):
        self.server = server
        self.context = browser.new_context(locale="nl-BE", viewport={"width": 1024, "height": 768})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        self.csp_errors: list[str] = []
        self.page.on("console", self._console)
        self.axe_source = (VENDOR / "axe.min.js").read_text()
        self.checked: list[str] = []

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def goto(self, path: str):
        return self.page.goto(self.server["url"] + path)

    def check(self, name: str) -> None:
        """Axe on the page as it stands, and a screenshot as a test artefact."""
        page = self.page
        page.wait_for_load_state("networkidle")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)  # through the devtools protocol: not inline script
        result = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
        )
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe on {name} ({page.url}): {serious}"
        assert not self.csp_errors, f"CSP blocked something on {name}: {self.csp_errors}"
        self.checked.append(name)

    def login(self, username: str) -> None:
        """Password, then — for users with a role — the demo authenticator's code."""
        self.goto("/aanmelden/")
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Aanmelden").click()
        self.page.wait_for_load_state()
        if "/aanmelden/tweede-stap/" in self.page.url:
            self.page.get_by_label("Code").fill(fresh_code(username))
            self.page.get_by_role("button", name="Bevestigen").click()
        self.page.wait_for_url(self.server["url"] + "/")

    def logout(self) -> None:
        self.page.get_by_role("button", name="Afmelden").click()
        self.page.wait_for_url("**/aanmelden/")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    tab = Visit(browser, server)
    yield tab
    tab.close()
