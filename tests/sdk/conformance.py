"""Conformance check: the official Huawei Cloud APIG SDK, unchanged, against `chanedit emulator`.

Usage: conformance.py ENDPOINT PROJECT_ID INSTANCE_ID AK SK FIXTURES_DIR

Every call goes through the SDK's own client (AK/SK signing included) and every answer is
parsed by the SDK's own models. All seventeen channel, member, group and health-check
operations of the SDK are exercised, plus the documented error answers. Prints one line per check; exits 1 on the first failure.
"""

import json
import os
import re
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkapig.v2 import ApigClient
import huaweicloudsdkapig.v2.model as models
from huaweicloudsdkapig.v2 import (
    AddingBackendInstancesV2Request,
    BatchDisableMembersRequest,
    BatchEnableMembersRequest,
    CreateMemberGroupRequest,
    CreateMemberGroupResponse,
    DeleteBackendInstanceV2Request,
    DeleteMemberGroupRequest,
    ShowDetailsOfMemberGroupRequest,
    ShowDetailsOfMemberGroupResponse,
    UpdateBackendInstancesV2Request,
    UpdateBackendInstancesV2Response,
    UpdateHealthCheckRequest,
    UpdateHealthCheckResponse,
    UpdateMemberGroupRequest,
    UpdateMemberGroupResponse,
    AddingBackendInstancesV2Response,
    CreateVpcChannelV2Request,
    CreateVpcChannelV2Response,
    DeleteVpcChannelV2Request,
    ListBackendInstancesV2Request,
    ListBackendInstancesV2Response,
    ListMemberGroupsRequest,
    ListMemberGroupsResponse,
    ListVpcChannelsV2Request,
    ListVpcChannelsV2Response,
    ShowDetailsOfVpcChannelV2Request,
    ShowDetailsOfVpcChannelV2Response,
    UpdateVpcChannelV2Request,
    UpdateVpcChannelV2Response,
)

ENDPOINT, PROJECT, INSTANCE, AK, SK, FIXTURES = sys.argv[1:7]
HEX32 = re.compile(r"^[0-9a-f]{32}$")


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def ok(msg):
    print("ok   " + msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def client(sk):
    creds = BasicCredentials(AK, sk, PROJECT)
    return ApigClient.new_builder().with_credentials(creds).with_endpoint(ENDPOINT).build()


def to_model(klass_name, data):
    """A JSON value as the SDK's request model (nested models included)."""
    if data is None:
        return None
    m = re.match(r"list\[(.*)\]", klass_name)
    if m:
        return [to_model(m.group(1), d) for d in data]
    klass = getattr(models, klass_name, None)
    if klass is None or not hasattr(klass, "openapi_types"):
        return data
    kwargs = {}
    for attr, typ in klass.openapi_types.items():
        key = klass.attribute_map[attr]
        if key in data:
            kwargs[attr] = to_model(typ, data[key])
    return klass(**kwargs)


def expect_error(call, status, code, what):
    try:
        call()
    except exceptions.ClientRequestException as e:
        check(e.status_code == status, f"{what}: status {e.status_code}, wanted {status}")
        check(e.error_code == code, f"{what}: error_code {e.error_code}, wanted {code}")
        check(HEX32.match(e.request_id or ""), f"{what}: X-Request-Id {e.request_id!r}")
        ok(f"{what}: {status} {code} ({e.error_msg})")
        return e
    fail(f"{what}: no error")


def main():
    c = client(SK)

    # List and show.
    r = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=INSTANCE, limit=500))
    check(isinstance(r, ListVpcChannelsV2Response), "list: response type")
    check(r.status_code == 200, f"list: status {r.status_code}")
    check(r.total == len(r.vpc_channels) == r.size and r.total > 0, "list: size/total")
    check(all(isinstance(ch, models.VpcChannelInfo) for ch in r.vpc_channels), "list: item type")
    server = next((ch for ch in r.vpc_channels if ch.vpc_channel_type == "builtin" and ch.member_type == "ip"), None)
    check(server is not None, "list: a server channel with ip members")
    ok(f"list: {r.total} channels")

    page = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=INSTANCE, offset=1, limit=2))
    check(page.size == 2 and page.total == r.total, "list: paging")
    check([x.id for x in page.vpc_channels] == [x.id for x in r.vpc_channels[1:3]], "list: page content")
    ok("list: offset/limit paging")

    d = c.show_details_of_vpc_channel_v2(
        ShowDetailsOfVpcChannelV2Request(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(isinstance(d, ShowDetailsOfVpcChannelV2Response), "show: response type")
    check(d.id == server.id and d.name == server.name, "show: same channel")
    check(len(d.members) > 0 and all(isinstance(m, models.VpcMemberInfo) for m in d.members), "show: members")
    check(all(HEX32.match(m.id) for m in d.members), "show: member ids")
    ok(f"show: {d.name} with {len(d.members)} members")

    # Update with the API page's example request, then read it back.
    with open(os.path.join(FIXTURES, "request-server.json")) as f:
        example = json.load(f)
    u = c.update_vpc_channel_v2(UpdateVpcChannelV2Request(
        instance_id=INSTANCE, vpc_channel_id=server.id, body=to_model("VpcCreate", example)))
    check(isinstance(u, UpdateVpcChannelV2Response) and u.status_code == 200, "update: response")
    check(u.name == "VPC_demo" and u.port == 22 and u.balance_strategy == 2, "update: echoed fields")
    check(sorted(g.member_group_name for g in u.member_groups) == ["default", "test"], "update: groups")
    ok("update: the API page's example request")

    d = c.show_details_of_vpc_channel_v2(
        ShowDetailsOfVpcChannelV2Request(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(d.name == "VPC_demo" and d.port == 22, "read back: name and port")
    got = sorted((m.host, m.weight, m.member_group_name, m.port) for m in d.members)
    check(got == [("192.168.0.5", 1, "test", 22), ("192.168.1.124", 2, "default", 22)], f"read back: members {got}")
    h = d.vpc_health_config
    check(h.protocol == "http" and h.path == "/vpc/demo" and h.http_code == "200", "read back: health check")
    check((h.threshold_normal, h.threshold_abnormal, h.time_interval, h.timeout) == (2, 5, 10, 5), "read back: thresholds")
    ok("read back: members, groups and health check as sent")

    # Member groups.
    g = c.list_member_groups(ListMemberGroupsRequest(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(isinstance(g, ListMemberGroupsResponse) and g.total == 2, "groups: list")
    check(all(isinstance(x, models.MemberGroupInfo) and HEX32.match(x.member_group_id) for x in g.member_groups), "groups: items")
    ok("member groups: " + ", ".join(x.member_group_name for x in g.member_groups))

    # Additive POST of one member.
    body = to_model("VpcMemberCreate", {"members": [{"host": "192.168.2.10", "weight": 3, "member_group_name": "test"}]})
    a = c.adding_backend_instances_v2(AddingBackendInstancesV2Request(
        instance_id=INSTANCE, vpc_channel_id=server.id, body=body))
    check(isinstance(a, AddingBackendInstancesV2Response) and a.status_code == 201, "add member: 201")
    check(any(m.host == "192.168.2.10" and HEX32.match(m.id) for m in a.members), "add member: new id")
    lm = c.list_backend_instances_v2(ListBackendInstancesV2Request(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(isinstance(lm, ListBackendInstancesV2Response), "members: response type")
    check(lm.total == 3 and sorted(m.host for m in lm.members) == ["192.168.0.5", "192.168.1.124", "192.168.2.10"],
          "add member: the others stay")
    ok("add member: additive POST, 3 members now")

    # The other member, group and health-check calls, each answer parsed by its model.
    ids = dict(instance_id=INSTANCE, vpc_channel_id=server.id)
    cg = c.create_member_group(CreateMemberGroupRequest(**ids, body=to_model(
        "MemberGroupCreateBatch", {"member_groups": [{"member_group_name": "extra", "member_group_weight": 4}]})))
    check(isinstance(cg, CreateMemberGroupResponse) and cg.status_code == 201, "create group: 201")
    extra = cg.member_groups[0].member_group_id
    sg = c.show_details_of_member_group(ShowDetailsOfMemberGroupRequest(**ids, member_group_id=extra))
    check(isinstance(sg, ShowDetailsOfMemberGroupResponse) and sg.member_group_weight == 4, "show group")
    ug = c.update_member_group(UpdateMemberGroupRequest(**ids, member_group_id=extra, body=to_model(
        "MemberGroupCreate", {"member_group_name": "extra_renamed", "member_group_weight": 5})))
    check(isinstance(ug, UpdateMemberGroupResponse) and ug.member_group_name == "extra_renamed", "update group")
    ub = c.update_backend_instances_v2(UpdateBackendInstancesV2Request(**ids, body=to_model(
        "VpcMemberModify", {"member_group_name": "extra_renamed", "members": [{"host": "192.168.3.1"}, {"host": "192.168.3.2"}]})))
    check(isinstance(ub, UpdateBackendInstancesV2Response) and ub.total == 2, "overwrite group members")
    one = [m.id for m in ub.members][:1]
    r = c.batch_disable_members(BatchDisableMembersRequest(**ids, body=to_model("MembersBatchEnableOrDisable", {"member_ids": one})))
    check(r.status_code == 204, "batch disable: 204")
    r = c.batch_enable_members(BatchEnableMembersRequest(**ids, body=to_model("MembersBatchEnableOrDisable", {"member_ids": one})))
    check(r.status_code == 204, "batch enable: 204")
    r = c.delete_backend_instance_v2(DeleteBackendInstanceV2Request(**ids, member_id=one[0]))
    check(r.status_code == 204, "delete member: 204")
    expect_error(lambda: c.delete_backend_instance_v2(DeleteBackendInstanceV2Request(**ids, member_id=one[0])),
                 404, "APIG.3024", "delete member again")
    hc = c.update_health_check(UpdateHealthCheckRequest(**ids, body=to_model("VpcHealthConfig", {
        "protocol": "TCP", "threshold_normal": 2, "threshold_abnormal": 3, "time_interval": 10, "timeout": 4})))
    check(isinstance(hc, UpdateHealthCheckResponse) and hc.protocol == "tcp" and hc.timeout == 4, "update health check")
    r = c.delete_member_group(DeleteMemberGroupRequest(**ids, member_group_id=extra))
    check(r.status_code == 204, "delete group: 204")
    lm = c.list_backend_instances_v2(ListBackendInstancesV2Request(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(lm.total == 3, f"after the group calls: {lm.total} members")
    ok("member groups, member overwrite, enable/disable, member delete, health check")

    # Create, duplicate name, delete, gone.
    new = dict(example, name="sdk_created_channel")
    cr = c.create_vpc_channel_v2(CreateVpcChannelV2Request(instance_id=INSTANCE, body=to_model("VpcCreate", new)))
    check(isinstance(cr, CreateVpcChannelV2Response) and cr.status_code == 201, "create: 201")
    check(HEX32.match(cr.id) and cr.name == "sdk_created_channel", "create: id and name")
    ok(f"create: {cr.id}")
    expect_error(lambda: c.create_vpc_channel_v2(CreateVpcChannelV2Request(
        instance_id=INSTANCE, body=to_model("VpcCreate", new))), 400, "APIG.3208", "create again")
    dl = c.delete_vpc_channel_v2(DeleteVpcChannelV2Request(instance_id=INSTANCE, vpc_channel_id=cr.id))
    check(dl.status_code == 204, f"delete: status {dl.status_code}")
    ok("delete: 204")
    expect_error(lambda: c.show_details_of_vpc_channel_v2(ShowDetailsOfVpcChannelV2Request(
        instance_id=INSTANCE, vpc_channel_id=cr.id)), 404, "APIG.3023", "show deleted")

    # Wrong key, unknown id, invalid body.
    expect_error(lambda: client(SK + "x").list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=INSTANCE)),
                 401, "APIG.1002", "wrong SK")
    e = expect_error(lambda: c.show_details_of_vpc_channel_v2(ShowDetailsOfVpcChannelV2Request(
        instance_id=INSTANCE, vpc_channel_id="0" * 32)), 404, "APIG.3023", "unknown id")
    check(e.error_msg.endswith("id:" + "0" * 32), "unknown id: message names the id")
    bad = dict(example, members=[{"host": "192.168.0.5", "weight": 20000, "member_group_name": "test"}])
    e = expect_error(lambda: c.update_vpc_channel_v2(UpdateVpcChannelV2Request(
        instance_id=INSTANCE, vpc_channel_id=server.id, body=to_model("VpcCreate", bad))), 400, "APIG.2004", "invalid body")
    check(e.error_msg.endswith("parameterName:weight"), "invalid body: message names the parameter")
    d = c.show_details_of_vpc_channel_v2(
        ShowDetailsOfVpcChannelV2Request(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(len(d.members) == 3, "invalid body: nothing changed")
    ok("invalid body: channel unchanged")
    print("all checks passed")


if __name__ == "__main__":
    main()
