#!/usr/bin/env python3
"""Seed files (`chanedit emulator --data FILE`) for the performance runs of scripts/perf.sh.

  perf_data.py channel N          one gateway, one channel of N ip members (id PERF_CHANNEL)
  perf_data.py channel N health   the same, every member reporting its health (3 in 4
                                  NORMAL, the rest ABNORMAL), as a real gateway's members do
  perf_data.py fleet G C M EVERY  G gateways of C channels of M members each; the backend
                                  10.255.0.1 (port 8080) is a member of every EVERY-th channel

Deterministic: the same arguments give the same file. Written to stdout.
"""

import json
import sys

PERF_CHANNEL = "0f0e0d0c0b0a49888776655443322110"
BACKEND = "10.255.0.1"
HEALTH = {
    "protocol": "tcp", "port": 0, "threshold_normal": 2, "threshold_abnormal": 5,
    "time_interval": 30, "timeout": 5, "status": 1,
}


def channel(name, count, first_host, extra=()):
    return {
        "name": name, "port": 8080, "balance_strategy": 1, "member_type": "ip",
        "member_groups": [{"member_group_name": "rack_a"}, {"member_group_name": "rack_b"}],
        "members": [{"host": h, "weight": 1, "member_group_name": "rack_a"} for h in extra],
        "generate_members": {"count": count, "first_host": first_host, "port": 0,
                             "weight": 1, "groups": ["rack_a", "rack_b"]},
        "vpc_health_config": HEALTH,
    }


def with_health(ch):
    """The generated members written out, each with a health status."""
    spec = ch.pop("generate_members")
    first = [int(p) for p in spec["first_host"].split(".")]
    start = (first[0] << 24) | (first[1] << 16) | (first[2] << 8) | first[3]
    for i in range(spec["count"]):
        n = start + i
        ch["members"].append({
            "host": f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}",
            "weight": spec["weight"],
            "member_group_name": spec["groups"][i % len(spec["groups"])],
            "health_status": "ABNORMAL" if i % 4 == 3 else "NORMAL",
        })
    return ch


def main(argv):
    if len(argv) in (2, 3) and argv[0] == "channel" and argv[2:] in ([], ["health"]):
        ch = channel("perf_" + argv[1], int(argv[1]), "10.20.0.1")
        if argv[2:]:
            ch = with_health(ch)
        ch["id"] = PERF_CHANNEL
        seed = {"channels": [ch]}
    elif len(argv) == 5 and argv[0] == "fleet":
        gateways, channels, members, every = (int(a) for a in argv[1:])
        seed = {"gateways": []}
        for g in range(gateways):
            chans = []
            for c in range(channels):
                has = [BACKEND] if c % every == 0 else []
                chans.append(channel(f"svc_{g:02}_{c:03}", members - len(has),
                                     f"10.{g}.{c % 256}.1", has))
            seed["gateways"].append({
                "id": f"{g:028x}f1ee",
                "instance_name": f"gw-{g:02}",
                "channels": chans,
            })
    else:
        sys.exit(__doc__)
    json.dump(seed, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
