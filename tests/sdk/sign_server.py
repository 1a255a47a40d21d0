"""A small APIG stand-in that checks every request with the official SDK's own signer.

Usage: sign_server.py PROJECT_ID INSTANCE_ID AK SK MEMBERS

Serves one server channel with MEMBERS ip members (paged like the real service), accepts a
PUT of the whole channel, and answers 401 APIG.1002 to any request whose Authorization is not
what huaweicloudsdkcore's Signer computes for the same method, path, query, signed headers and
body. Prints `listening PORT` once ready. Nothing here comes from chanedit.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

PROJECT, INSTANCE, AK, SK, MEMBERS = sys.argv[1:6]
CHANNEL_ID = "18174f5f4f1a4dc29f33aeadd9788e5f"
BASE = "/v2/%s/apigw/instances/%s/vpc-channels" % (PROJECT, INSTANCE)
LOCK = threading.Lock()

STATE = {
    "channel": {
        "id": CHANNEL_ID, "name": "VPC_demo", "port": 22, "balance_strategy": 2,
        "member_type": "ip", "type": 2, "vpc_channel_type": "builtin", "dict_code": "",
        "create_time": "2020-07-23T07:11:57Z", "status": 1,
        "member_groups": [{"member_group_id": "c1ce135c705c4066853a0460b318fe16",
                           "member_group_name": "test", "member_group_weight": 1,
                           "member_group_remark": "remark",
                           "create_time": "2020-07-23T07:11:57Z",
                           "update_time": "2020-07-23T07:11:57Z"}],
        "vpc_health_config": {"protocol": "http", "path": "/vpc/demo", "method": "GET",
                              "port": 22, "threshold_normal": 2, "threshold_abnormal": 5,
                              "time_interval": 10, "timeout": 5, "http_code": "200",
                              "enable_client_ssl": False, "status": 1,
                              "id": "3c1d", "vpc_channel_id": CHANNEL_ID,
                              "create_time": "2020-07-23T07:11:57Z"},
    },
    "members": [],
    "puts": 0,
}


def member(i, host, weight, group, port):
    return {"id": "%032x" % (i + 1), "host": host, "ecs_id": host, "ecs_name": host,
            "weight": weight, "is_backup": False, "member_group_name": group,
            "member_group_id": "c1ce135c705c4066853a0460b318fe16" if group else "",
            "status": 1, "port": port, "vpc_channel_id": CHANNEL_ID,
            "create_time": "2020-07-23T07:11:57Z"}


for i in range(int(MEMBERS)):
    STATE["members"].append(member(i, "10.%d.%d.%d" % (i // 65536, (i // 256) % 256, i % 256),
                                   1, "test", 22))


def signature_ok(handler, body):
    auth = handler.headers.get("Authorization", "")
    if not auth.startswith("SDK-HMAC-SHA256 "):
        return False
    parts = dict(p.strip().split("=", 1) for p in auth[len("SDK-HMAC-SHA256 "):].split(","))
    if parts.get("Access") != AK:
        return False
    signed = parts.get("SignedHeaders", "").split(";")
    headers = {}
    for name in signed:
        value = handler.headers.get(name)
        if value is None:
            return False
        headers[name] = value
    url = urlsplit(handler.path)
    req = SdkRequest(method=handler.command, schema="http", host=handler.headers.get("Host"),
                     resource_path=url.path,
                     query_params=parse_qsl(url.query, keep_blank_values=True),
                     header_params=headers, body=body)
    Signer(BasicCredentials(AK, SK, PROJECT)).sign(req)
    return req.header_params["Authorization"] == auth


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Request-Id", "0123456789abcdef0123456789abcdef")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/state":  # for the test's own look, outside the API
            with LOCK:
                return self.answer(200, STATE)
        if not signature_ok(self, body):
            return self.answer(401, {"error_code": "APIG.1002",
                                     "error_msg": "Incorrect token or token resolution failed"})
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query))
        path = url.path.rstrip("/")
        with LOCK:
            if path == "%s/%s" % (BASE, CHANNEL_ID) and self.command == "GET":
                detail = dict(STATE["channel"])
                detail["members"] = STATE["members"][:20]  # the embedded copy is not the truth
                return self.answer(200, detail)
            if path == "%s/%s/members" % (BASE, CHANNEL_ID) and self.command == "GET":
                offset = max(int(query.get("offset", 0)), 0)
                limit = int(query.get("limit", 20))
                limit = 20 if limit <= 0 else min(limit, 500)
                page = STATE["members"][offset:offset + limit]
                return self.answer(200, {"size": len(page), "total": len(STATE["members"]),
                                         "members": page})
            if path == "%s/%s" % (BASE, CHANNEL_ID) and self.command == "PUT":
                sent = json.loads(body)
                STATE["puts"] += 1
                ch = STATE["channel"]
                for k in ("name", "port", "balance_strategy"):
                    ch[k] = sent[k]
                hc = dict(ch["vpc_health_config"])
                hc.update(sent.get("vpc_health_config") or {})
                hc["protocol"] = hc["protocol"].lower()
                ch["vpc_health_config"] = hc
                STATE["members"] = [member(i, m["host"], m.get("weight", 0),
                                           m.get("member_group_name", ""),
                                           m.get("port") or ch["port"])
                                    for i, m in enumerate(sent["members"])]
                out = {k: v for k, v in ch.items() if k != "vpc_health_config"}
                return self.answer(200, out)
        return self.answer(404, {"error_code": "APIG.3023",
                                 "error_msg": "The VPC channel does not exist,id:" + path})

    do_GET = do_PUT = do_POST = do_DELETE = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("listening %d" % server.server_address[1], flush=True)
server.serve_forever()
