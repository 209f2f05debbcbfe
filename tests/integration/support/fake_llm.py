"""A local LLM service for the integration suites.

Speaks the OpenAI Chat Completions protocol (POST /v1/chat/completions) and the Anthropic
Messages protocol (POST /v1/messages) with scripted answers, and records every request so a test
can assert on counts, headers and bodies. Only the standard library; binds 127.0.0.1 on a free
port. Run it by hand with `python3 fake_llm.py` to point a codegate at it.
"""

import json
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verdict_json(verdict="consistent", confidence=0.9, issues=()):
    """The answer the intent prompt asks for, as text."""
    return json.dumps({"verdict": verdict, "confidence": confidence,
                       "issues": [{"line": line, "explanation": text} for line, text in issues]})


MIB = 1 << 20


def gzip_bomb(inflated_mib):
    """A gzip stream that inflates to `inflated_mib` MiB of zero bytes, as (length, chunks): one
    compressed MiB after a full flush is the same bytes every time, so the stream costs 1 KiB of
    compression and is sent block by block (the CRC is computed only if a client reads that far)."""
    zeros = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate; the gzip framing is ours
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"

    def chunks():
        yield header + first
        crc = zlib.crc32(zeros)
        for _ in range(inflated_mib - 1):
            yield block
            crc = zlib.crc32(zeros, crc)
        yield end + struct.pack("<II", crc, (inflated_mib * MIB) & 0xFFFFFFFF)

    length = len(header) + len(first) + (inflated_mib - 1) * len(block) + len(end) + 8
    return length, chunks


class Reply:
    """One scripted answer. `match`: only for requests whose body contains this text.
    `repeat`: stays in the script instead of being used up."""

    def __init__(self, kind, match=None, repeat=False, **fields):
        self.kind = kind
        self.match = match
        self.repeat = repeat
        self.fields = fields

    @classmethod
    def text(cls, text, **options):
        """A normal 200 answer whose model output is `text`."""
        return cls("text", text=text, **options)

    @classmethod
    def verdict(cls, verdict="consistent", confidence=0.9, issues=(), fence=False, **options):
        """A 200 answer holding the verdict JSON, optionally in a Markdown code fence with prose."""
        body = verdict_json(verdict, confidence, issues)
        if fence:
            body = "Here is my assessment.\n```json\n" + body + "\n```\nLet me know if you need more."
        return cls("text", text=body, **options)

    @classmethod
    def status(cls, status, body=None, headers=None, **options):
        """An error status with a provider-style JSON error body."""
        if body is None:
            body = json.dumps({"error": {"message": "scripted %d" % status, "type": "scripted"}})
        return cls("status", status=status, body=body, headers=headers or {}, **options)

    @classmethod
    def hang(cls, seconds=30, **options):
        """Accepts the request and answers nothing for `seconds` (or until the server stops)."""
        return cls("hang", seconds=seconds, **options)

    @classmethod
    def raw(cls, body, **options):
        """A 200 whose body is `body` as given (the protocol's envelope is not added)."""
        return cls("raw", body=body, **options)

    @classmethod
    def gzip_bomb(cls, inflated_mib=1024, **options):
        """A 200 with Content-Encoding: gzip whose ~1 MiB body inflates to `inflated_mib` MiB."""
        return cls("gzip_bomb", inflated_mib=inflated_mib, **options)

    @classmethod
    def large(cls, size, **options):
        """A 200 whose plain body is `size` bytes of spaces (valid JSON whitespace, no value)."""
        return cls("large", size=size, **options)

    @classmethod
    def truncated(cls, **options):
        """A 200 whose Content-Length promises more than is sent before the connection closes."""
        return cls("truncated", **options)


class Request:
    """A request as the server saw it."""

    def __init__(self, path, headers, body):
        self.path = path
        self.headers = headers  # lowercased names
        self.raw = body
        try:
            self.json = json.loads(body.decode("utf-8"))
        except ValueError:
            self.json = None

    @property
    def text(self):
        """Every message content in the request, joined: what the model would read."""
        if not isinstance(self.json, dict):
            return ""
        parts = [self.json.get("system") or ""]
        for message in self.json.get("messages", []):
            content = message.get("content")
            parts.append(content if isinstance(content, str) else json.dumps(content))
        return "\n".join(parts)


class FakeLlm:
    """The server. `api_key`: when set, requests must carry it (Bearer, api-key or x-api-key)."""

    def __init__(self, api_key=None, model="fake-model"):
        self.api_key = api_key
        self.model = model
        self.default = Reply.verdict("consistent", 0.9)
        self.requests = []
        self._script = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = None
        self._thread = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self):
        owner = self

        class Handler(_Handler):
            fake = owner

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stopping.set()
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self):
        return self._server.server_address[1]

    @property
    def openai_base_url(self):
        return "http://127.0.0.1:%d/v1" % self.port

    @property
    def anthropic_base_url(self):
        return "http://127.0.0.1:%d" % self.port

    # -- script and records ----------------------------------------------------------------------

    def push(self, *replies):
        """Adds replies to the script; each request takes the first one that matches it."""
        with self._lock:
            self._script.extend(replies)

    def count(self, path=None):
        with self._lock:
            return sum(1 for r in self.requests if path is None or r.path == path)

    def reset_counts(self):
        with self._lock:
            self.requests = []

    def _take(self, request):
        with self._lock:
            self.requests.append(request)
            text = request.text
            for i, reply in enumerate(self._script):
                if reply.match is None or reply.match in text:
                    if not reply.repeat:
                        del self._script[i]
                    return reply
            return self.default


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake = None  # set by FakeLlm.start

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = Request(self.path.split("?")[0], headers, body)
        if request.path not in ("/v1/chat/completions", "/v1/messages"):
            with self.fake._lock:
                self.fake.requests.append(request)
            return self._send(404, {"error": {"message": "no route " + request.path}})
        anthropic = request.path == "/v1/messages"
        if self.fake.api_key is not None:
            if anthropic:
                given = headers.get("x-api-key")
            else:
                given = headers.get("api-key") or (headers.get("authorization") or "").replace("Bearer ", "", 1)
            if given != self.fake.api_key:
                with self.fake._lock:
                    self.fake.requests.append(request)
                # Real services echo (part of) the key they got; codegate must redact it.
                return self._send(401, {"type": "error", "error": {
                    "type": "authentication_error" if anthropic else "invalid_request_error",
                    "message": "Incorrect API key provided: %s" % given}})
        if anthropic and not headers.get("anthropic-version"):
            return self._send(400, {"type": "error", "error": {"message": "anthropic-version header is required"}})

        reply = self.fake._take(request)
        if reply.kind == "status":
            return self._send(reply.fields["status"], reply.fields["body"], reply.fields["headers"])
        if reply.kind == "raw":
            return self._send(200, reply.fields["body"])
        if reply.kind == "gzip_bomb":
            length, chunks = gzip_bomb(reply.fields["inflated_mib"])
            return self._stream(length, chunks(), {"Content-Encoding": "gzip"})
        if reply.kind == "large":
            size = reply.fields["size"]
            return self._stream(size, (b" " * min(MIB, size - sent) for sent in range(0, size, MIB)))
        if reply.kind == "hang":
            self.fake._stopping.wait(reply.fields["seconds"])
            self.close_connection = True
            return None
        answer = reply.fields.get("text", "")
        model = (request.json or {}).get("model") or self.fake.model
        prompt_tokens = max(1, len(request.text) // 4)
        if anthropic:
            payload = {"id": "msg_fake", "type": "message", "role": "assistant", "model": model,
                       "content": [{"type": "text", "text": answer}], "stop_reason": "end_turn",
                       "usage": {"input_tokens": prompt_tokens, "output_tokens": max(1, len(answer) // 4)}}
        else:
            payload = {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                       "model": model,
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": answer},
                                    "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": max(1, len(answer) // 4),
                                 "total_tokens": prompt_tokens + max(1, len(answer) // 4)}}
        if reply.kind == "truncated":
            data = json.dumps(payload).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data) + 500))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        return self._send(200, payload)

    def _stream(self, length, chunks, headers=None):
        """A 200 of `length` bytes written chunk by chunk, so a large body never sits in memory;
        a client that hangs up early ends it."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(length))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True
        return None

    def _send(self, status, payload, headers=None):
        data = payload.encode("utf-8") if isinstance(payload, str) else json.dumps(payload).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return None


if __name__ == "__main__":
    with FakeLlm() as server:
        print("OpenAI base_url:    %s" % server.openai_base_url)
        print("Anthropic base_url: %s" % server.anthropic_base_url)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
