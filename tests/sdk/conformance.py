"""Conformance check: the official Huawei Cloud APIG SDK, unchanged, against `chanedit emulator`.

Usage: conformance.py ENDPOINT PROJECT_ID INSTANCE_ID AK SK FIXTURES_DIR STAGING_ID EXTRA_ID TOKEN

The emulator serves three gateways of the project: INSTANCE_ID with the demo's first gateway,
STAGING_ID (the demo's second) and EXTRA_ID (empty). Every call goes through the SDK's own
client (AK/SK signing included) and every answer is parsed by the SDK's own models. All
seventeen channel, member, group and health-check operations of the SDK are exercised, with
every list filter, plus ListInstancesV2 and ListApisV2, and the documented error answers;
each write is read back. TOKEN is used only for the emulator's own control call. Prints one
line per check; exits 1 on the first failure.
"""

import json
import os
import re
import sys

import requests

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
    ListInstancesV2Request,
    ListInstancesV2Response,
    ListApisV2Request,
    ListApisV2Response,
    ShowDetailsOfVpcChannelV2Request,
    ShowDetailsOfVpcChannelV2Response,
    UpdateVpcChannelV2Request,
    UpdateVpcChannelV2Response,
)

ENDPOINT, PROJECT, INSTANCE, AK, SK, FIXTURES, STAGING, EXTRA, TOKEN = sys.argv[1:10]
# Demo ids (assets/demo.json).
BULK = "0d1e2f3a4b5c46d8e9f0a1b2c3d4e5f6"
CATALOG = "8b9c0d1e2f3a44b6c7d8e9f0a1b2c3d4"
GREEN = "a1f0c3d2e4b5469788a9b0c1d2e3f402"
PAYMENTS = "6f708192a3b4c5d6e7f8091a2b3c4d5e"
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


def names_of(channels):
    return sorted(ch.name for ch in channels)


def gateways(c):
    r = c.list_instances_v2(ListInstancesV2Request())
    check(isinstance(r, ListInstancesV2Response) and r.status_code == 200, "gateways: response")
    check(all(isinstance(g, models.RespInstanceBase) for g in r.instances), "gateways: item type")
    check([g.id for g in r.instances] == [INSTANCE, STAGING, EXTRA], f"gateways: {[g.id for g in r.instances]}")
    check(all(g.status == "Running" and g.project_id == PROJECT and g.create_time > 0 for g in r.instances),
          "gateways: status, project, creation time")
    page = c.list_instances_v2(ListInstancesV2Request(offset=1, limit=1))
    check(page.size == 1 and page.total == 3 and page.instances[0].id == STAGING, "gateways: paging")
    named = c.list_instances_v2(ListInstancesV2Request(instance_name="staging"))
    check([g.id for g in named.instances] == [STAGING], "gateways: instance_name filter")
    one = c.list_instances_v2(ListInstancesV2Request(instance_id=EXTRA, status="Running"))
    check([g.id for g in one.instances] == [EXTRA], "gateways: instance_id and status filters")
    ok("ListInstancesV2: three gateways, filters and paging")


def channel_filters(c):
    def names(**kw):
        r = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=INSTANCE, limit=500, **kw))
        check(isinstance(r, ListVpcChannelsV2Response), f"filter {kw}: response type")
        return names_of(r.vpc_channels)
    check(names(id=BULK) == ["bulk_2000"], "filter: id")
    check(names(name="web") == ["web_backend", "web_reference"], "filter: name (substring)")
    check(names(name="web", precise_search="name") == [], "filter: name (precise)")
    check(names(member_host="192.168.1.24") == ["web_backend"], "filter: member_host")
    check(names(member_port=8081) == ["web_backend"], "filter: member_port")
    check(names(member_group_name="rack") == ["bulk_2000"], "filter: member_group_name")
    check(names(member_group_name="rack", precise_search="member_group_name") == [], "filter: member_group_name (precise)")
    check(names(member_group_id=GREEN) == ["web_backend"], "filter: member_group_id")
    check(names(vpc_channel_type="microservice") == ["catalog_nacos", "orders_cce"], "filter: vpc_channel_type")
    expect_error(lambda: c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=INSTANCE, dict_code="ab")),
                 400, "APIG.2012", "filter: dict_code too short")
    ok("ListVpcChannelsV2: every filter")


def member_filters(c):
    def members(**kw):
        r = c.list_backend_instances_v2(ListBackendInstancesV2Request(instance_id=INSTANCE, vpc_channel_id=BULK, **kw))
        check(isinstance(r, ListBackendInstancesV2Response), f"members {kw}: response type")
        return r
    r = members(limit=500)
    check(r.total == 2000 and r.size == 500 and len(r.members) == 500, "members: a 500 page of 2000")
    r = members(member_group_name="rack_a", precise_search="member_group_name", limit=500, offset=900)
    check(r.total == 1000 and r.size == 100, f"members: group filter {r.total} {r.size}")
    check(all(m.member_group_name == "rack_a" for m in r.members), "members: group filter items")
    gid = r.members[0].member_group_id
    r = members(member_group_id=gid)
    check(r.total == 1000, "members: member_group_id filter")
    r = members(name="10.20.0.1", precise_search="name")
    check(r.total == 1 and r.members[0].host == "10.20.0.1", "members: name filter (precise)")
    ok("ListBackendInstancesV2: name, member_group_name, member_group_id, precise_search, paging")


def other_gateways(c):
    r = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=STAGING))
    check([ch.id for ch in r.vpc_channels] == [PAYMENTS], "staging: its own channel")
    expect_error(lambda: c.show_details_of_vpc_channel_v2(ShowDetailsOfVpcChannelV2Request(
        instance_id=STAGING, vpc_channel_id=BULK)), 404, "APIG.3023", "a channel of another gateway")
    expect_error(lambda: c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id="f" * 32)),
                 404, "APIG.3030", "an unknown gateway")
    ok("several gateways: channels kept apart")


def apis(c, channel_name, channel_id, want):
    r = c.list_apis_v2(ListApisV2Request(instance_id=INSTANCE, vpc_channel_name=channel_name,
                                          precise_search="vpc_channel_name", limit=500))
    check(isinstance(r, ListApisV2Response) and r.status_code == 200, "apis: response")
    check(all(isinstance(a, models.ApiInfoPerPage) for a in r.apis), "apis: item type")
    got = sorted(a.name for a in r.apis)
    check(got == want, f"apis of {channel_name}: {got}")
    check(all(a.backend_api.vpc_channel_info.vpc_channel_id == channel_id for a in r.apis), "apis: their channel")
    check(all(a.req_method and a.req_uri.startswith("/") for a in r.apis), "apis: method and path")
    return r


def created_in_extra(c, example):
    """Create, fill, overwrite and delete a channel in the empty third gateway."""
    body = dict(example, name="sdk_extra_channel")
    cr = c.create_vpc_channel_v2(CreateVpcChannelV2Request(instance_id=EXTRA, body=to_model("VpcCreate", body)))
    check(cr.status_code == 201 and HEX32.match(cr.id), "extra gateway: create")
    listed = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=EXTRA))
    check([ch.id for ch in listed.vpc_channels] == [cr.id], "extra gateway: the new channel is listed there")
    first = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=INSTANCE, name="sdk_extra_channel"))
    check(first.total == 0, "extra gateway: not in the first gateway")
    ids = dict(instance_id=EXTRA, vpc_channel_id=cr.id)
    ub = c.update_backend_instances_v2(UpdateBackendInstancesV2Request(**ids, body=to_model(
        "VpcMemberModify", {"members": [{"host": "10.9.0.1", "member_group_name": "test"},
                                         {"host": "10.9.0.2", "member_group_name": "default"}]})))
    check(isinstance(ub, UpdateBackendInstancesV2Response) and ub.total == 2, "overwrite all members")
    lm = c.list_backend_instances_v2(ListBackendInstancesV2Request(**ids))
    check(sorted(m.host for m in lm.members) == ["10.9.0.1", "10.9.0.2"], "overwrite all members: read back")
    dl = c.delete_vpc_channel_v2(DeleteVpcChannelV2Request(**ids))
    check(dl.status_code == 204, "extra gateway: delete")
    listed = c.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=EXTRA))
    check(listed.total == 0, "extra gateway: empty again")
    ok("create, overwrite all members and delete in the third gateway")


def set_health(host, status):
    """The emulator's own control call (not part of the SDK), with the emulator's token."""
    r = requests.post(f"{ENDPOINT}/_emulator/health", headers={"X-Auth-Token": TOKEN}, json={
        "instance_id": INSTANCE, "vpc_channel_id": BULK, "host": host, "health_status": status})
    check(r.status_code == 200, f"control call: {r.status_code} {r.text}")


def main():
    c = client(SK)
    gateways(c)
    channel_filters(c)
    member_filters(c)
    other_gateways(c)

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
    sg = c.show_details_of_member_group(ShowDetailsOfMemberGroupRequest(**ids, member_group_id=extra))
    check(sg.member_group_name == "extra_renamed" and sg.member_group_weight == 5, "update group: read back")
    lg = c.list_member_groups(ListMemberGroupsRequest(**ids, member_group_name="renam"))
    check([x.member_group_id for x in lg.member_groups] == [extra], "groups: name filter")
    lg = c.list_member_groups(ListMemberGroupsRequest(**ids, member_group_name="renam", precise_search="member_group_name"))
    check(lg.total == 0, "groups: name filter (precise)")
    in_group = c.list_backend_instances_v2(ListBackendInstancesV2Request(**ids, member_group_name="extra_renamed"))
    check(sorted(m.host for m in in_group.members) == ["192.168.3.1", "192.168.3.2"], "overwrite group members: read back")
    one = [m.id for m in ub.members][:1]

    def status_of(member_id):
        lm = c.list_backend_instances_v2(ListBackendInstancesV2Request(**ids, limit=500))
        return next(m.status for m in lm.members if m.id == member_id)
    r = c.batch_disable_members(BatchDisableMembersRequest(**ids, body=to_model("MembersBatchEnableOrDisable", {"member_ids": one})))
    check(r.status_code == 204, "batch disable: 204")
    check(status_of(one[0]) == 2, "batch disable: read back")
    e = expect_error(lambda: c.batch_enable_members(BatchEnableMembersRequest(**ids, body=to_model(
        "MembersBatchEnableOrDisable", {"member_ids": one + ["0" * 32]}))), 400, "APIG.2012", "batch enable of an unknown id")
    check(e.error_msg.endswith("parameterName:id"), "batch enable of an unknown id: names id")
    check(status_of(one[0]) == 2, "batch enable of an unknown id: nothing changed")
    r = c.batch_enable_members(BatchEnableMembersRequest(**ids, body=to_model("MembersBatchEnableOrDisable", {"member_ids": one})))
    check(r.status_code == 204, "batch enable: 204")
    check(status_of(one[0]) == 1, "batch enable: read back")
    r = c.delete_backend_instance_v2(DeleteBackendInstanceV2Request(**ids, member_id=one[0]))
    check(r.status_code == 204, "delete member: 204")
    expect_error(lambda: c.delete_backend_instance_v2(DeleteBackendInstanceV2Request(**ids, member_id=one[0])),
                 404, "APIG.3024", "delete member again")
    hc = c.update_health_check(UpdateHealthCheckRequest(**ids, body=to_model("VpcHealthConfig", {
        "protocol": "TCP", "threshold_normal": 2, "threshold_abnormal": 3, "time_interval": 10, "timeout": 4})))
    check(isinstance(hc, UpdateHealthCheckResponse) and hc.protocol == "tcp" and hc.timeout == 4, "update health check")
    d = c.show_details_of_vpc_channel_v2(ShowDetailsOfVpcChannelV2Request(**ids))
    h = d.vpc_health_config
    check((h.protocol, h.threshold_abnormal, h.timeout) == ("tcp", 3, 4), "update health check: read back")
    r = c.delete_member_group(DeleteMemberGroupRequest(**ids, member_group_id=extra))
    check(r.status_code == 204, "delete group: 204")
    expect_error(lambda: c.show_details_of_member_group(ShowDetailsOfMemberGroupRequest(**ids, member_group_id=extra)),
                 404, "APIG.3023", "delete group: gone")
    lm = c.list_backend_instances_v2(ListBackendInstancesV2Request(instance_id=INSTANCE, vpc_channel_id=server.id))
    check(lm.total == 3, f"after the group calls: {lm.total} members")
    ok("member groups, member overwrite, enable/disable, member delete, health check")

    # APIs that route through a channel; the filter follows the channel's new name.
    apis(c, "VPC_demo", server.id, ["create_order", "list_orders", "web_health"])
    apis(c, "catalog_nacos", CATALOG, ["search_catalog"])
    apis(c, "bulk_2000", BULK, [])
    expect_error(lambda: c.delete_vpc_channel_v2(DeleteVpcChannelV2Request(instance_id=INSTANCE, vpc_channel_id=CATALOG)),
                 403, "APIG.3414", "delete a channel APIs use")
    c.show_details_of_vpc_channel_v2(ShowDetailsOfVpcChannelV2Request(instance_id=INSTANCE, vpc_channel_id=CATALOG))
    ok("ListApisV2 by channel; a channel in use stays")

    # Simulated health, read through the SDK's member model.
    set_health("10.20.0.2", "unhealthy")
    r = c.list_backend_instances_v2(ListBackendInstancesV2Request(
        instance_id=INSTANCE, vpc_channel_id=BULK, name="10.20.0.2", precise_search="name"))
    check([m.health_status for m in r.members] == ["unhealthy"], "control call: health read back")
    ok("control call: simulated member health")

    created_in_extra(c, example)

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
    for name, code in [("ab", "APIG.2005"), ("a" * 65, "APIG.2006")]:
        e = expect_error(lambda: c.create_vpc_channel_v2(CreateVpcChannelV2Request(
            instance_id=INSTANCE, body=to_model("VpcCreate", dict(example, name=name)))), 400, code, f"name of {len(name)}")
        check(e.error_msg.endswith("parameterName:name"), f"name of {len(name)}: names the parameter")
    print("all checks passed")


if __name__ == "__main__":
    main()
