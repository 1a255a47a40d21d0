#!/usr/bin/env python3
"""What `chanedit show ID --json` asks, done with the official Huawei Cloud Python SDK: the
channel detail and its first member page, printed as JSON. For the side-by-side start-up
figure of scripts/perf.sh.

Usage: sdk_show.py ENDPOINT PROJECT_ID INSTANCE_ID CHANNEL_ID (AK/SK from
HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK).
"""

import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkapig.v2 import (
    ApigClient,
    ListBackendInstancesV2Request,
    ShowDetailsOfVpcChannelV2Request,
)


def main(endpoint, project, instance, channel):
    creds = BasicCredentials(os.environ["HUAWEICLOUD_SDK_AK"], os.environ["HUAWEICLOUD_SDK_SK"], project)
    c = ApigClient.new_builder().with_credentials(creds).with_endpoint(endpoint).build()
    detail = c.show_details_of_vpc_channel_v2(
        ShowDetailsOfVpcChannelV2Request(instance_id=instance, vpc_channel_id=channel))
    members = c.list_backend_instances_v2(
        ListBackendInstancesV2Request(instance_id=instance, vpc_channel_id=channel, offset=0, limit=500))
    print(json.dumps({"detail": detail.to_dict(), "members": members.to_dict()}, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:5])
