"""A LiteLLM-shaped HTTP server for tests (the real proxy needs PyPI, unreachable here).

Responses follow shared/reference/litellm.md section 4. The first path segment picks a scenario:
  /ok/...          auth enforced, the configured models, healthy
  /open/...        no master key: /v1/models answers without auth
  /unready/...     readiness 503
  /wrongmodels/... /v1/models lists other models
  /slow/...        every endpoint 503 until --slow-seconds after the first /slow request
Binds 127.0.0.1 only and prints the port on stdout.
"""
import argparse
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
slow_since = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-litellm-version", "1.55.8")
        self.end_headers()
        self.wfile.write(data)

    def route(self, method):
        parts = self.path.split("?")[0].strip("/").split("/", 1)
        scenario, rest = parts[0], (parts[1] if len(parts) > 1 else "")
        global slow_since
        if scenario == "slow":
            slow_since = slow_since or time.monotonic()
        if scenario == "slow" and time.monotonic() - slow_since < args.slow_seconds:
            return self.send_json(503, {"detail": "Service Unhealthy (starting)"})
        authorized = self.headers.get("Authorization") == "Bearer " + args.key or scenario == "open"
        if rest in ("health/liveliness", "health/liveness") and method == "GET":
            return self.send_json(200, "I'm alive!")
        if rest == "health/readiness" and method == "GET":
            if scenario == "unready":
                return self.send_json(503, {"detail": "Service Unhealthy (database not connected)"})
            return self.send_json(200, {"status": "healthy", "db": "Not connected", "cache": None,
                                        "litellm_version": "1.55.8", "success_callbacks": []})
        if not authorized:
            return self.send_json(401, {"error": {"message": "Authentication Error, No api key passed in.",
                                                  "type": "auth_error", "param": "None", "code": "401"}})
        models = ["other-model"] if scenario == "wrongmodels" else args.models
        if rest in ("v1/models", "models") and method == "GET":
            return self.send_json(200, {"data": [{"id": m, "object": "model", "created": 1677610602, "owned_by": "openai"}
                                                 for m in models], "object": "list"})
        if rest in ("v1/chat/completions", "chat/completions") and method == "POST":
            length = int(self.headers.get("Content-Length", "0"))
            request = json.loads(self.rfile.read(length) or b"{}")
            if request.get("model") not in models:
                return self.send_json(400, {"error": {"message": "/chat/completions: Invalid model name passed in model=%s." % request.get("model"),
                                                      "type": "invalid_request_error", "param": "model", "code": "400"}})
            return self.send_json(200, {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": request["model"],
                                        "choices": [{"index": 0, "message": {"role": "assistant", "content": "OK"}, "finish_reason": "stop"}],
                                        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}})
        return self.send_json(404, {"detail": "Not Found"})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--models", nargs="*", default=["llama3-8b", "qwen2.5-coder", "mistral-7b"])
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
