"""The LiteLLM stand-in: a LiteLLM-shaped HTTP server for tests (the real proxy needs PyPI, unreachable here).

It is a test double, not LiteLLM: it answers the smoke test's endpoints and nothing of a real gateway's work.
Responses follow shared/reference/litellm.md section 4. Two ways to run it:

  python3 fake_litellm.py --key K      the peer fixture's gateway: binds 127.0.0.1 on a free port, prints the port,
                                       and the first path segment picks a scenario:
    /ok/...          auth enforced, the configured models, healthy
    /open/...        no master key: /v1/models answers without auth
    /unready/...     readiness 503
    /wrongmodels/... /v1/models lists other models
    /slow/...        every endpoint 503 until --slow-seconds after the first /slow request

  litellm --config C --host H --port P the proxy's own command line, as the package hx-litellm-standin installs it
                                       (the role's pip task, from a wheelhouse): the master key from LITELLM_MASTER_KEY,
                                       the models from model_list[].model_name of the rendered config, no scenarios.
                                       Loopback addresses only.
Stdlib only.
"""
import argparse
import ipaddress
import json
import os
import re
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STANDIN_VERSION = "standin-0.1.0"


class Gateway(ThreadingHTTPServer):
    def __init__(self, address, key, models, version, scenarios, slow_seconds=0.0):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, Handler)
        self.key = key
        self.models = models
        self.version = version
        self.scenarios = scenarios
        self.slow_seconds = slow_seconds
        self.slow_since = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-litellm-version", self.server.version)
        self.end_headers()
        self.wfile.write(data)

    def route(self, method):
        gateway = self.server
        path = self.path.split("?")[0].strip("/")
        if gateway.scenarios:
            parts = path.split("/", 1)
            scenario, rest = parts[0], (parts[1] if len(parts) > 1 else "")
        else:
            scenario, rest = ("ok" if gateway.key else "open"), path
        if scenario == "slow":
            gateway.slow_since = gateway.slow_since or time.monotonic()
            if time.monotonic() - gateway.slow_since < gateway.slow_seconds:
                return self.send_json(503, {"detail": "Service Unhealthy (starting)"})
        authorized = scenario == "open" or self.headers.get("Authorization") == "Bearer " + gateway.key
        if rest in ("health/liveliness", "health/liveness") and method == "GET":
            return self.send_json(200, "I'm alive!")
        if rest == "health/readiness" and method == "GET":
            if scenario == "unready":
                return self.send_json(503, {"detail": "Service Unhealthy (database not connected)"})
            return self.send_json(200, {"status": "healthy", "db": "Not connected", "cache": None,
                                        "litellm_version": gateway.version, "success_callbacks": []})
        if not authorized:
            return self.send_json(401, {"error": {"message": "Authentication Error, No api key passed in.",
                                                  "type": "auth_error", "param": "None", "code": "401"}})
        models = ["other-model"] if scenario == "wrongmodels" else gateway.models
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
    """The peer fixture's gateway (scenarios, a free loopback port printed on stdout)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--models", nargs="*", default=["llama3-8b", "qwen2.5-coder", "mistral-7b"])
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    args = parser.parse_args()
    server = Gateway(("127.0.0.1", 0), args.key, args.models, "1.55.8", scenarios=True, slow_seconds=args.slow_seconds)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def config_model_names(text):
    """model_list[].model_name of a rendered LiteLLM config (the role's template writes one '- model_name: x' line each)."""
    return [m.strip("'\"") for m in re.findall(r"^\s*-\s*model_name:\s*(\S+)\s*$", text, re.M)]


def litellm_main():
    """The proxy's command line: litellm --config C --host H --port P."""
    parser = argparse.ArgumentParser(prog="litellm", description="hx-litellm-standin: a LiteLLM-shaped test double, not LiteLLM")
    parser.add_argument("--config", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4000)
    args = parser.parse_args()
    if not ipaddress.ip_address(args.host).is_loopback:
        parser.error("the stand-in serves loopback addresses only, not " + args.host)
    with open(args.config, encoding="utf-8") as config:
        models = config_model_names(config.read())
    server = Gateway((args.host, args.port), os.environ.get("LITELLM_MASTER_KEY", ""), models, STANDIN_VERSION, scenarios=False)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
