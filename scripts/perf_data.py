#!/usr/bin/env python3
"""Seed files (`chanedit emulator --data FILE`) for the performance runs of scripts/perf.sh.

  perf_data.py channel N          one gateway, one channel of N ip members (id PERF_CHANNEL)
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


def main(argv):
    if len(argv) == 2 and argv[0] == "channel":
        ch = channel("perf_" + argv[1], int(argv[1]), "10.20.0.1")
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
