"""Headless Chromium for the browser tests, driven with the standard library only: the
DevTools protocol over ``--remote-debugging-pipe`` (Chromium reads commands from fd 3 and
writes replies and events to fd 4, each message JSON ending in a NUL byte).

``Browser.start()`` gives None when there is no Chromium; the tests then skip, unless
GOLOCHECK_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

# As this machine's notes say: headless, as root, and no background connections (the
# network is closed, and the tests must not depend on one).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--window-size=1280,900"]
TIMEOUT = 30  # seconds for one reply: generous, the machine is shared
STDERR = subprocess.DEVNULL  # a file object here shows what Chromium says when it fails to start


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _above_four(fd: int) -> int:
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Browser:
    """One Chromium process and one page in it."""

    def __init__(self, executable: str):
        self._profile = tempfile.mkdtemp(prefix="golocheck-chromium-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        # above 4, so that putting one on fd 3 or 4 cannot close the other
        commands_read, replies_write = (_above_four(fd) for fd in (commands_read, replies_write))
        # bash (not dash: it takes fds above 9) puts the two pipe ends on fds 3 and 4, where Chromium expects them
        script = f'exec "$@" 3<&{commands_read} 4>&{replies_write} {commands_read}<&- {replies_write}>&-'
        self.process = subprocess.Popen(
            [shutil.which("bash") or "/bin/bash", "-c", script, "bash", executable, *FLAGS, f"--user-data-dir={self._profile}",
             "--remote-debugging-pipe", "about:blank"],
            pass_fds=(commands_read, replies_write), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=STDERR)
        os.close(commands_read)
        os.close(replies_write)
        self._next_id = 0
        self._lock = threading.Condition()
        self._replies_by_id: dict[int, dict] = {}
        self.events: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = None
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    @classmethod
    def start(cls) -> "Browser | None":
        executable = chromium_path()
        return cls(executable) if executable else None

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._replies, "rb", buffering=0) as stream:
            while chunk := stream.read(1 << 16):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                with self._lock:
                    for raw in messages:
                        message = json.loads(raw)
                        if "id" in message:
                            self._replies_by_id[message["id"]] = message
                        else:
                            self.events.append(message)
                    self._lock.notify_all()

    def send(self, method: str, **params):
        """Send one command (to the page once attached); its result, or AssertionError."""
        with self._lock:
            self._next_id += 1
            number = self._next_id
        message = {"id": number, "method": method, "params": params}
        if self.session is not None and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        with self._lock:
            if not self._lock.wait_for(lambda: number in self._replies_by_id, timeout=TIMEOUT):
                raise AssertionError(f"Chromium did not answer {method} within {TIMEOUT} s")
            reply = self._replies_by_id.pop(number)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for_event(self, method: str, since: int) -> dict:
        with self._lock:
            found = self._lock.wait_for(lambda: any(e["method"] == method for e in self.events[since:]), timeout=TIMEOUT)
            if not found:
                raise AssertionError(f"no {method} within {TIMEOUT} s")
            return next(e for e in self.events[since:] if e["method"] == method)

    def open(self, path: Path) -> None:
        since = len(self.events)
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_for_event("Page.loadEventFired", since)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression!r} raised: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def wait_until(self, expression: str):
        """Polls a JavaScript expression until it is truthy (what a click starts, such as a
        hashchange handler, runs after the click returns); its last value."""
        import time

        deadline = time.monotonic() + TIMEOUT
        while not (value := self.evaluate(expression)) and time.monotonic() < deadline:
            time.sleep(0.02)
        return value

    def click(self, selector: str) -> None:
        """A real mouse click (pressed and released) in the middle of the element."""
        box = self.evaluate(
            f"(function () {{ var e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " var r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def type_text(self, selector: str, text: str) -> None:
        self.click(selector)
        self.send("Input.insertText", text=text)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def errors(self) -> list[dict]:
        """Uncaught exceptions, console.error calls and error log entries (a blocked load, a
        CSP violation) since the browser started."""
        with self._lock:
            return [e for e in self.events
                    if e["method"] == "Runtime.exceptionThrown"
                    or (e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "assert"))
                    or (e["method"] == "Log.entryAdded" and e["params"]["entry"].get("level") == "error")]

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        shutil.rmtree(self._profile, ignore_errors=True)


REQUIRE = "GOLOCHECK_REQUIRE_BROWSER"
# .ci/run installs Chromium in the background while golocheck and the suite run: it names a
# file here that holds the install's exit status once it has finished.
INSTALLED = "GOLOCHECK_BROWSER_INSTALLED"
INSTALL_WAIT_SECONDS = 900


def _wait_for_install() -> None:
    """Wait (at most INSTALL_WAIT_SECONDS) for an install of Chromium still under way."""
    import time

    status = os.environ.get(INSTALLED)
    deadline = time.monotonic() + INSTALL_WAIT_SECONDS
    while status and not os.path.exists(status) and time.monotonic() < deadline:
        time.sleep(1)


def require_browser() -> Browser:
    """A started browser; without Chromium the test is skipped, or fails when the
    environment says a browser is required (CI sets GOLOCHECK_REQUIRE_BROWSER=1)."""
    import pytest

    _wait_for_install()
    if chromium_path() is None:
        reason = "no Chromium on this machine (apt-get install chromium); the browser tests did not run"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{REQUIRE}=1 but {reason}")
        pytest.skip(reason)
    return Browser(chromium_path())
